// Likely new connections as a model family (see README.md): the link predictors evaluated on a
// seeded split of the customer graph (report), then the learned link model refitted on the whole
// graph to suggest who is likely to know or refer whom (scores keyed by customer pair, with the
// reason in `detail`).
import { checkAborted, type ModelFamily, type ScoreRow, type TrainContext } from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { toGraphology } from './analyse';
import { detectCommunities } from './communities';
import { toCsr } from './csr';
import { graphDataset, type GraphDataset } from './dataset';
import { evaluateLinks, type LinkEvaluation } from './evaluateLinks';
import type { GraphOptions, SocialGraph } from './graph';
import { fitLinkModel, loadLinkModel, type LinkLearner, type LinkModel } from './learnedLinks';
import { suggestLinks } from './suggest';
import { linksActions } from './linksActions';

export interface LikelyLinksOptions extends GraphOptions {
  seed?: number;
  /** Share of edges hidden for the evaluation. Default 0.1. */
  share?: number;
  /** Also evaluate the plain graph autoencoder (tfjs). Default true. */
  gae?: boolean;
  /** Suggestions kept per customer. Default 5. */
  perCustomer?: number;
}

export interface LikelyLinksReport {
  evaluation: LinkEvaluation;
  /** The model behind the suggestions, refitted on every link. */
  final: { learner: LinkLearner; validationAuc: Record<LinkLearner, number>; trainMs: number };
  nodes: number;
  edges: number;
}

/** Standardised log orders and log spend per node, when any customer has orders. */
export function customerFeatures(g: SocialGraph, inputs: DataInputs) {
  if (!inputs.orders.length) return undefined;
  const at = new Map(g.ids.map((id, i) => [id, i]));
  const orders = g.ids.map(() => new Set<string>());
  const spend = new Float64Array(g.ids.length);
  for (const o of inputs.orders) {
    const i = at.get(o.customerId);
    if (i === undefined) continue;
    orders[i].add(o.orderId);
    spend[i] += o.quantity * o.unitPrice;
  }
  const cols = [orders.map((s) => Math.log1p(s.size)), [...spend].map((s) => Math.log1p(Math.max(0, s)))]; // prettier-ignore
  const X = new Float32Array(g.ids.length * 2);
  cols.forEach((c, j) => {
    const mean = c.reduce((a, b) => a + b, 0) / c.length;
    const sd = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / c.length) || 1;
    c.forEach((x, i) => (X[i * 2 + j] = (x - mean) / sd));
  });
  return { X, cols: 2 };
}

type LinksDataset = GraphDataset<LikelyLinksOptions>;

export const likelyLinks = {
  id: 'links',
  needs: ['customers', 'relationships', 'orders'],
  entity: 'customer-customer',
  usesTf: true,
  dataset: (inputs: DataInputs, o: LikelyLinksOptions) => graphDataset(inputs, o),
  async train(ds: LinksDataset, ctx: TrainContext) {
    const g = ds.graph;
    const o = ds.options;
    const n = g.ids.length;
    const progress = (phase: string, done: number, total: number) =>
      ctx.progress?.({ phase, done, total: total + 1 });
    const evaluation = await evaluateLinks(n, g.src, g.dst, {
      seed: o.seed,
      share: o.share,
      gae: o.gae,
      features: customerFeatures(g, ds.inputs),
      signal: ctx.signal,
      progress
    });
    progress('final', 3, 3);
    const fit = await fitLinkModel(toCsr(n, g.src, g.dst), new Set(), {
      seed: o.seed,
      signal: ctx.signal
    });
    const report: LikelyLinksReport = {
      evaluation,
      final: { learner: fit.model.learner, validationAuc: fit.validationAuc, trainMs: fit.ms },
      nodes: n,
      edges: g.src.length
    };
    const gae: Record<string, number> = 'auc' in evaluation.gae ? { gaeAuc: evaluation.gae.auc } : {}; // prettier-ignore
    return {
      model: fit.model,
      report,
      metrics: {
        auc: evaluation.learned.auc,
        ap: evaluation.learned.ap,
        adamicAdarAuc: evaluation.heuristics.adamicAdar.auc,
        ...gae
      },
      snapshotDate: Date.now(),
      kind: `links-${fit.model.learner}`
    };
  },
  async score(m: LinkModel, ds: LinksDataset, ctx: TrainContext): Promise<ScoreRow[]> {
    const g = ds.graph;
    checkAborted(ctx.signal);
    const community = detectCommunities(toGraphology(g), { runs: 1, seed: ds.options.seed }).of;
    return suggestLinks(toCsr(g.ids.length, g.src, g.dst), g.ids, m, {
      perCustomer: ds.options.perCustomer,
      community,
      signal: ctx.signal
    });
  },
  save(m: LinkModel): SavedModel {
    const clf = m.clf.toJSON();
    return {
      ...clf,
      kind: `links-${m.learner}`,
      params: { ...clf.params, linkLearner: m.learner, mean: [...m.mean], scale: [...m.scale] }
    };
  },
  load(saved: SavedModel): LinkModel {
    const { linkLearner, mean, scale, ...params } = saved.params as {
      linkLearner: LinkLearner;
      mean: number[];
      scale: number[];
    };
    return loadLinkModel({
      learner: linkLearner,
      mean,
      scale,
      clf: { ...saved, kind: linkLearner, params }
    });
  },
  dispose: (m: LinkModel) => m.clf.dispose(),
  actions: linksActions
} as const satisfies ModelFamily<
  LikelyLinksOptions,
  LinksDataset,
  LinkModel,
  LikelyLinksReport,
  LikelyLinksReport,
  never,
  typeof linksActions
>;
