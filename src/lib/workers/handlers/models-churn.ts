// Churn handlers: label choice, training with 5-fold CV, evaluation views, ranked list,
// explanations and what-ifs. The active registry version is what every view reads, so results
// come back from IndexedDB after a reload or offline.
import { rocAuc } from '../../core/evaluate/metrics';
import {
  calibrationCurve,
  gainsCurve,
  prCurve,
  rocCurve,
  confusionMatrix,
  type ConfusionMatrix
} from '../../core/evaluate';
import type { RawValue } from '../../core/features/columns';
import { rawRecord } from '../../core/features/table';
import { toCsv } from '../../core/ingest/export';
import { ChurnModel, whatIf } from '../../core/models/churn/churnModel';
import type { Importance } from '../../core/models/churn/importance';
import { classificationMetrics } from '../../core/models/churn/metrics';
import type { ReasonDetail, StructuredReason } from '../../core/models/churn/reasons';
import type { ChurnReason } from '../../core/models/churn/churnModel';
import { trainChurn, type EpochInfo } from '../../core/models/churn/train';
import type { Metrics } from '../../core/models/model';
import {
  activeModel,
  getModel,
  saveModel,
  saveScores,
  scoresOf,
  type ChurnScore,
  type ClvScore,
  type ModelRecord
} from '../../core/models/registry';
import { initTf } from '../../core/tf/backend';
import type { Handler } from '../protocol';
import { getDb } from '../db';
import { ensureBackend } from './compute';
import { tf } from '../tf';
import {
  churnData,
  loadInputs,
  planLabel,
  rfmRows,
  type LabelChoice,
  type LabelPlan
} from './models-data';

export interface ModelSummary {
  kind: string;
  mean: Metrics;
  sd: Metrics;
  folds: Metrics[];
  trainingMs: number;
}

/** Stored next to the chosen churn model in the registry. */
export interface ChurnExtra {
  label: { mode: string; column: string | null; windowDays: number; explanation: string };
  chosen: string;
  models: ModelSummary[];
  baseline: { name: string; metrics: Metrics; scores: Float32Array };
  ids: string[];
  y: Uint8Array;
  oof: Record<string, Float32Array>;
  importance: Importance[];
  labelRate: number;
  rows: number;
  columns: number;
}

export interface CurveData {
  label: string;
  x: number[];
  y: number[];
  auc: number;
}

export interface ChurnResults {
  modelId: string;
  version: number;
  createdAt: number;
  backend: string;
  trainingMs: number;
  label: ChurnExtra['label'];
  chosen: string;
  models: ModelSummary[];
  baseline: { name: string; metrics: Metrics };
  rows: number;
  labelRate: number;
  roc: CurveData[];
  pr: CurveData[];
  calibration: { label: string; x: number[]; y: number[] }[];
  gains: { label: string; x: number[]; y: number[] }[];
  confusion: ConfusionMatrix;
  threshold: number;
  importance: Importance[];
}

export interface RankedRow {
  id: string;
  risk: number;
  value: number;
  valueAtRisk: number;
  reason: string;
  /** Structured top reason for translation (absent for scores saved before it existed). */
  reasonDetail?: ReasonDetail;
  segment: string;
}

/** What `churn.train` sends as `Progress.data` after each MLP epoch. */
export type EpochProgress = EpochInfo & { type: 'epoch' };

export interface WhatIfColumn {
  name: string;
  label: string;
  kind: 'numeric' | 'categorical';
  value: RawValue;
  levels?: string[];
}

export interface ChurnHandlers {
  'churn.label': Handler<LabelChoice | undefined, LabelPlan>;
  'churn.train': Handler<
    { label?: LabelChoice; include?: string[]; exclude?: string[]; folds?: number } | undefined,
    { modelId: string; chosen: string; models: ModelSummary[]; scored: number }
  >;
  'churn.results': Handler<
    { threshold?: number; modelId?: string } | undefined,
    ChurnResults | null
  >;
  'churn.ranked': Handler<
    { segment?: string; offset?: number; limit?: number } | undefined,
    { total: number; rows: RankedRow[]; segments: string[]; modelId: string | null }
  >;
  'churn.explain': Handler<
    { id: string },
    { risk: number; reasons: StructuredReason[]; columns: WhatIfColumn[] } | null
  >;
  'churn.whatIf': Handler<
    { id: string; changes: Record<string, RawValue> },
    { before: number; after: number; change: number }
  >;
  'churn.exportCsv': Handler<undefined, string>;
}

/** tfjs on the backend the compute picker chose; plain wasm/cpu if the probe fails. */
export async function ensureTf(): Promise<string> {
  try {
    await ensureBackend();
    return await initTf([tf.getBackend()]);
  } catch {
    return initTf(['wasm', 'cpu']);
  }
}

let loaded: { id: string; model: ChurnModel } | null = null;

async function activeChurn(): Promise<{ rec: ModelRecord; model: ChurnModel } | null> {
  const rec = await activeModel(getDb(), 'churn');
  if (!rec) return null;
  if (loaded?.id !== rec.id) {
    if (rec.model.kind === 'churn-mlp') await ensureTf();
    loaded = { id: rec.id, model: ChurnModel.fromJSON(rec.model) };
  }
  return { rec, model: loaded.model };
}

/** Best single numeric column by ROC AUC (either sign): the baseline a model must beat. */
function baseline(
  table: ReturnType<typeof churnData>['table'],
  y: Uint8Array
): ChurnExtra['baseline'] {
  let best = { name: '', scores: new Float32Array(y.length).fill(0.5), auc: 0.5 };
  for (const c of table.raw.columns) {
    if (c.kind !== 'numeric') continue;
    const v = Float32Array.from(c.values, (x) => (typeof x === 'number' ? x : NaN));
    const finite = v.filter(Number.isFinite);
    const fill = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : 0;
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) v[i] = fill;
    let auc = rocAuc(y, v);
    if (!Number.isFinite(auc)) continue;
    if (auc < 0.5) {
      for (let i = 0; i < v.length; i++) v[i] = -v[i];
      auc = 1 - auc;
    }
    if (auc > best.auc) best = { name: c.label, scores: v, auc };
  }
  // Min-max to 0..1 so the curves and thresholds read like probabilities.
  const s = best.scores;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of s) ((lo = Math.min(lo, x)), (hi = Math.max(hi, x)));
  const scores = s.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0.5));
  return { name: best.name, metrics: classificationMetrics(y, scores), scores };
}

const TOP_REASONS = 3;

/** Stored form of a reason: ScoreReason fields plus key/params for the page to translate. */
function structured(r: ChurnReason): StructuredReason {
  return {
    feature: r.feature,
    text: r.text,
    direction: r.direction === 'raises' ? 'up' : 'down',
    weight: Math.abs(r.effect),
    key: r.key,
    params: r.params
  };
}

function detailOf(r: ChurnScore['reasons'][number] | undefined): ReasonDetail | undefined {
  const d = r as Partial<StructuredReason> | undefined;
  return d?.key && d.params ? { key: d.key, params: d.params } : undefined;
}

function valueOf(
  id: string,
  clv: Map<string, number>,
  spent: Map<string, number>,
  attrs: Map<string, number>
): number {
  return clv.get(id) ?? spent.get(id) ?? attrs.get(id) ?? 0;
}

async function customerValues(): Promise<(id: string) => number> {
  const inp = await loadInputs();
  const db = getDb();
  const clvRec = await activeModel(db, 'clv');
  const clv = new Map<string, number>();
  if (clvRec)
    for (const s of (await scoresOf(db, clvRec.id)) as ClvScore[]) clv.set(s.customerId, s.clv);
  const spent = new Map(inp.stats.map((s) => [s.customerId, s.totalSpent]));
  // Subscription exports (Telco) have no orders: a year of the monthly charge.
  const attrs = new Map<string, number>();
  for (const c of inp.customers) {
    const k = Object.keys(c.attributes).find((a) => /^monthly.?charges?$/i.test(a));
    const v = k ? Number(c.attributes[k]) : NaN;
    if (Number.isFinite(v)) attrs.set(c.id, v * 12);
  }
  return (id) => valueOf(id, clv, spent, attrs);
}

async function train(
  args: Parameters<ChurnHandlers['churn.train']>[0],
  ctx: Parameters<ChurnHandlers['churn.train']>[1]
) {
  const inp = await loadInputs();
  const plan = planLabel(inp, args?.label);
  const data = churnData(inp, plan, { include: args?.include, exclude: args?.exclude });
  const folds = args?.folds ?? 5;
  const backend = await ensureTf();
  let last = { done: 0, total: 1, message: '' };
  const res = await trainChurn(data.table, data.y, {
    folds,
    signal: ctx.signal,
    onProgress: (p) => {
      last = { done: p.done, total: p.total ?? 1, message: p.phase };
      ctx.progress(last);
    },
    onEpoch: (info) => ctx.progress({ ...last, data: { type: 'epoch', ...info } as EpochProgress })
  });
  ctx.signal.throwIfAborted();
  const models: ModelSummary[] = Object.values(res.results).map((r) => ({
    kind: r!.kind,
    mean: r!.mean,
    sd: r!.sd,
    folds: r!.folds,
    trainingMs: r!.trainingMs
  }));
  const oof: Record<string, Float32Array> = {};
  for (const r of Object.values(res.results)) oof[r!.kind] = r!.oof;
  const extra: ChurnExtra = {
    label: {
      mode: plan.mode,
      column: plan.column,
      windowDays: plan.windowDays,
      explanation: data.explanation
    },
    chosen: res.chosen,
    models,
    baseline: baseline(data.table, data.y),
    ids: data.table.ids,
    y: data.y,
    oof,
    importance: res.importance,
    labelRate: res.labelRate,
    rows: data.table.nRows,
    columns: data.table.nCols
  };
  // Score everyone before saving anything, so a cancel here also leaves the registry as it was.
  const model = res.model;
  const risk = model.scoreTable(data.scoring);
  const value = await customerValues();
  const scores: ChurnScore[] = [];
  for (let i = 0; i < data.scoring.ids.length; i++) {
    if (i % 200 === 0) ctx.signal.throwIfAborted();
    const id = data.scoring.ids[i];
    const reasons = model.explain(rawRecord(data.scoring, i), TOP_REASONS).map(structured);
    scores.push({
      modelId: '',
      customerId: id,
      kind: 'churn',
      risk: risk[i],
      reasons,
      value: value(id)
    });
  }
  ctx.signal.throwIfAborted();
  const saved = model.toJSON({
    metrics: res.results[res.chosen]!.mean,
    trainingMs: res.trainingMs,
    backend,
    snapshotDate: plan.scoreCutoff,
    createdAt: Date.now()
  });
  const db = getDb();
  const rec = await saveModel(db, saved, { extra, family: 'churn' });
  await saveScores(db, rec.id, scores);
  loaded = { id: rec.id, model };
  return { modelId: rec.id, chosen: res.chosen, models, scored: scores.length };
}

const curve = (label: string, x: number[], y: number[], auc: number): CurveData => {
  // Thin long curves: the chart needs a few hundred points, not one per customer.
  const step = Math.max(1, Math.floor(x.length / 400));
  const keep = (_: number, i: number) => i % step === 0 || i === x.length - 1;
  return { label, x: x.filter(keep), y: y.filter(keep), auc };
};

async function results(args: { threshold?: number; modelId?: string } | undefined) {
  const db = getDb();
  const rec = args?.modelId ? await getModel(db, args.modelId) : await activeModel(db, 'churn');
  if (!rec) return null;
  const ex = rec.extra as ChurnExtra;
  const threshold = args?.threshold ?? 0.5;
  const named = [
    ...ex.models.map((m) => ({ label: m.kind, s: ex.oof[m.kind] })),
    { label: 'baseline', s: ex.baseline.scores }
  ];
  const roc = named.map(({ label, s }) => {
    const r = rocCurve(ex.y, s);
    return curve(label, r.fpr, r.tpr, rocAuc(ex.y, s));
  });
  const pr = named.map(({ label, s }) => {
    const p = prCurve(ex.y, s);
    const m =
      label === 'baseline' ? ex.baseline.metrics : ex.models.find((x) => x.kind === label)!.mean;
    return curve(label, p.recall, p.precision, m.prAuc);
  });
  const calibration = ex.models.map((m) => {
    const bins = calibrationCurve(ex.y, ex.oof[m.kind]).bins.filter((b) => b.count > 0);
    return {
      label: m.kind,
      x: bins.map((b) => b.meanPredicted),
      y: bins.map((b) => b.fractionPositive)
    };
  });
  const gains = named.map(({ label, s }) => {
    const g = gainsCurve(ex.y, s);
    return { label, x: [0, ...g.map((p) => p.fraction)], y: [0, ...g.map((p) => p.gain)] };
  });
  return {
    modelId: rec.id,
    version: rec.version,
    createdAt: rec.model.createdAt,
    backend: rec.model.backend,
    trainingMs: rec.model.trainingMs,
    label: ex.label,
    chosen: ex.chosen,
    models: ex.models,
    baseline: { name: ex.baseline.name, metrics: ex.baseline.metrics },
    rows: ex.rows,
    labelRate: ex.labelRate,
    roc,
    pr,
    calibration,
    gains,
    confusion: confusionMatrix(ex.y, ex.oof[ex.chosen], threshold),
    threshold,
    importance: ex.importance
  } satisfies ChurnResults;
}

async function ranked(args: { segment?: string; offset?: number; limit?: number } | undefined) {
  const db = getDb();
  const rec = await activeModel(db, 'churn');
  const inp = await loadInputs();
  const seg = new Map(rfmRows(inp).map((r) => [r.id, r.segment as string]));
  const segments = [...new Set(seg.values())].sort();
  if (!rec) return { total: 0, rows: [], segments, modelId: null };
  const scores = (await scoresOf(db, rec.id)) as ChurnScore[];
  let rows: RankedRow[] = scores.map((s) => ({
    id: s.customerId,
    risk: s.risk,
    value: s.value ?? 0,
    valueAtRisk: s.risk * (s.value ?? 0),
    reason: s.reasons[0]?.text ?? '',
    reasonDetail: detailOf(s.reasons[0]),
    segment: seg.get(s.customerId) ?? ''
  }));
  if (args?.segment) rows = rows.filter((r) => r.segment === args.segment);
  rows.sort((a, b) => b.valueAtRisk - a.valueAtRisk || b.risk - a.risk);
  const offset = args?.offset ?? 0;
  const limit = args?.limit ?? 50;
  return {
    total: rows.length,
    rows: rows.slice(offset, offset + limit),
    segments,
    modelId: rec.id
  };
}

/** The record the active model scores a customer on (features as of the scoring cutoff). */
async function recordOf(id: string): Promise<Record<string, RawValue> | null> {
  const active = await activeChurn();
  if (!active) return null;
  const inp = await loadInputs();
  const ex = active.rec.extra as ChurnExtra;
  const plan = planLabel(inp, { column: ex.label.column, windowDays: ex.label.windowDays });
  const { scoring } =
    scoringCache.version === active.rec.id && scoringCache.inputs === inp
      ? scoringCache
      : (scoringCache = {
          version: active.rec.id,
          inputs: inp,
          scoring: churnData(inp, plan).scoring
        });
  const row = scoring.ids.indexOf(id);
  return row < 0 ? null : rawRecord(scoring, row);
}

let scoringCache: {
  version: string;
  inputs: unknown;
  scoring: ReturnType<typeof churnData>['scoring'];
} = { version: '', inputs: null, scoring: { ids: [], columns: [], dropped: [] } };

async function explain(id: string) {
  const active = await activeChurn();
  const record = await recordOf(id);
  if (!active || !record) return null;
  const m = active.model;
  const columns: WhatIfColumn[] = m.meta.map((c) => {
    const spec = m.encoder.specs.find((s) => s.source === c.name);
    const levels =
      spec?.type === 'categorical'
        ? spec.levels.filter((l) => l !== 'other' && l !== 'missing')
        : undefined;
    return {
      name: c.name,
      label: c.label,
      kind: c.kind,
      value: record[c.name] ?? null,
      ...(levels ? { levels } : {})
    };
  });
  return {
    risk: m.riskOf(record),
    reasons: m.explain(record, 5).map(structured),
    columns
  };
}

async function exportCsv(): Promise<string> {
  const all = await ranked({ offset: 0, limit: Number.MAX_SAFE_INTEGER });
  return toCsv(
    all.rows.map((r) => [
      r.id,
      +r.risk.toFixed(4),
      +r.value.toFixed(2),
      +r.valueAtRisk.toFixed(2),
      r.segment,
      r.reason
    ]),
    ['customer_id', 'churn_risk', 'value', 'value_at_risk', 'segment', 'top_reason']
  );
}

export const churnHandlers: ChurnHandlers = {
  'churn.label': async (choice) => planLabel(await loadInputs(), choice),
  'churn.train': train,
  'churn.results': results,
  'churn.ranked': ranked,
  'churn.explain': async ({ id }) => explain(id),
  'churn.whatIf': async ({ id, changes }) => {
    const active = await activeChurn();
    const record = await recordOf(id);
    if (!active || !record) throw new Error(`no churn score for customer ${id}`);
    return whatIf(active.model, record, changes);
  },
  'churn.exportCsv': exportCsv
};
