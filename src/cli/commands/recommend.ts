// `npm run rapport -- recommend --orders orders.csv` (an order or invoice-line export, read by the
//    app's import code), or
// `npm run rapport -- recommend --interactions file.csv --user-col U --item-col I --time-col T`
//    (any interaction log; read by cli/csv.ts, as the import has no entity kind for it)
//   [--models popular,popular-recent,item-knn,ease,mult-vae] [--max-items 1000] [--min-count 2]
//   [--vae-epochs 40] [--vae-hidden 256] [--vae-latent 64] [--seed 42]
// Runs the recommendations family exactly as the app does (the same split, tuning on a
// validation split carved from the training interactions, every model side by side) and
// prints JSON; `scoreAllMs` is the chosen model's top 10 for every user.
import { recommendations } from '../../lib/core/models/recommendations/family';
import { RECOMMENDER_KINDS } from '../../lib/core/models/recommendations/candidates';
import type { RecommendOptions } from '../../lib/core/models/recommendations/dataset';
import type { RecommenderKind } from '../../lib/core/models/recommendations/recommender';
import type { RecommendReport } from '../../lib/core/models/recommendations/train';
import type { DataInputs } from '../../lib/core/models/inputs';
import type { OrderLine } from '../../lib/core/types';
import { initTf } from '../../lib/core/tf/backend';
import { readInteractions } from '../csv';
import { int, list, readInputs, str, type Args } from '../files';

const r4 = (v: number) => (Number.isFinite(v) ? +v.toFixed(4) : v);

export function options(args: Args): RecommendOptions {
  const models = list(args, 'models');
  for (const m of models ?? [])
    if (!(RECOMMENDER_KINDS as readonly string[]).includes(m))
      throw new Error(`--models: unknown model "${m}" (choose from ${RECOMMENDER_KINDS.join(', ')})`); // prettier-ignore
  const opt = (key: string, name: keyof RecommendOptions, min: number, max: number) =>
    args[key] !== undefined ? { [name]: int(args, key, 0, min, max) } : {};
  return {
    ...(models ? { models: models as RecommenderKind[] } : {}),
    ...opt('max-items', 'maxItems', 2, 20_000),
    ...opt('min-count', 'minCount', 1, 1000),
    ...opt('vae-epochs', 'vaeEpochs', 1, 1000),
    ...opt('vae-hidden', 'vaeHidden', 2, 4096),
    ...opt('vae-latent', 'vaeLatent', 2, 1024),
    ...opt('seed', 'seed', 0, 2 ** 31)
  };
}

/** An interaction log as order lines (one unit, no price): the family's one input shape. */
function asOrders(rows: { user: string; item: string; ts: number }[]): OrderLine[] {
  return rows.map((r) => ({
    orderId: '',
    customerId: r.user,
    productId: r.item,
    quantity: 1,
    unitPrice: 0,
    ts: r.ts,
    channel: 'web',
    cancelled: false
  }));
}

async function readData(args: Args): Promise<{ inputs: DataInputs; files: unknown }> {
  const orders = str(args, 'orders');
  const file = str(args, 'interactions');
  if (orders) return readInputs({ orders });
  if (!file)
    throw new Error(
      'give --orders orders.csv, or --interactions file.csv --user-col U --item-col I --time-col T'
    );
  const cols = { user: str(args, 'user-col'), item: str(args, 'item-col'), time: str(args, 'time-col') }; // prettier-ignore
  if (!cols.user || !cols.item || !cols.time)
    throw new Error('--interactions needs --user-col, --item-col and --time-col');
  const read = await readInteractions(file, cols as { user: string; item: string; time: string });
  const inputs: DataInputs = {
    customers: [],
    orders: asOrders(read.rows),
    interactions: [],
    relationships: [],
    products: []
  };
  const { rows, ...report } = read;
  return { inputs, files: [{ file, ...report }] };
}

export function figures(r: RecommendReport) {
  return Object.fromEntries(
    r.models.map((m) => [
      m.kind,
      {
        'ndcg@10': r4(m.test.ndcg),
        'precision@10': r4(m.test.precision),
        'recall@10': r4(m.test.recall),
        'hr@10': r4(m.test.hitRate),
        coverage: r4(m.test.coverage),
        trainMs: Math.round(m.trainMs),
        validationNdcg: r4(m.validation.ndcg),
        params: m.params,
        tuneMs: Math.round(m.tuneMs)
      }
    ])
  );
}

export async function run(args: Args): Promise<unknown> {
  const o = options(args);
  const { inputs, files } = await readData(args);
  const ds = recommendations.dataset(inputs, o);
  const backend = o.models && !o.models.includes('mult-vae') ? 'plain' : await initTf();
  const t0 = performance.now();
  const out = await recommendations.train(ds, {});
  const trainingMs = performance.now() - t0;
  const ts = performance.now();
  const lists = await out.model.recommend(ds, ds.log.users, { n: 10 });
  const scoreAllMs = performance.now() - ts;
  recommendations.dispose(out.model);
  const r = out.report;
  return {
    files,
    users: r.users,
    items: r.items,
    interactions: r.interactions,
    testInteractions: r.testInteractions,
    keptItems: r.keptItems,
    models: figures(r),
    best: r.chosen,
    bestParams: r.chosenParams,
    bestTestNdcg: r4(r.models.find((m) => m.kind === r.chosen)!.test.ndcg),
    finalFitMs: Math.round(r.finalMs),
    trainingMs: Math.round(trainingMs),
    scoreAllMs: Math.round(scoreAllMs),
    scoredUsers: lists.size,
    backend
  };
}
