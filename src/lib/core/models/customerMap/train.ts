// Train the customer map honestly: a fifth of the customers (seeded) is kept aside; the table's
// encoder, the VAE and the robust z-score baseline are fitted on the rest; known anomalies are
// planted among the kept customers and both scores are judged on them (anomalies.ts). The
// model judged is the model in use: it places every customer on the map, including the kept
// ones, which it never saw.
import type { ColumnInfo } from '../../features/columns';
import { encodeRows, fitEncoder } from '../../features/encode';
import { quantile } from '../../features/stats';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { ModelInputError } from '../../errors';
import type { TrainContext, TrainOutput } from '../family';
import {
  detection,
  fitRobustZ,
  injectAnomalies,
  robustZScores,
  type AnomalyKind,
  type DetectionFigures
} from './anomalies';
import type { MapDataset } from './dataset';
import { likelihoodOf } from './likelihood';
import { MapModel } from './model';
import { TabularVae, type VaeEpoch } from './vae';

export interface MapReport {
  rows: number;
  trainRows: number;
  testRows: number;
  columns: { kept: string[]; dropped: ColumnInfo[]; label: string | null };
  encodedWidth: number;
  epochs: number;
  curves: Record<string, number[]>;
  /** Planted anomalies among the kept customers: the VAE against the robust z-score. */
  evaluation: {
    injected: number;
    clean: number;
    columns: Record<AnomalyKind, string>;
    vae: DetectionFigures;
    robustZ: DetectionFigures;
  } | null;
  threshold: number;
  unusual: number;
  seed: number;
  trainingMs: number;
}

/** What `progress.data` carries after each epoch (live loss chart). */
export type MapEpochProgress = VaeEpoch & { type: 'epoch' };

/** Fewer rows than this and no customers are kept aside for the anomaly check. */
export const MIN_ROWS_TO_EVALUATE = 50;

export async function trainMap(
  ds: MapDataset,
  ctx: TrainContext = {}
): Promise<TrainOutput<MapModel, MapReport>> {
  const t0 = performance.now();
  const raw = ds.table;
  const n = raw.ids.length;
  if (n < 10) throw new ModelInputError('map.tooFew', `only ${n} customers: the map needs at least 10`, { n }); // prettier-ignore
  const seed = ds.options.seed ?? 42;
  const order = shuffleInPlace(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed)
  );
  const nTest = n >= MIN_ROWS_TO_EVALUATE ? Math.round(n * (ds.options.testShare ?? 0.2)) : 0;
  const test = order.slice(0, nTest).sort((a, b) => a - b);
  const train = order.slice(nTest).sort((a, b) => a - b);

  const encoder = fitEncoder(raw, train, { logCompanions: false });
  const lik = likelihoodOf(encoder);
  const vae = TabularVae.create(lik, { seed, ...ds.options.vae }, encoder.columns.map((c) => c.name)); // prettier-ignore
  const total = vae.params.maxEpochs;
  try {
    await vae.fit(encodeRows(encoder, raw, train), train.length, {
      signal: ctx.signal,
      onEpoch: (e) =>
        ctx.progress?.({
          done: e.epoch + 1,
          total,
          phase: 'epoch',
          params: { epoch: e.epoch + 1, epochs: total },
          data: { type: 'epoch', ...e } satisfies MapEpochProgress
        })
    });
    const trainScores = vae.score(encodeRows(encoder, raw, train), train.length);
    const typical = MapModel.typicalOf(trainScores.groups, lik.groups.length);
    const threshold = quantile(trainScores.score, 0.99);
    const model = new MapModel(encoder, vae, typical, threshold);

    let evaluation: MapReport['evaluation'] = null;
    if (nTest) {
      const inj = injectAnomalies(raw, test, train, { seed: seed + 5 });
      const X = encodeRows(encoder, inj.table);
      const vaeScores = vae.score(X, test.length).score;
      const z = robustZScores(fitRobustZ(raw, train), inj.table);
      const injected = inj.labels.reduce((s, v) => s + v, 0);
      evaluation = {
        injected,
        clean: test.length - injected,
        columns: inj.columns,
        vae: detection(inj, vaeScores),
        robustZ: detection(inj, z)
      };
    }
    const all = vae.score(encodeRows(encoder, raw), n).score;
    const report: MapReport = {
      rows: n,
      trainRows: train.length,
      testRows: test.length,
      columns: { kept: raw.columns.map((c) => c.name), dropped: raw.dropped, label: ds.label },
      encodedWidth: lik.width,
      epochs: vae.history.curves.loss?.length ?? 0,
      curves: vae.history.curves,
      evaluation,
      threshold,
      unusual: all.filter((s) => s > threshold).length,
      seed,
      trainingMs: performance.now() - t0
    };
    return {
      model,
      report,
      metrics: {
        ...(evaluation ? { anomalyAuc: evaluation.vae.auc, robustZAuc: evaluation.robustZ.auc } : {}), // prettier-ignore
        unusual: report.unusual,
        threshold
      },
      snapshotDate: ds.asOf,
      kind: 'customer-map-vae'
    };
  } catch (e) {
    vae.dispose();
    throw e;
  }
}
