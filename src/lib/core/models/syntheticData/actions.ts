// What the synthetic-data page asks besides train / results: a synthetic table of any size from
// the active synthesiser as CSV, with the report of exactly those rows beside it (quality and
// privacy against the real customers; the efficacy figures of the training report).
import type { FamilyEnv } from '../runtime';
import { tableRows } from '../customerMap/table';
import { seededRandom, shuffleInPlace } from '../../evaluate/splits';
import { ModelInputError } from '../../errors';
import { syntheticCsv } from './csv';
import type { SynthDataset, SynthKind, SynthOptions } from './dataset';
import type { SynthModel } from './model';
import { privacyReport, type PrivacyReport } from './report/privacy';
import { qualityReport } from './report/quality';
import type { SynthReport } from './train';

export interface ExportReport {
  model: SynthKind;
  modelId: string;
  rows: number;
  seed: number;
  createdAt: number;
  quality: { overall: number; columnShapes: number; columnPairTrends: number };
  privacy: PrivacyReport;
  /** From the training report: churn models trained on synthetic rows, tested on real ones. */
  efficacy: SynthReport['models'][number]['efficacy'];
}

export interface SyntheticExport {
  fileName: string;
  csv: string;
  report: ExportReport;
}

/** Most rows one export may ask for. */
export const MAX_EXPORT_ROWS = 200_000;

export const synthActions = {
  async exportCsv(
    env: FamilyEnv,
    args: { model: SynthKind; rows?: number; seed?: number }
  ): Promise<SyntheticExport> {
    const rt = env.runtime;
    const active = await rt.active<SynthModel>(env.family);
    if (!active) throw new ModelInputError('synthetic.noModel', 'train a synthesiser first');
    const ds = (await rt.dataset(
      env.family,
      active.version.options as SynthOptions
    )) as SynthDataset;
    const train = tableRows(ds.table, ds.train);
    const holdout = tableRows(ds.table, ds.holdout);
    const rows = Math.max(1, Math.min(MAX_EXPORT_ROWS, Math.round(args.rows ?? train.ids.length)));
    const seed = args.seed ?? Date.now() % 1_000_000;
    env.progress?.({ done: 0, total: 2, phase: 'generate' });
    const g = active.model.generate(args.model, rows, seed, train);
    env.progress?.({ done: 1, total: 2, phase: 'report' });
    const rand = seededRandom(seed);
    const q = qualityReport(train, g.table);
    const stored = await rt.report<SynthReport>(env.family, active.version.id);
    const report: ExportReport = {
      model: args.model,
      modelId: active.version.id,
      rows: g.table.ids.length,
      seed,
      createdAt: Date.now(),
      quality: { overall: q.overall, columnShapes: q.columnShapes, columnPairTrends: q.columnPairTrends }, // prettier-ignore
      privacy: privacyReport(g.table, train, holdout, g.removed, (k) => shuffleInPlace(g.table.ids.map((_, i) => i), rand).slice(0, k)), // prettier-ignore
      efficacy: stored?.report.models.find((m) => m.model === args.model)?.efficacy ?? null
    };
    return {
      fileName: `synthetic-customers-${args.model}.csv`,
      csv: syntheticCsv(g.table),
      report
    };
  }
};
