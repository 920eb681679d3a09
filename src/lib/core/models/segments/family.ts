// Customer segments as a model family: RFM quintile segments (named by recency and value when
// the data spans long enough, by value alone when it does not) and k-means clusters on
// standardised (recency, log orders, log spend), k proposed by silhouette.
import { ModelInputError } from '../../errors';
import type { ModelFamily, ScoreRow, TrainContext, TrainOutput } from '../family';
import { lastOrderTs, type DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { rfmInputs, type RfmData } from './customers';
import { kMeans, proposeK } from './kmeans';
import {
  RFM_SEGMENTS,
  VALUE_SEGMENTS,
  rfmScores,
  rfmSummary,
  type RfmRow,
  type RfmSummary
} from './rfm';

/** Below this many days of history, "days since last purchase" says little: no recency names. */
export const MIN_SPAN_DAYS = 90;

export interface SegmentsOptions {
  /** Describe customers as of this date (epoch ms); default the last order. */
  cutoff?: number;
  /** Number of clusters; default proposed by silhouette. */
  k?: number;
}

export type Level = 'high' | 'low' | 'average';

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

export interface SegmentsReport {
  cutoff: number;
  spanDays: number;
  /** 'rfm': named by recency and value; 'value': the history is too short for recency. */
  basis: 'rfm' | 'value';
  customers: number;
  segments: (RfmSummary & { recency: number; frequency: number; monetary: number })[];
  k: number;
  proposedK: number;
  silhouette: { k: number; silhouette: number }[];
  clusters: Cluster[];
}

export interface SegmentsModel {
  rows: RfmRow[];
  cluster: Int32Array;
  report: SegmentsReport;
}

function features(rows: RfmRow[]): { X: Float32Array; mu: number[]; sd: number[] } {
  const raw = rows.map((r) => [r.recencyDays, Math.log1p(r.frequency), Math.log1p(Math.max(0, r.monetary))]); // prettier-ignore
  const mu = [0, 1, 2].map((j) => raw.reduce((s, r) => s + r[j], 0) / raw.length);
  const sd = [0, 1, 2].map(
    (j) => Math.sqrt(raw.reduce((s, r) => s + (r[j] - mu[j]) ** 2, 0) / raw.length) || 1
  );
  return { X: Float32Array.from(raw.flatMap((r) => r.map((v, j) => (v - mu[j]) / sd[j]))), mu, sd };
}

const level = (z: number): Level => (z > 0.5 ? 'high' : z < -0.5 ? 'low' : 'average');

export function segmentCustomers(data: RfmData, k?: number): SegmentsModel {
  const basis = data.spanDays >= MIN_SPAN_DAYS ? 'rfm' : 'value';
  const rows = rfmScores(data.rows, { useRecency: basis === 'rfm' });
  const names = basis === 'rfm' ? RFM_SEGMENTS : VALUE_SEGMENTS;
  const segments = rfmSummary(rows, names).map((s) => {
    const inSeg = rows.filter((r) => r.segment === s.segment);
    const avg = (f: (r: RfmRow) => number) =>
      inSeg.length ? inSeg.reduce((a, r) => a + f(r), 0) / inSeg.length : 0;
    return {
      ...s,
      recency: avg((r) => r.recencyDays),
      frequency: avg((r) => r.frequency),
      monetary: avg((r) => r.monetary)
    };
  });
  const report: SegmentsReport = {
    cutoff: data.cutoff,
    spanDays: data.spanDays,
    basis,
    customers: rows.length,
    segments,
    k: 0,
    proposedK: 0,
    silhouette: [],
    clusters: []
  };
  const cluster = new Int32Array(rows.length).fill(-1);
  if (rows.length >= 4) {
    const { X } = features(rows);
    const proposal = proposeK(X, 3, 2, Math.min(8, rows.length - 1));
    const kk = Math.max(1, Math.min(k ?? proposal.k, rows.length));
    const res = kMeans(X, 3, kk);
    cluster.set(res.assignments);
    for (let c = 0; c < kk; c++) {
      const members = rows.filter((_, i) => res.assignments[i] === c);
      const avg = (f: (r: RfmRow) => number) =>
        members.reduce((s, r) => s + f(r), 0) / Math.max(1, members.length);
      const z = [0, 1, 2].map((j) => res.centroids[c * 3 + j]);
      report.clusters.push({
        cluster: c + 1,
        customers: members.length,
        share: members.length / rows.length,
        recencyDays: avg((r) => r.recencyDays),
        orders: avg((r) => r.frequency),
        spend: avg((r) => r.monetary),
        traits: { recency: level(z[0]), frequency: level(z[1]), spend: level(z[2]) }
      });
    }
    report.clusters.sort((a, b) => b.customers - a.customers);
    report.k = kk;
    report.proposedK = proposal.k;
    report.silhouette = proposal.scores.map((s) => ({ k: s.k, silhouette: s.silhouette }));
  }
  return { rows, cluster, report };
}

/** Every customer's segment as of the last order (what the churn list groups by). */
export function currentSegments(inputs: DataInputs): Map<string, string> {
  const last = lastOrderTs(inputs.orders);
  if (last === null) return new Map();
  const data = rfmInputs(inputs.orders, last);
  const basis = data.spanDays >= MIN_SPAN_DAYS;
  return new Map(rfmScores(data.rows, { useRecency: basis }).map((r) => [r.id, r.segment]));
}

interface SegmentsDataset {
  data: RfmData;
  k?: number;
}

export const customerSegments = {
  id: 'segments',
  needs: ['orders'],
  entity: 'customer',
  usesTf: false,
  dataset(inputs: DataInputs, o: SegmentsOptions): SegmentsDataset {
    const last = lastOrderTs(inputs.orders);
    if (last === null)
      throw new ModelInputError(
        'segments.noOrders',
        'segments need order history: import an orders or invoice-lines export'
      );
    const cutoff = o.cutoff ?? last;
    const data = rfmInputs(inputs.orders, cutoff);
    if (!data.rows.length)
      throw new ModelInputError(
        'segments.noneBefore',
        `no customer bought on or before ${new Date(cutoff).toISOString().slice(0, 10)}`,
        { cutoff }
      );
    return { data, k: o.k };
  },
  async train(
    ds: SegmentsDataset,
    ctx: TrainContext
  ): Promise<TrainOutput<SegmentsModel, SegmentsReport>> {
    ctx.progress?.({ done: 0, total: 1, phase: 'segments' });
    const model = segmentCustomers(ds.data, ds.k);
    ctx.progress?.({ done: 1, total: 1, phase: 'segments' });
    return {
      model,
      report: model.report,
      metrics: {
        customers: model.report.customers,
        k: model.report.k,
        silhouette: model.report.silhouette.find((s) => s.k === model.report.k)?.silhouette ?? NaN
      },
      snapshotDate: ds.data.cutoff,
      kind: 'segments'
    };
  },
  async score(m: SegmentsModel): Promise<ScoreRow[]> {
    return m.rows.map((r, i) => ({
      entityKind: 'customer',
      entityId: r.id,
      item: '',
      value: r.monetary,
      detail: {
        segment: r.segment,
        cluster: m.cluster[i] + 1,
        r: r.r,
        f: r.f,
        m: r.m,
        recencyDays: r.recencyDays,
        frequency: r.frequency,
        monetary: r.monetary
      }
    }));
  },
  save(m: SegmentsModel): SavedModel {
    return {
      kind: 'segments',
      version: 0,
      createdAt: Date.now(),
      params: { report: m.report },
      metrics: {},
      trainingMs: 0,
      backend: 'plain',
      snapshotDate: m.report.cutoff
    };
  },
  load(saved: SavedModel): SegmentsModel {
    // Segments are read back from the stored scores and report; the rows are not needed.
    return {
      rows: [],
      cluster: new Int32Array(0),
      report: (saved.params as { report: SegmentsReport }).report
    };
  }
} as const satisfies ModelFamily<SegmentsOptions, SegmentsDataset, SegmentsModel, SegmentsReport>;
