// Privacy-safe synthetic customers as a model family (see README.md): a CTGAN-style GAN and a
// Gaussian copula learned from the training customers, judged on a hold-out they never saw.
// Its product is a table and its report, not scores: `score` returns none.
import type { ModelFamily, ScoreRow, TrainContext } from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { TABLE_NEEDS } from '../customerMap/table';
import { synthActions } from './actions';
import { synthDataset, type SynthDataset, type SynthOptions } from './dataset';
import { SynthModel } from './model';
import { trainSynth, type SynthReport } from './train';

export const syntheticData = {
  id: 'synthetic',
  needs: TABLE_NEEDS,
  entity: 'customer',
  usesTf: true,
  dataset: (inputs: DataInputs, o: SynthOptions) => synthDataset(inputs, o),
  train: (ds: SynthDataset, ctx: TrainContext) => trainSynth(ds, ctx),
  score: async (): Promise<ScoreRow[]> => [],
  save: (m: SynthModel): SavedModel => m.toJSON(),
  load: (saved: SavedModel) => SynthModel.fromJSON(saved),
  dispose: (m: SynthModel) => m.dispose(),
  actions: synthActions
} as const satisfies ModelFamily<
  SynthOptions,
  SynthDataset,
  SynthModel,
  SynthReport,
  SynthReport,
  never,
  typeof synthActions
>;
