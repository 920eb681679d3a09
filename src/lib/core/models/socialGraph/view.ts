// What the graph page draws and lists, joined from a saved analysis and the current data: the
// linked customers (label = name or id, plain text), their community, influence and precomputed
// position; the links between them with their kinds; community summaries and influencers with
// lifetime value (or spend) and churn risk when those models are fitted.
import type { DataInputs } from '../inputs';
import type { SocialGraphModel, SocialGraphReport } from './family';
import type { SocialGraph } from './graph';
import { customerValues, influence, summariseCommunities, type CommunitySummary, type ValueSource } from './influence'; // prettier-ignore

export interface GraphNode {
  id: string;
  /** The customer's name, or the id when there is none: always drawn as text. */
  label: string;
  community: number;
  /** PageRank × value, scaled to [0, 1]. */
  influence: number;
  pagerank: number;
  degree: number;
  betweenness: number;
  value: number | null;
  x: number;
  y: number;
}

export interface GraphView {
  modelId: string;
  nodes: GraphNode[];
  /** Links as indices into `nodes`, with a bit set over `kinds`. */
  edges: { s: number; t: number; kinds: number }[];
  kinds: string[];
  communities: (CommunitySummary & { leaderNames: string[] })[];
  influencers: GraphNode[];
  valueSource: ValueSource;
  report: SocialGraphReport;
}

export interface ViewSources {
  modelId: string;
  model: SocialGraphModel;
  report: SocialGraphReport;
  graph: SocialGraph;
  inputs: DataInputs;
  clv?: Map<string, number>;
  churn?: Map<string, number>;
}

export function graphView(s: ViewSources): GraphView {
  const { model: m, graph: g } = s;
  const names = new Map(s.inputs.customers.map((c) => [c.id, c.name?.trim() || c.id]));
  const { values, source } = customerValues(s.inputs, s.clv);
  const inf = influence(m.ids, m.pagerank, source ? values : null);
  const at = new Map(m.ids.map((id, i) => [id, i]));
  const keep = new Map<number, number>();
  const nodes: GraphNode[] = [];
  const edges: GraphView['edges'] = [];
  const nodeOf = (gi: number): number | undefined => {
    const hit = keep.get(gi);
    if (hit !== undefined) return hit;
    const i = at.get(g.ids[gi]);
    if (i === undefined) return undefined;
    const id = m.ids[i];
    keep.set(gi, nodes.length);
    nodes.push({
      id,
      label: names.get(id) ?? id,
      community: m.community[i],
      influence: inf[i],
      pagerank: m.pagerank[i],
      degree: m.degree[i],
      betweenness: m.betweenness[i],
      value: source ? (values.get(id) ?? null) : null,
      x: m.positions[2 * i] ?? 0,
      y: m.positions[2 * i + 1] ?? 0
    });
    return nodes.length - 1;
  };
  for (let e = 0; e < g.src.length; e++) {
    const a = nodeOf(g.src[e]);
    const b = nodeOf(g.dst[e]);
    if (a !== undefined && b !== undefined) edges.push({ s: a, t: b, kinds: g.kindBits[e] });
  }
  const summaries = summariseCommunities(m.ids, m.community, s.report.communities.count, s.inputs, {
    values: source ? values : null,
    churn: s.churn,
    influence: inf
  });
  const influencers = [...nodes].sort((a, b) => b.influence - a.influence).slice(0, 20);
  return {
    modelId: s.modelId,
    nodes,
    edges,
    kinds: g.kinds,
    communities: summaries.map((c) => ({
      ...c,
      leaderNames: c.leaders.map((id) => names.get(id) ?? id)
    })),
    influencers,
    valueSource: source,
    report: s.report
  };
}
