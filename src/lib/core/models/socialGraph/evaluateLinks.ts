// Link prediction evaluated as the issue sets it: hide 10% of the edges (positives) plus as many
// unlinked pairs (negatives), seeded; fit every model on the remaining graph only; score the
// hidden pairs; ROC AUC and average precision for each predictor.
import { averagePrecision } from '../../evaluate/curves';
import { rocAuc } from '../../evaluate/metrics';
import { GAE_MAX_NODES, gaeScores, trainGae } from './gae';
import { HEURISTICS, scorePairs, type HeuristicName } from './heuristics';
import { fitLinkModel, predictLinks, type LinkLearner } from './learnedLinks';
import { splitLinks, testKeys } from './split';

export interface PredictorFigures {
  auc: number;
  ap: number;
}

export interface LinkEvaluation {
  seed: number;
  share: number;
  /** Hidden edges (the same number of unlinked pairs is scored beside them). */
  hidden: number;
  heuristics: Record<HeuristicName, PredictorFigures>;
  /** Plain graph autoencoder; `skipped` says why when the graph is too large for it. */
  gae: (PredictorFigures & { trainMs: number }) | { skipped: 'tooLarge'; maxNodes: number };
  learned: PredictorFigures & {
    model: LinkLearner;
    trainMs: number;
    validationAuc: Record<LinkLearner, number>;
  };
}

export interface EvaluateOptions {
  seed?: number;
  share?: number;
  /** Customer features for the autoencoder (row-major n x cols). */
  features?: { X: Float32Array; cols: number };
  gae?: boolean;
  gaeEpochs?: number;
  signal?: AbortSignal;
  progress?(phase: string, done: number, total: number): void;
}

const figures = (labels: Uint8Array, s: ArrayLike<number>): PredictorFigures => ({
  auc: rocAuc(labels, s),
  ap: averagePrecision(labels, s)
});

export async function evaluateLinks(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  o: EvaluateOptions = {}
): Promise<LinkEvaluation> {
  const seed = o.seed ?? 0;
  const share = o.share ?? 0.1;
  const split = splitLinks(n, src, dst, { seed, share });
  const avoid = testKeys(split);
  const heuristics = {} as Record<HeuristicName, PredictorFigures>;
  for (const h of HEURISTICS) heuristics[h] = figures(split.labels, scorePairs(split.train, split.test, h)); // prettier-ignore
  o.progress?.('learned', 1, 3);
  const fit = await fitLinkModel(split.train, avoid, { seed, signal: o.signal });
  const learned = {
    ...figures(split.labels, predictLinks(fit.model, split.train, split.test, o.signal)),
    model: fit.model.learner,
    trainMs: fit.ms,
    validationAuc: fit.validationAuc
  };
  fit.model.clf.dispose();
  let gae: LinkEvaluation['gae'] = { skipped: 'tooLarge', maxNodes: GAE_MAX_NODES };
  if ((o.gae ?? true) && n <= GAE_MAX_NODES) {
    o.progress?.('gae', 2, 3);
    const r = await trainGae(split.train, {
      avoid,
      seed,
      features: o.features,
      epochs: o.gaeEpochs,
      signal: o.signal,
      onEpoch: (e) => o.progress?.('gae', 2 + e / (o.gaeEpochs ?? 200), 3)
    });
    gae = { ...figures(split.labels, gaeScores(r, split.test)), trainMs: r.ms };
  }
  o.progress?.('done', 3, 3);
  return { seed, share, hidden: split.labels.length / 2, heuristics, gae, learned };
}
