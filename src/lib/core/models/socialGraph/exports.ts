// Exports of a graph view: GEXF 1.3 for Gephi (graphology-gexf's writer, which escapes every
// label and attribute as XML text) and a CSV of node metrics (formula-safe cells).
import { UndirectedGraph } from 'graphology';
import writeGexf from 'graphology-gexf/browser/writer';
import { toCsv } from '../../ingest/export';
import type { GraphView } from './view';

export function viewToGexf(v: GraphView): string {
  const g = new UndirectedGraph();
  for (const n of v.nodes)
    g.addNode(n.id, {
      label: n.label,
      community: n.community,
      influence: n.influence,
      pagerank: n.pagerank,
      degree: n.degree,
      betweenness: n.betweenness,
      x: n.x,
      y: n.y
    });
  const kindNames = (bits: number) => v.kinds.filter((_, k) => (bits >> k) & 1).join('+');
  for (const e of v.edges)
    g.mergeEdge(v.nodes[e.s].id, v.nodes[e.t].id, { kind: kindNames(e.kinds) });
  return writeGexf(g, {
    version: '1.3',
    formatNode: (_key, a) => ({
      label: a.label as string,
      viz: { x: a.x as number, y: a.y as number, size: 1 + 9 * (a.influence as number) },
      attributes: {
        community: a.community,
        influence: a.influence,
        pagerank: a.pagerank,
        degree: a.degree,
        betweenness: a.betweenness
      }
    }),
    formatEdge: (_key, a) => ({ attributes: { kind: a.kind } })
  });
}

const r6 = (x: number) => (Number.isFinite(x) ? +x.toPrecision(6) : '');

export function viewToCsv(v: GraphView): string {
  return toCsv(
    v.nodes.map((n) => [
      n.id,
      n.label,
      n.community + 1,
      r6(n.influence),
      r6(n.pagerank),
      r6(n.degree),
      r6(n.betweenness),
      n.value === null ? '' : +n.value.toFixed(2)
    ]),
    ['customer_id', 'name', 'community', 'influence', 'pagerank', 'degree', 'betweenness', 'value']
  );
}
