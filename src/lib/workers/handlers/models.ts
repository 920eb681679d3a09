// Model handlers: churn (models-churn.ts), the registry, lifetime value, segments and the
// feature table download.
import { bgNbdExpectedPurchases } from '../../core/models/clv/bgnbd';
import {
  DAY_MS,
  fitLifetimeValue,
  LifetimeValueModel,
  summariseTransactions,
  type Transaction
} from '../../core/models/clv';
import { featureTableToCsv } from '../../core/features/table';
import type { ColumnInfo } from '../../core/features/columns';
import { kMeans, proposeK } from '../../core/models/segments/kmeans';
import { rfmSummary, type RfmSummary } from '../../core/models/segments/rfm';
import {
  activateModel,
  activeModel,
  listModels,
  saveModel,
  saveScores,
  scoresOf,
  type ClvScore
} from '../../core/models/registry';
import type { Metrics } from '../../core/models/model';
import type { Handler } from '../protocol';
import { getDb } from '../db';
import { churnData, loadInputs, planLabel, rfmRows, type LabelChoice } from './models-data';
import { churnHandlers, type ChurnHandlers } from './models-churn';

export type * from './models-churn';
export type { LabelPlan, LabelChoice } from './models-data';

export interface ModelVersion {
  id: string;
  family: string;
  version: number;
  kind: string;
  active: boolean;
  createdAt: number;
  metrics: Metrics;
  backend: string;
  trainingMs: number;
  snapshotDate: number;
}

export interface ClvParam {
  name: string;
  value: number;
  se: number;
}

export interface ClvResults {
  modelId: string;
  version: number;
  createdAt: number;
  calibrationEnd: number;
  params: ClvParam[];
  logLik: { purchases: number; spend: number | null };
  regularised: boolean;
  customers: number;
  totals: { clv: number; clvLow: number; clvHigh: number; expectedPurchases90: number };
  total: number;
  rows: ClvScore[];
}

export interface SegmentsRfm {
  customers: number;
  segments: (RfmSummary & { recency: number; frequency: number; monetary: number })[];
}

export interface Cluster {
  cluster: number;
  customers: number;
  share: number;
  recencyDays: number;
  orders: number;
  spend: number;
  /** Each of recency / frequency / spend as 'high' | 'low' | 'average' against everyone. */
  traits: { recency: Level; frequency: Level; spend: Level };
}
export type Level = 'high' | 'low' | 'average';

export interface FeatureTableView {
  rows: number;
  kept: { name: string; origin: string; kind: string; encoded: number; note: string }[];
  dropped: ColumnInfo[];
  csv: string;
}

export interface ModelsHandlers extends ChurnHandlers {
  'models.list': Handler<{ kind: string }, ModelVersion[]>;
  'models.activate': Handler<{ id: string }, ModelVersion[]>;
  'clv.fit': Handler<undefined, { modelId: string; customers: number }>;
  'clv.results': Handler<{ offset?: number; limit?: number } | undefined, ClvResults | null>;
  'segments.rfm': Handler<undefined, SegmentsRfm>;
  'segments.kmeans': Handler<
    { k?: number } | undefined,
    {
      k: number;
      proposedK: number;
      silhouette: { k: number; silhouette: number }[];
      clusters: Cluster[];
    }
  >;
  'features.table': Handler<
    { label?: LabelChoice; include?: string[]; exclude?: string[] } | undefined,
    FeatureTableView
  >;
}

async function versions(family: string): Promise<ModelVersion[]> {
  return (await listModels(getDb(), family)).map((r) => ({
    id: r.id,
    family: r.family,
    version: r.version,
    kind: r.model.kind,
    active: r.active,
    createdAt: r.model.createdAt,
    metrics: r.model.metrics,
    backend: r.model.backend,
    trainingMs: r.model.trainingMs,
    snapshotDate: r.model.snapshotDate
  }));
}

/** BG/NBD + Gamma-Gamma on purchase days up to the last order (Fader, Hardie & Lee 2005). */
async function clvFit(ctx: Parameters<ModelsHandlers['clv.fit']>[1]) {
  const inp = await loadInputs();
  const tx: Transaction[] = [];
  for (const o of inp.orders)
    if (!o.cancelled && o.quantity > 0)
      tx.push({ customerId: o.customerId, ts: o.ts, amount: o.quantity * o.unitPrice });
  if (!tx.length) throw new Error('no orders to fit lifetime value on');
  const summary = summariseTransactions(tx, { calibrationEnd: inp.lastTs, unit: 'weeks' });
  ctx.progress({ done: 0, total: 2, message: 'fit' });
  const model = fitLifetimeValue(summary, { calibrationEnd: inp.lastTs, unit: 'weeks' });
  ctx.signal.throwIfAborted();
  ctx.progress({ done: 1, total: 2, message: 'forecast' });
  const year = model.predict(summary, 365);
  const bg = model.purchaseFit.params;
  const scores: ClvScore[] = year.map((f, i) => {
    const c = summary[i];
    return {
      modelId: '',
      customerId: f.customerId,
      kind: 'clv',
      pAlive: f.pAlive,
      expectedPurchases90: bgNbdExpectedPurchases(bg, 90 / 7, c.frequency, c.recency, c.T),
      expectedPurchases365: f.expectedPurchases,
      nextPurchaseTs:
        f.nextPurchaseInDays === null ? null : model.calibrationEnd + f.nextPurchaseInDays * DAY_MS,
      clv: f.clv,
      clvLow: Number.isFinite(f.clvLow) ? f.clvLow : f.clv,
      clvHigh: Number.isFinite(f.clvHigh) ? f.clvHigh : f.clv
    };
  });
  ctx.signal.throwIfAborted();
  const db = getDb();
  const rec = await saveModel(db, model.toJSON(), { family: 'clv' });
  await saveScores(db, rec.id, scores);
  ctx.progress({ done: 2, total: 2 });
  return { modelId: rec.id, customers: scores.length };
}

async function clvResults(args: { offset?: number; limit?: number } | undefined) {
  const db = getDb();
  const rec = await activeModel(db, 'clv');
  if (!rec) return null;
  const m = LifetimeValueModel.fromJSON(rec.model);
  const p = m.params as unknown as Record<string, number>;
  const se = m.stdErrors as unknown as Record<string, number>;
  const names = ['r', 'alpha', 'a', 'b', 'p', 'q', 'gamma'].filter((k) => p[k] !== undefined);
  const rows = ((await scoresOf(db, rec.id)) as ClvScore[]).sort((a, b) => b.clv - a.clv);
  const sum = (f: (s: ClvScore) => number) => rows.reduce((s, r) => s + f(r), 0);
  const offset = args?.offset ?? 0;
  const limit = args?.limit ?? 100;
  return {
    modelId: rec.id,
    version: rec.version,
    createdAt: rec.model.createdAt,
    calibrationEnd: m.calibrationEnd,
    params: names.map((name) => ({ name, value: p[name], se: se[name] ?? NaN })),
    logLik: m.logLik,
    regularised: m.regularised,
    customers: rows.length,
    // Summed bounds are conservative (per-customer intervals are not independent).
    totals: {
      clv: sum((r) => r.clv),
      clvLow: sum((r) => r.clvLow),
      clvHigh: sum((r) => r.clvHigh),
      expectedPurchases90: sum((r) => r.expectedPurchases90)
    },
    total: rows.length,
    rows: rows.slice(offset, offset + limit)
  } satisfies ClvResults;
}

async function segmentsRfm(): Promise<SegmentsRfm> {
  const rows = rfmRows(await loadInputs());
  return {
    customers: rows.length,
    segments: rfmSummary(rows).map((s) => {
      const inSeg = rows.filter((r) => r.segment === s.segment);
      const avg = (f: (r: (typeof rows)[number]) => number) =>
        inSeg.length ? inSeg.reduce((a, r) => a + f(r), 0) / inSeg.length : 0;
      return {
        ...s,
        recency: avg((r) => r.recencyDays),
        frequency: avg((r) => r.frequency),
        monetary: avg((r) => r.monetary)
      };
    })
  };
}

/** k-means on standardised (recency, log orders, log spend); clusters described by level. */
async function segmentsKmeans(k?: number) {
  const rows = rfmRows(await loadInputs());
  if (rows.length < 4) throw new Error('too few customers with orders for clusters');
  const raw = rows.map((r) => [
    r.recencyDays,
    Math.log1p(r.frequency),
    Math.log1p(Math.max(0, r.monetary))
  ]);
  const mu = [0, 1, 2].map((j) => raw.reduce((s, r) => s + r[j], 0) / raw.length);
  const sd = [0, 1, 2].map(
    (j) => Math.sqrt(raw.reduce((s, r) => s + (r[j] - mu[j]) ** 2, 0) / raw.length) || 1
  );
  const X = Float32Array.from(raw.flatMap((r) => r.map((v, j) => (v - mu[j]) / sd[j])));
  const proposal = proposeK(X, 3, 2, Math.min(8, rows.length - 1));
  const kk = Math.max(1, Math.min(k ?? proposal.k, rows.length));
  const res = kMeans(X, 3, kk);
  const level = (z: number): Level => (z > 0.5 ? 'high' : z < -0.5 ? 'low' : 'average');
  const clusters: Cluster[] = [];
  for (let c = 0; c < kk; c++) {
    const members = rows.filter((_, i) => res.assignments[i] === c);
    const avg = (f: (r: (typeof rows)[number]) => number) =>
      members.reduce((s, r) => s + f(r), 0) / Math.max(1, members.length);
    const z = [0, 1, 2].map((j) => res.centroids[c * 3 + j]);
    clusters.push({
      cluster: c + 1,
      customers: members.length,
      share: members.length / rows.length,
      recencyDays: avg((r) => r.recencyDays),
      orders: avg((r) => r.frequency),
      spend: avg((r) => r.monetary),
      traits: { recency: level(z[0]), frequency: level(z[1]), spend: level(z[2]) }
    });
  }
  clusters.sort((a, b) => b.customers - a.customers);
  return {
    k: kk,
    proposedK: proposal.k,
    silhouette: proposal.scores.map((s) => ({ k: s.k, silhouette: s.silhouette })),
    clusters
  };
}

async function featuresTable(
  args: { label?: LabelChoice; include?: string[]; exclude?: string[] } | undefined
): Promise<FeatureTableView> {
  const inp = await loadInputs();
  const { table } = churnData(inp, planLabel(inp, args?.label), args ?? {});
  const sources = [...new Set(table.columns.map((c) => c.source))];
  return {
    rows: table.nRows,
    kept: sources.map((s) => {
      const cs = table.columns.filter((c) => c.source === s);
      return {
        name: s,
        origin: cs[0].origin,
        kind: cs[0].kind,
        encoded: cs.length,
        note: [...new Set(cs.map((c) => c.reason).filter(Boolean))].join('; ')
      };
    }),
    dropped: table.dropped,
    csv: featureTableToCsv(table)
  };
}

export const modelsHandlers: ModelsHandlers = {
  ...churnHandlers,
  'models.list': async ({ kind }) => versions(kind),
  'models.activate': async ({ id }) => {
    const rec = await activateModel(getDb(), id);
    return versions(rec.family);
  },
  'clv.fit': async (_args, ctx) => clvFit(ctx),
  'clv.results': clvResults,
  'segments.rfm': segmentsRfm,
  'segments.kmeans': async (args) => segmentsKmeans(args?.k),
  'features.table': featuresTable
};
