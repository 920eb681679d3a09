// Each recommender's hyper-parameter grid, tuned on a validation split carved from the training
// interactions (never the test ones), and its fit with chosen parameters. Fits on one training
// set share the expensive part: the Gram matrix for item-kNN and EASE, one inverse per λ.
import { checkAborted, type TrainContext } from '../family';
import { easeWeights, EaseModel } from './ease';
import { evaluateRecommender, type RankingFigures } from './evaluate';
import { gramMatrix, pruneItems, type PruneOptions } from './gram';
import type { UserItems } from './interactions';
import { ItemKnnModel, knnFromGram } from './itemKnn';
import { fitMultVae, VAE_DEFAULTS, type MultVaeModel, type VaeParams } from './multVae';
import { fitPopularity } from './popularity';
import type { Recommender, RecommenderKind } from './recommender';
import type { TemporalSplit } from './split';

export const RECOMMENDER_KINDS: readonly RecommenderKind[] = [
  'popular',
  'popular-recent',
  'item-knn',
  'ease',
  'mult-vae'
];

export interface RecommendSettings {
  prune: PruneOptions;
  vae: VaeParams;
}

/** The grids searched on the validation split. */
export const GRID = {
  halfLifeDays: [30, 90, 365],
  k: [20, 50, 100],
  lambda: [100, 300, 1000],
  decay: [1, 0.9, 0.8, 0.7],
  /** Mult-VAE: validation NDCG measured every this many epochs, the best epoch count kept. */
  vaeEvery: 5
} as const;

export interface GridPoint {
  params: Record<string, number>;
  ndcg: number;
}

export interface Tuned {
  params: Record<string, number>;
  validation: RankingFigures;
  grid: GridPoint[];
}

type Fitted = { params: Record<string, number>; model: Recommender };

/** Evaluate each fitted candidate on the validation split; keep the best by NDCG@10. */
async function pick(
  split: TemporalSplit,
  fits: AsyncIterable<Fitted>,
  ctx: TrainContext
): Promise<Tuned> {
  let best: Tuned | null = null;
  const grid: GridPoint[] = [];
  for await (const f of fits) {
    const v = await evaluateRecommender(f.model, split.train, split.test, { signal: ctx.signal });
    f.model.dispose?.();
    grid.push({ params: f.params, ndcg: v.ndcg });
    // Strictly better only: ties keep the earlier (simpler or more regularised) point.
    if (!best || v.ndcg > best.validation.ndcg) best = { params: f.params, validation: v, grid };
  }
  return best!;
}

async function* gramFits(
  kind: 'item-knn' | 'ease',
  train: UserItems,
  s: RecommendSettings,
  ctx: TrainContext
): AsyncIterable<Fitted> {
  const sub = pruneItems(train, s.prune);
  const n = sub.keep.length;
  const G = await gramMatrix(train, sub, ctx.signal);
  if (kind === 'item-knn') {
    for (const k of GRID.k) {
      const base = knnFromGram(G, sub, { k, decay: 1 });
      for (const decay of GRID.decay) {
        const params = { k, decay };
        yield { params, model: new ItemKnnModel(sub, base.nbr, base.sim, params) };
      }
    }
    return;
  }
  for (const [i, lambda] of GRID.lambda.entries()) {
    checkAborted(ctx.signal);
    const last = i === GRID.lambda.length - 1;
    const B = await easeWeights(last ? G : G.slice(), n, lambda, ctx);
    for (const decay of GRID.decay)
      yield { params: { lambda, decay }, model: new EaseModel(sub, B, { lambda, decay }) };
  }
}

/** Tune `kind` on `split` (the training interactions' own temporal split). */
export async function tune(
  kind: RecommenderKind,
  split: TemporalSplit,
  s: RecommendSettings,
  ctx: TrainContext = {}
): Promise<Tuned> {
  switch (kind) {
    case 'popular':
      return pick(split, one({ params: {}, model: fitPopularity(split.train) }), ctx);
    case 'popular-recent':
      return pick(split, popularFits(split.train), ctx);
    case 'item-knn':
    case 'ease':
      return pick(split, gramFits(kind, split.train, s, ctx), ctx);
    case 'mult-vae': {
      // Epochs by validation NDCG with the paper's binary input, then the scoring decay.
      const { model, bestEpoch, history } = await fitMultVae(split.train, s.vae, s.prune, {
        ...ctx,
        monitor: {
          every: GRID.vaeEvery,
          measure: async (m) =>
            (await evaluateRecommender(m, split.train, split.test, { signal: ctx.signal })).ndcg
        }
      });
      const epochs = history
        .filter((e) => e.monitored !== undefined)
        .map((e) => ({ params: { epochs: e.epoch + 1, decay: 1 }, ndcg: e.monitored! }));
      const tuned = await pick(split, vaeDecays(model, bestEpoch), ctx);
      model.dispose();
      return { ...tuned, grid: [...epochs, ...tuned.grid] };
    }
  }
}

/** The VAE at its best epoch, scoring with each recency decay (the weights are shared). */
async function* vaeDecays(model: MultVaeModel, epochs: number): AsyncIterable<Fitted> {
  for (const decay of GRID.decay) {
    const m = model.withDecay(decay);
    // No dispose: `pick` frees what it ranked, and these share the caller's weights.
    const view: Recommender = { kind: m.kind, params: m.params, score: (h, u) => m.score(h, u), weights: () => m.weights() }; // prettier-ignore
    yield { params: { epochs, decay }, model: view };
  }
}

async function* one(f: Fitted): AsyncIterable<Fitted> {
  yield f;
}

async function* popularFits(train: UserItems): AsyncIterable<Fitted> {
  for (const halfLifeDays of GRID.halfLifeDays)
    yield { params: { halfLifeDays }, model: fitPopularity(train, halfLifeDays) };
}

/** Fit `kind` on `train` with the parameters tuning chose. */
export async function fitChosen(
  kind: RecommenderKind,
  train: UserItems,
  params: Record<string, number>,
  s: RecommendSettings,
  ctx: TrainContext = {}
): Promise<Recommender> {
  switch (kind) {
    case 'popular':
      return fitPopularity(train);
    case 'popular-recent':
      return fitPopularity(train, params.halfLifeDays);
    case 'item-knn': {
      const sub = pruneItems(train, s.prune);
      const G = await gramMatrix(train, sub, ctx.signal);
      return knnFromGram(G, sub, { k: params.k, decay: params.decay });
    }
    case 'ease': {
      const sub = pruneItems(train, s.prune);
      const G = await gramMatrix(train, sub, ctx.signal);
      const B = await easeWeights(G, sub.keep.length, params.lambda, ctx);
      return new EaseModel(sub, B, { lambda: params.lambda, decay: params.decay });
    }
    case 'mult-vae': {
      const vae = { ...s.vae, epochs: params.epochs, decay: params.decay ?? s.vae.decay };
      return (await fitMultVae(train, vae, s.prune, ctx)).model;
    }
  }
}

export const DEFAULT_SETTINGS: RecommendSettings = {
  prune: { minCount: 2, maxItems: 1000 },
  vae: { ...VAE_DEFAULTS, epochs: 40 }
};
