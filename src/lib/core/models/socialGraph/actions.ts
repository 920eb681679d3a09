// What the graph page asks besides train / results / scores: the drawable view of the active
// analysis (joined with lifetime value and churn risk when fitted), its exports, and a timed
// analysis of an edge list given directly (the browser bench; nothing is stored).
import type { FamilyEnv } from '../runtime';
import { analyseGraph } from './analyse';
import type { GraphDataset } from './dataset';
import { viewToCsv, viewToGexf } from './exports';
import type { SocialGraphModel, SocialGraphOptions, SocialGraphReport } from './family';
import type { SocialGraph } from './graph';
import { graphView, type GraphView } from './view';

async function activeView(env: FamilyEnv, modelId?: string): Promise<GraphView | null> {
  const rt = env.runtime;
  const active = await rt.active<SocialGraphModel>(env.family, modelId);
  const stored = active && (await rt.report<SocialGraphReport>(env.family, active.version.id));
  if (!active || !stored) return null;
  let ds: GraphDataset;
  try {
    ds = (await rt.dataset(env.family, active.version.options as SocialGraphOptions)) as GraphDataset; // prettier-ignore
  } catch {
    return null; // the links it was drawn from are gone (an undone import): the page says stale
  }
  const scores = async (family: string) =>
    new Map([...(await rt.activeScoreMap(family))].map(([id, s]) => [id, s.value]));
  return graphView({
    modelId: active.version.id,
    model: active.model,
    report: stored.report,
    graph: ds.graph,
    inputs: ds.inputs,
    clv: await scores('clv'),
    churn: await scores('churn')
  });
}

export interface EdgeListTiming {
  nodes: number;
  edges: number;
  communities: number;
  modularity: number;
  pathMetrics: 'exact' | number;
  /** Milliseconds per phase (build, pagerank, degree, betweenness, closeness, eigenvector, communities). */
  ms: Record<string, number>;
  totalMs: number;
}

export const graphActions = {
  async view(env: FamilyEnv, args: { modelId?: string } | undefined): Promise<GraphView | null> {
    return activeView(env, args?.modelId);
  },

  async exportGexf(env: FamilyEnv): Promise<string | null> {
    const v = await activeView(env);
    return v && viewToGexf(v);
  },

  async exportCsv(env: FamilyEnv): Promise<string | null> {
    const v = await activeView(env);
    return v && viewToCsv(v);
  },

  /** Every metric and the communities of an edge list (bench: 10,000 nodes / 100,000 edges). */
  async analyseEdges(
    env: FamilyEnv,
    args: { n: number; src: Int32Array; dst: Int32Array; runs?: number }
  ): Promise<EdgeListTiming> {
    const t0 = performance.now();
    const g: SocialGraph = {
      ids: Array.from({ length: args.n }, (_, i) => String(i)),
      src: args.src,
      dst: args.dst,
      weight: new Float64Array(args.src.length).fill(1),
      kindBits: new Int32Array(args.src.length).fill(1),
      kinds: ['link']
    };
    const a = await analyseGraph(g, { layout: false, runs: args.runs ?? 1, signal: env.signal });
    return {
      nodes: args.n,
      edges: args.src.length,
      communities: a.communities.count,
      modularity: a.communities.modularity,
      pathMetrics: a.centrality.pathMetrics,
      ms: a.ms,
      totalMs: performance.now() - t0
    };
  }
};
