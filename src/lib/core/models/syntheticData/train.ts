// Train the synthesisers on the training customers only — the hold-out table is never passed
// to them, so nothing they learn (levels, ranges, modes, correlations, weights) can come from
// it — then judge each on a synthetic table the size of the training rows: quality against the
// training rows (SDMetrics' convention) and against the hold-out, privacy against both, and
// churn models trained on it scored on the hold-out.
import type { ColumnPlan } from './columns';
import { metaOf, planColumns } from './columns';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { checkAborted, yieldToLoop, type TrainContext, type TrainOutput } from '../family';
import type { LearnerKind } from '../learners/tabular';
import { tableRows } from '../customerMap/table';
import { augmentationReport, type AugmentationReport } from './report/augment';
import { fitCopula } from './copula';
import { Ctgan, type GanEpoch } from './ctgan';
import { SYNTH_KINDS, type SynthDataset, type SynthKind } from './dataset';
import { SynthModel } from './model';
import { efficacyReport, type EfficacyReport } from './report/efficacy';
import { privacyReport, type PrivacyReport } from './report/privacy';
import { qualityReport, type QualityReport } from './report/quality';
import { fitTransformer, transformRows } from './transform';

export interface SynthModelReport {
  model: SynthKind;
  rows: number;
  quality: QualityReport;
  /** Overall quality against the hold-out (customers the synthesiser never saw). */
  qualityVsHoldout: number;
  privacy: PrivacyReport;
  efficacy: EfficacyReport | null;
  augmentation: AugmentationReport | null;
  trainMs: number;
}

export interface SynthReport {
  rows: number;
  trainRows: number;
  holdoutRows: number;
  label: string | null;
  plans: ColumnPlan[];
  /** The hold-out judged as if it were synthetic: the best score a perfect synthesiser could
   * expect against the training rows, given sampling noise. */
  holdoutQuality: number;
  models: SynthModelReport[];
  curves: Record<string, number[]>;
  seed: number;
  trainingMs: number;
}

/** What `progress.data` carries after each GAN epoch (live loss chart). */
export type GanEpochProgress = GanEpoch & { type: 'gan-epoch' };

export async function trainSynth(
  ds: SynthDataset,
  ctx: TrainContext = {}
): Promise<TrainOutput<SynthModel, SynthReport>> {
  const t0 = performance.now();
  const seed = ds.options.seed ?? 42;
  const kinds = SYNTH_KINDS.filter((k) => !ds.options.models || ds.options.models.includes(k));
  // The synthesisers see this table and nothing else.
  const train = tableRows(ds.table, ds.train);
  const holdout = tableRows(ds.table, ds.holdout);
  const plans = planColumns(train);
  const ms: Partial<Record<SynthKind, number>> = {};
  let gan: Ctgan | null = null;
  let copula = null;
  try {
    if (kinds.includes('copula')) {
      ctx.progress?.({ done: 0, total: 1, phase: 'copula' });
      const t = performance.now();
      copula = fitCopula(train, plans, seed);
      ms.copula = performance.now() - t;
      await yieldToLoop();
    }
    if (kinds.includes('ctgan')) {
      const t = performance.now();
      const tr = fitTransformer(train, plans, seed);
      const data = transformRows(tr, train, seed + 1);
      gan = Ctgan.create(tr, { seed, label: ds.label, ...ds.options.ctgan });
      await gan.fit(data, train.ids.length, gan.sampler(data, train.ids.length), {
        signal: ctx.signal,
        onEpoch: (e) =>
          ctx.progress?.({
            done: e.epoch + 1,
            total: e.epochs,
            phase: 'gan',
            params: { epoch: e.epoch + 1, epochs: e.epochs },
            data: { type: 'gan-epoch', ...e } satisfies GanEpochProgress
          })
      });
      ms.ctgan = performance.now() - t;
    }
    const model = new SynthModel(metaOf(train), plans, gan, copula);
    const realAuc = new Map<LearnerKind, number>();
    const models: SynthModelReport[] = [];
    for (const kind of model.kinds) {
      checkAborted(ctx.signal);
      ctx.progress?.({ done: models.length, total: model.kinds.length, phase: 'report', params: { model: kind } }); // prettier-ignore
      const g = model.generate(kind, train.ids.length, seed + 101, train);
      const rand = seededRandom(seed + 202);
      const sample = (k: number) =>
        shuffleInPlace(
          g.table.ids.map((_, i) => i),
          rand
        ).slice(0, k);
      const efficacy = ds.label
        ? await efficacyReport(g.table, train, holdout, ds.label, seed, { signal: ctx.signal, realAuc }) // prettier-ignore
        : null;
      const augmentation = ds.label && ds.options.augment
        ? await augmentationReport(model, kind, train, holdout, ds.label, seed, realAuc.get('logistic'))
        : null; // prettier-ignore
      models.push({
        model: kind,
        rows: g.table.ids.length,
        quality: qualityReport(train, g.table),
        qualityVsHoldout: qualityReport(holdout, g.table).overall,
        privacy: privacyReport(g.table, train, holdout, g.removed, sample),
        efficacy,
        augmentation,
        trainMs: ms[kind] ?? 0
      });
      await yieldToLoop();
    }
    const report: SynthReport = {
      rows: ds.table.ids.length,
      trainRows: train.ids.length,
      holdoutRows: holdout.ids.length,
      label: ds.label,
      plans,
      holdoutQuality: qualityReport(train, holdout).overall,
      models,
      curves: gan?.history.curves ?? {},
      seed,
      trainingMs: performance.now() - t0
    };
    const metrics: Record<string, number> = {};
    for (const m of models) {
      metrics[`${m.model}Quality`] = m.quality.overall;
      if (m.efficacy) metrics[`${m.model}Auc`] = m.efficacy.learners[0].trainSynthAuc;
    }
    return { model, report, metrics, snapshotDate: ds.asOf, kind: `synthetic-${kinds.join('+')}` };
  } catch (e) {
    gan?.dispose();
    throw e;
  }
}
