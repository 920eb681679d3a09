// The protocol, identical in app, CLI and bench (README.md): split every user's interactions by
// time (last 20% test); carve a validation split from the training part the same way; tune each
// model's hyper-parameters on it and choose the model to use by validation NDCG@10; fit each
// model with its chosen parameters on the training part and report its test figures side by
// side; fit the chosen model on everything. No choice ever sees a test interaction. Accepted
// offers (feedback) are only ever in training parts: the test and validation parts are orders.
import { checkAborted, type TrainContext, type TrainOutput } from '../family';
import {
  DEFAULT_SETTINGS,
  RECOMMENDER_KINDS,
  fitChosen,
  tune,
  type GridPoint,
  type RecommendSettings
} from './candidates';
import type { RecommendDataset, RecommendOptions } from './dataset';
import { evaluateRecommender, type RankingFigures } from './evaluate';
import { pruneItems, type PruneOptions } from './gram';
import { RecommendModel } from './model';
import { fitPopularity } from './popularity';
import type { RecommenderKind } from './recommender';
import { TEST_FRACTION, appendEntries, filterEntries, temporalSplit } from './split';
import type { UserItems } from './interactions';

/**
 * The test part as the chosen model fitted on the training part ranked it: the evaluated users
 * (indices of the dataset's users), their top K (item indices), and the training part of orders
 * without feedback (what a champion is asked to rank from).
 */
export interface RecommendHeldOut {
  users: number[];
  lists: number[][];
  train: UserItems;
  test: UserItems;
}

export const K = 10;

export interface ModelFigures {
  kind: RecommenderKind;
  /** Hyper-parameters chosen on the validation split. */
  params: Record<string, number>;
  validation: RankingFigures;
  test: RankingFigures;
  /** Fitting on the training part with the chosen parameters (what the test figures used). */
  trainMs: number;
  /** Tuning on the validation split (every grid point fitted and ranked). */
  tuneMs: number;
  grid: GridPoint[];
}

export interface RecommendReport {
  users: number;
  items: number;
  interactions: number;
  testInteractions: number;
  k: number;
  testFraction: number;
  prune: PruneOptions;
  /** Items the item-based models kept on all the data. */
  keptItems: number;
  models: ModelFigures[];
  /** The model in use: the best on the validation split. */
  chosen: RecommenderKind;
  chosenParams: Record<string, number>;
  /** Fitting the chosen model on all interactions. */
  finalMs: number;
  feedback: { accepted: number; rejected: number };
  trainingMs: number;
}

/** The settings the options ask for (defaults otherwise). */
export function settingsOf(o: RecommendOptions): RecommendSettings {
  const d = DEFAULT_SETTINGS;
  return {
    prune: { minCount: o.minCount ?? d.prune.minCount, maxItems: o.maxItems ?? d.prune.maxItems },
    vae: {
      ...d.vae,
      hidden: o.vaeHidden ?? d.vae.hidden,
      latent: o.vaeLatent ?? d.vae.latent,
      epochs: o.vaeEpochs ?? d.vae.epochs,
      seed: o.seed ?? d.vae.seed
    }
  };
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await work();
  return [out, performance.now() - t0];
};

export async function trainRecommenders(
  ds: RecommendDataset,
  ctx: TrainContext = {}
): Promise<TrainOutput<RecommendModel, RecommendReport>> {
  const t0 = performance.now();
  const o = ds.options;
  const s = settingsOf(o);
  const kinds = RECOMMENDER_KINDS.filter((k) => !o.models?.length || o.models.includes(k));
  if (!kinds.length) throw new Error('choose at least one model to compare');
  const all = ds.log.history;
  // Orders only are split; accepted offers join every training part.
  const fb = ds.feedbackTs;
  const orders = fb === null ? all : filterEntries(all, (k) => all.ts[k] !== fb);
  const extra = fb === null ? null : filterEntries(all, (k) => all.ts[k] === fb);
  const withFeedback = (h: UserItems) => (extra ? appendEntries(h, extra) : h);
  const bare = temporalSplit(orders);
  const split = { train: withFeedback(bare.train), test: bare.test };
  const bareVal = temporalSplit(bare.train);
  const val = { train: withFeedback(bareVal.train), test: bareVal.test };
  const lists = new Map<RecommenderKind, { users: number[]; lists: number[][] }>();
  const total = 2 * kinds.length + 1;
  let done = 0;
  // A step's progress; a VAE's epochs show inside it.
  const step = (phase: string, model: string): TrainContext => {
    ctx.progress?.({ done, total, phase, params: { model } });
    return {
      ...ctx,
      progress: (p) =>
        ctx.progress?.({
          done: done + p.done / Math.max(1, p.total),
          total,
          phase,
          params: { model, epoch: p.done, epochs: p.total }
        })
    };
  };

  const models: ModelFigures[] = [];
  for (const kind of kinds) {
    checkAborted(ctx.signal);
    const [tuned, tuneMs] = await timed(() => tune(kind, val, s, step('tune', kind)));
    done++;
    const [fitted, trainMs] = await timed(() =>
      fitChosen(kind, split.train, tuned.params, s, step('test', kind))
    );
    const test = await evaluateRecommender(fitted, split.train, split.test, { k: K, signal: ctx.signal, onLists: (users, l) => lists.set(kind, { users, lists: l }) }); // prettier-ignore
    fitted.dispose?.();
    done++;
    models.push({ kind, params: tuned.params, validation: tuned.validation, test, trainMs, tuneMs, grid: tuned.grid }); // prettier-ignore
  }
  // The best on validation; ties go to the earlier (simpler) model.
  const chosen = models.reduce((b, m) => (m.validation.ndcg > b.validation.ndcg ? m : b));
  const [final, finalMs] = await timed(() =>
    fitChosen(chosen.kind, all, chosen.params, s, step('final', chosen.kind))
  );
  const model = new RecommendModel(ds.log.items, final, fitPopularity(all), o.topN ?? 20);
  const report: RecommendReport = {
    users: ds.log.users.length,
    items: ds.log.items.length,
    interactions: all.idx.length,
    testInteractions: split.test.idx.length,
    k: K,
    testFraction: TEST_FRACTION,
    prune: s.prune,
    keptItems: pruneItems(all, s.prune).keep.length,
    models,
    chosen: chosen.kind,
    chosenParams: chosen.params,
    finalMs,
    feedback: {
      accepted: ds.accepted,
      rejected: [...ds.rejected.values()].reduce((n, x) => n + x.size, 0)
    },
    trainingMs: performance.now() - t0
  };
  const t = chosen.test;
  return {
    model,
    report,
    metrics: { ndcg: t.ndcg, precision: t.precision, recall: t.recall, hitRate: t.hitRate, coverage: t.coverage }, // prettier-ignore
    snapshotDate: all.ts.reduce((m, x) => Math.max(m, x), 0),
    kind: `recommend-${chosen.kind}`,
    heldOut: { ...lists.get(chosen.kind)!, train: bare.train, test: bare.test } satisfies RecommendHeldOut // prettier-ignore
  };
}
