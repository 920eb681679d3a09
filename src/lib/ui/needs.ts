// What a page needs imported before it can work, said plainly: "Lifetime value needs orders:
// you have 7,043 customers but no orders yet". Pure, so the rule is unit-tested.
export interface Counts {
  customers: number;
  orderLines: number;
  products: number;
  interactions: number;
  relationships: number;
}

export type DataKind = keyof Counts;

/** Which kinds of data each page cannot work without. */
export const PAGE_NEEDS = {
  clv: ['orderLines'],
  segments: ['orderLines']
} as const satisfies Record<string, readonly DataKind[]>;

export type NeedsPage = keyof typeof PAGE_NEEDS;

export type Needs =
  | { kind: 'ready' }
  /** Nothing imported at all. */
  | { kind: 'empty' }
  /** Some data, but not the kinds this page needs; `have` lists what is there. */
  | { kind: 'missing'; missing: DataKind[]; have: Partial<Counts> };

export function needsFor(page: NeedsPage, counts: Counts): Needs {
  const missing = PAGE_NEEDS[page].filter((k) => !(counts[k] > 0));
  if (!missing.length) return { kind: 'ready' };
  const have: Partial<Counts> = {};
  for (const [k, v] of Object.entries(counts) as [DataKind, number][]) if (v > 0) have[k] = v;
  return Object.keys(have).length ? { kind: 'missing', missing, have } : { kind: 'empty' };
}
