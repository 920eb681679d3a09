// Personalised recommendations as a model family: what to offer each customer next, and why.
// Scores are keyed (customer, product); only each customer's top N are stored (see README.md).
import {
  checkAborted,
  yieldToLoop,
  type ModelFamily,
  type ScoreRow,
  type TrainContext
} from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { recommendActions } from './actions';
import { recommendChallenger } from './challenge';
import { recommendDataset, type RecommendDataset, type RecommendOptions } from './dataset';
import { RecommendModel } from './model';
import { trainRecommenders, type RecommendReport } from './train';

export const recommendations = {
  id: 'recommend',
  needs: ['orders', 'customers', 'products'],
  entity: 'customer-product',
  usesTf: true,
  dataset: (inputs: DataInputs, o: RecommendOptions) => recommendDataset(inputs, o),
  train: (ds: RecommendDataset, ctx: TrainContext) => trainRecommenders(ds, ctx),
  async score(model: RecommendModel, ds: RecommendDataset, ctx: TrainContext): Promise<ScoreRow[]> {
    const out: ScoreRow[] = [];
    const CHUNK = 1024;
    for (let s = 0; s < ds.customers.length; s += CHUNK) {
      checkAborted(ctx.signal);
      const lists = await model.recommend(ds, ds.customers.slice(s, s + CHUNK), { n: model.topN });
      for (const [customer, recs] of lists)
        for (const r of recs)
          out.push({
            entityKind: 'customer-product',
            entityId: customer,
            item: r.productId,
            value: r.score,
            detail: {
              rank: r.rank,
              reason: r.reason,
              model: model.kind,
              ...(r.demoted ? { demoted: true } : {})
            }
          });
      await yieldToLoop();
    }
    return out;
  },
  save: (m: RecommendModel): SavedModel => m.save(),
  load: (saved: SavedModel) => RecommendModel.load(saved),
  dispose: (m: RecommendModel) => m.dispose(),
  challenger: recommendChallenger,
  actions: recommendActions
} as const satisfies ModelFamily<
  RecommendOptions,
  RecommendDataset,
  RecommendModel,
  RecommendReport,
  RecommendReport,
  never,
  typeof recommendActions
>;
