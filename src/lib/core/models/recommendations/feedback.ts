// What users did with recommendations (offered / accepted / rejected), kept in the database's
// `feedback` table ('++id, customerId, ts'): the acceptance rate of each model version, and the
// pairs the next training learns from (the latest signal for a customer and product counts).
import type { RapportDb } from '../../db';
import type { Pair } from './dataset';

export const FEEDBACK_FAMILY = 'recommend';
export const SIGNALS = ['offered', 'accepted', 'rejected'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface FeedbackEntry {
  id?: number;
  customerId: string;
  ts: number;
  family: typeof FEEDBACK_FAMILY;
  item: string;
  signal: Signal;
  /** The model version whose recommendation it was ('' when unknown). */
  modelId: string;
}

export async function recordFeedback(
  db: RapportDb,
  e: Omit<FeedbackEntry, 'family' | 'id' | 'ts'> & { ts?: number }
): Promise<FeedbackEntry> {
  if (!SIGNALS.includes(e.signal)) throw new Error(`unknown feedback signal "${e.signal}"`);
  const row: FeedbackEntry = { ...e, ts: e.ts ?? Date.now(), family: FEEDBACK_FAMILY };
  row.id = await db.feedback.add({ ...row });
  return row;
}

/** Recommendation feedback, oldest first (of one customer when given). */
export async function listFeedback(db: RapportDb, customerId?: string): Promise<FeedbackEntry[]> {
  const rows = customerId
    ? await db.feedback.where('customerId').equals(customerId).toArray()
    : await db.feedback.toArray();
  return (rows as unknown as FeedbackEntry[])
    .filter((r) => r.family === FEEDBACK_FAMILY)
    .sort((a, b) => a.ts - b.ts || (a.id ?? 0) - (b.id ?? 0));
}

/** The latest signal per (customer, product). */
export function latestSignals(rows: readonly FeedbackEntry[]): Map<string, FeedbackEntry> {
  const out = new Map<string, FeedbackEntry>();
  for (const r of rows) out.set(`${r.customerId}\u0000${r.item}`, r);
  return out;
}

/** What the next training learns from: pairs whose latest signal is accepted or rejected. */
export function feedbackPairs(rows: readonly FeedbackEntry[]): {
  accepted: Pair[];
  rejected: Pair[];
} {
  const accepted: Pair[] = [];
  const rejected: Pair[] = [];
  for (const r of latestSignals(rows).values())
    if (r.signal === 'accepted') accepted.push([r.customerId, r.item]);
    else if (r.signal === 'rejected') rejected.push([r.customerId, r.item]);
  return { accepted, rejected };
}

export interface Acceptance {
  modelId: string;
  offered: number;
  accepted: number;
  rejected: number;
  /** accepted / (accepted + rejected); null before any decision. */
  rate: number | null;
}

/** Per model version: recommendations offered, accepted and rejected (each pair's latest word). */
export function acceptanceByModel(rows: readonly FeedbackEntry[]): Acceptance[] {
  const by = new Map<string, Acceptance>();
  const offered = new Set<string>();
  for (const r of rows) {
    const a = by.get(r.modelId) ?? { modelId: r.modelId, offered: 0, accepted: 0, rejected: 0, rate: null }; // prettier-ignore
    by.set(r.modelId, a);
    const key = `${r.modelId}\u0000${r.customerId}\u0000${r.item}`;
    if (!offered.has(key)) {
      offered.add(key);
      a.offered++;
    }
  }
  for (const r of latestSignals(rows).values()) {
    const a = by.get(r.modelId)!;
    if (r.signal === 'accepted') a.accepted++;
    else if (r.signal === 'rejected') a.rejected++;
  }
  for (const a of by.values())
    a.rate = a.accepted + a.rejected ? a.accepted / (a.accepted + a.rejected) : null;
  return [...by.values()].sort((a, b) => (a.modelId < b.modelId ? 1 : -1));
}
