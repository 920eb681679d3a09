// What the map page asks besides train / results / scores / explain: every customer's position
// with what to colour it by (segment, churn risk, value, anomaly score, saved segments), the
// list of unusual customers, and the segments drawn on the map.
import type { FamilyEnv } from '../runtime';
import { currentSegments } from '../segments/family';
import type { UnusualColumn } from './model';
import { deleteSegment, saveSegment, savedSegments, type SavedSegment } from './segments';

export interface MapPoints {
  modelId: string | null;
  ids: string[];
  x: Float32Array;
  y: Float32Array;
  anomaly: Float32Array;
  /** Score above which a customer is listed as unusual. */
  threshold: number;
  /** Churn risk from the active churn model (NaN where it has none); null without one. */
  risk: Float32Array | null;
  /** Lifetime value when fitted, else net spend; NaN unknown; null when neither exists. */
  value: Float32Array | null;
  valueSource: 'clv' | 'spend' | null;
  /** Index into `segments` (RFM segment as of the last order); -1 none. */
  segment: Int16Array;
  segments: string[];
  saved: SavedSegment[];
}

export interface UnusualCustomer {
  id: string;
  name: string;
  score: number;
  unusual: UnusualColumn[];
}

async function points(env: FamilyEnv): Promise<MapPoints> {
  const rt = env.runtime;
  const page = await rt.scores(env.family, { limit: Number.MAX_SAFE_INTEGER });
  const rows = page.rows.sort((a, b) => (a.entityId < b.entityId ? -1 : 1));
  const n = rows.length;
  const v = page.modelId ? await rt.version(env.family, page.modelId) : undefined;
  const inputs = await rt.inputs();
  const churn = await rt.activeScoreMap('churn');
  const clv = await rt.activeScoreMap('clv');
  const spent = new Map((inputs.stats ?? []).map((s) => [s.customerId, s.totalSpent]));
  const valueSource = clv.size ? 'clv' : spent.size ? 'spend' : null;
  const seg = currentSegments(inputs);
  const segments = [...new Set(seg.values())].sort();
  const segIndex = new Map(segments.map((s, i) => [s, i]));
  const pick = (f: (id: string) => number | undefined) => Float32Array.from(rows, (r) => f(r.entityId) ?? NaN); // prettier-ignore
  return {
    modelId: page.modelId,
    ids: rows.map((r) => r.entityId),
    x: Float32Array.from(rows, (r) => Number(r.detail?.x)),
    y: Float32Array.from(rows, (r) => Number(r.detail?.y)),
    anomaly: Float32Array.from(rows, (r) => r.value),
    threshold: v?.metrics.threshold ?? Infinity,
    risk: churn.size ? pick((id) => churn.get(id)?.value) : null,
    value: valueSource === 'clv' ? pick((id) => clv.get(id)?.value) : valueSource === 'spend' ? pick((id) => spent.get(id)) : null, // prettier-ignore
    valueSource,
    segment: Int16Array.from({ length: n }, (_, i) => segIndex.get(seg.get(rows[i].entityId) ?? '') ?? -1), // prettier-ignore
    segments,
    saved: await savedSegments(rt.db)
  };
}

export const mapActions = {
  points: (env: FamilyEnv, _args: undefined): Promise<MapPoints> => points(env),

  /** The most unusual customers first, with the columns that make them so. */
  async unusual(env: FamilyEnv, args: { limit?: number } | undefined): Promise<UnusualCustomer[]> {
    const page = await env.runtime.scores(env.family, { limit: args?.limit ?? 20 });
    const people = new Map((await env.runtime.inputs()).customers.map((c) => [c.id, c]));
    return page.rows.map((r) => ({
      id: r.entityId,
      name: people.get(r.entityId)?.name ?? '',
      score: r.value,
      unusual: (r.detail?.unusual ?? []) as UnusualColumn[]
    }));
  },

  segments: (env: FamilyEnv, _args: undefined): Promise<SavedSegment[]> => savedSegments(env.runtime.db), // prettier-ignore

  saveSegment: (env: FamilyEnv, args: { name: string; ids: string[] }): Promise<SavedSegment[]> =>
    saveSegment(env.runtime.db, args.name, args.ids),

  deleteSegment: (env: FamilyEnv, args: { id: string }): Promise<SavedSegment[]> =>
    deleteSegment(env.runtime.db, args.id)
};
