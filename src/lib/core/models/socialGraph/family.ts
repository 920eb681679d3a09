// The social graph as a model family (see README.md): centrality, Louvain communities and
// precomputed positions of every customer; scores keyed by customer (value = PageRank, detail =
// community and the other metrics); influence and community summaries are joined with lifetime
// value and churn risk when the page asks (actions.ts), as those models may change after this one.
import { checkAborted, type ModelFamily, type ScoreRow, type TrainContext } from '../family';
import type { DataInputs } from '../inputs';
import { packWeights, unpackWeights, weightOf, type SavedModel } from '../model';
import { graphActions } from './actions';
import { analyseGraph } from './analyse';
import { graphDataset, type GraphDataset } from './dataset';
import { linkedNodes, type GraphOptions } from './graph';
import { customerValues, influence, summariseCommunities, type CommunitySummary } from './influence'; // prettier-ignore

export interface SocialGraphOptions extends GraphOptions {
  /** Louvain resolution (γ > 1: more, smaller communities). Default 1. */
  resolution?: number;
  /** Louvain runs; the best modularity is kept. Default 10. */
  runs?: number;
  seed?: number;
  /** PageRank and eigenvector convergence (NetworkX's `tol`). Default 1e-6, as NetworkX. */
  tolerance?: number;
  /** Precompute drawing positions (the page needs them, the CLI does not). Default true. */
  layout?: boolean;
}

export interface SocialGraphModel {
  ids: string[];
  pagerank: Float64Array;
  degree: Float64Array;
  betweenness: Float64Array;
  closeness: Float64Array;
  eigenvector: Float64Array;
  community: Int32Array;
  positions: Float32Array;
}

export interface SocialGraphReport {
  nodes: number;
  edges: number;
  /** Customers with at least one link. */
  linked: number;
  kinds: { kind: string; edges: number }[];
  communities: {
    count: number;
    modularity: number;
    runs: number[];
    resolution: number;
    /** Summaries with net spend as value (the page joins lifetime value when fitted). */
    summaries: CommunitySummary[];
  };
  /** 'exact', or the number of sampled sources for betweenness and closeness. */
  pathMetrics: 'exact' | number;
  ms: Record<string, number>;
}

const METRICS = ['pagerank', 'degree', 'betweenness', 'closeness', 'eigenvector'] as const;

function kindCounts(ds: GraphDataset): SocialGraphReport['kinds'] {
  const g = ds.graph;
  return g.kinds
    .map((kind, k) => ({ kind, edges: g.kindBits.reduce((s, b) => s + ((b >> k) & 1), 0) }))
    .sort((a, b) => b.edges - a.edges);
}

export const socialGraph = {
  id: 'graph',
  needs: ['customers', 'relationships', 'orders', 'products'],
  entity: 'customer',
  usesTf: false,
  dataset: (inputs: DataInputs, o: SocialGraphOptions) => graphDataset(inputs, o),
  async train(ds: GraphDataset<SocialGraphOptions>, ctx: TrainContext) {
    const o = ds.options;
    const a = await analyseGraph(ds.graph, {
      ...o,
      signal: ctx.signal,
      progress: (phase, done, total) => ctx.progress?.({ phase, done, total })
    });
    const g = ds.graph;
    const { values } = customerValues(ds.inputs);
    const inf = influence(g.ids, a.centrality.pagerank, values.size ? values : null);
    const model: SocialGraphModel = {
      ids: g.ids,
      ...Object.fromEntries(METRICS.map((m) => [m, a.centrality[m]])),
      community: a.communities.of,
      positions: a.positions
    } as SocialGraphModel;
    const report: SocialGraphReport = {
      nodes: g.ids.length,
      edges: g.src.length,
      linked: linkedNodes(g),
      kinds: kindCounts(ds),
      communities: {
        count: a.communities.count,
        modularity: a.communities.modularity,
        runs: a.communities.runs,
        resolution: a.communities.resolution,
        summaries: summariseCommunities(g.ids, a.communities.of, a.communities.count, ds.inputs, {
          values: values.size ? values : null,
          influence: inf
        })
      },
      pathMetrics: a.centrality.pathMetrics,
      ms: a.ms
    };
    return {
      model,
      report,
      metrics: {
        nodes: report.nodes,
        edges: report.edges,
        communities: report.communities.count,
        modularity: report.communities.modularity
      },
      snapshotDate: Date.now(),
      kind: 'graph-louvain'
    };
  },
  async score(m: SocialGraphModel, ds: GraphDataset, ctx: TrainContext): Promise<ScoreRow[]> {
    checkAborted(ctx.signal);
    // Influence with spend as value (the page joins lifetime value when it is fitted).
    const { values } = customerValues(ds.inputs);
    const inf = influence(m.ids, m.pagerank, values.size ? values : null);
    return m.ids.map((id, i) => ({
      entityKind: 'customer',
      entityId: id,
      item: '',
      value: m.pagerank[i],
      detail: {
        community: m.community[i],
        influence: inf[i],
        degree: m.degree[i],
        betweenness: m.betweenness[i],
        closeness: m.closeness[i],
        eigenvector: m.eigenvector[i],
        pagerank: m.pagerank[i]
      }
    }));
  },
  save: (m: SocialGraphModel): SavedModel => ({
    kind: 'graph-louvain',
    version: 0,
    createdAt: Date.now(),
    params: { ids: m.ids },
    metrics: {},
    trainingMs: 0,
    backend: 'plain',
    snapshotDate: Date.now(),
    weights: packWeights([
      ...METRICS.map((name) => ({ name, shape: [m.ids.length], values: m[name] })),
      { name: 'community', shape: [m.ids.length], values: m.community },
      { name: 'positions', shape: [m.positions.length / 2, 2], values: m.positions }
    ])
  }),
  load(saved: SavedModel): SocialGraphModel {
    const w = unpackWeights(saved.weights!);
    return {
      ids: (saved.params as { ids: string[] }).ids,
      ...Object.fromEntries(METRICS.map((name) => [name, weightOf(w, name, 'float64')])),
      community: weightOf(w, 'community', 'int32'),
      positions: weightOf(w, 'positions', 'float32')
    } as SocialGraphModel;
  },
  actions: graphActions
} as const satisfies ModelFamily<
  SocialGraphOptions,
  GraphDataset<SocialGraphOptions>,
  SocialGraphModel,
  SocialGraphReport,
  SocialGraphReport,
  never,
  typeof graphActions
>;
