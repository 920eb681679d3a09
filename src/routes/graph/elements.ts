// What Cytoscape draws for a graph view: the nodes (all, one community's, or one customer and
// their contacts) at their precomputed positions, sized by influence and coloured by community,
// and the links among them styled by kind. Labels are data strings that Cytoscape paints on its
// canvas as text: a name full of HTML is never parsed as markup.
import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import type { GraphView } from '$lib/core/models/socialGraph';
import { PALETTE } from '$lib/ui/charts/palette';

export interface DrawFilter {
  /** Only this community (null: all). */
  community: number | null;
  /** Only this customer and their contacts (null: everyone). */
  focus: string | null;
}

export const communityColour = (c: number): string => PALETTE[c % PALETTE.length];

/** Line styles by kind (index in view.kinds). */
const LINES = ['solid', 'dashed', 'dotted'] as const;
export const lineStyleOf = (kind: number): (typeof LINES)[number] => LINES[kind % LINES.length];

/** Lowest kind index set in a bit set. */
const firstKind = (bits: number) => Math.max(0, Math.log2(bits & -bits));

/** Indices of the nodes kept by the filter. */
export function keptNodes(view: GraphView, f: DrawFilter): Set<number> {
  if (f.focus !== null) {
    const i = view.nodes.findIndex((n) => n.id === f.focus);
    if (i < 0) return new Set();
    const keep = new Set([i]);
    for (const e of view.edges) {
      if (e.s === i) keep.add(e.t);
      if (e.t === i) keep.add(e.s);
    }
    return keep;
  }
  const keep = new Set<number>();
  view.nodes.forEach((n, i) => {
    if (f.community === null || n.community === f.community) keep.add(i);
  });
  return keep;
}

/**
 * Links drawn at most: Cytoscape's cost grows with elements (5,000 customers and 25,000 links
 * take seconds to set up even on a desktop), and that many lines say little on a tablet. Beyond
 * it, the links between the most influential customers are drawn; focusing on a customer or a
 * community draws theirs.
 */
export const EDGE_CAP = 5000;

export interface Drawing {
  elements: ElementDefinition[];
  edgesShown: number;
  edgesTotal: number;
}

/** Names drawn when many customers are drawn: the most influential only (text costs time). */
export const LABELS_CAP = 100;

export function elementsOf(view: GraphView, f: DrawFilter, cap = EDGE_CAP): Drawing {
  const keep = keptNodes(view, f);
  const out: ElementDefinition[] = [];
  const named = new Set(
    f.focus !== null || keep.size <= 2 * LABELS_CAP
      ? keep
      : [...keep].sort((a, b) => view.nodes[b].influence - view.nodes[a].influence).slice(0, LABELS_CAP) // prettier-ignore
  );
  for (const i of keep) {
    const n = view.nodes[i];
    out.push({
      group: 'nodes',
      data: {
        id: n.id,
        label: n.label,
        size: 8 + 34 * Math.sqrt(n.influence),
        colour: communityColour(n.community),
        focus: n.id === f.focus ? 1 : 0,
        named: named.has(i) ? 1 : 0
      },
      position: { x: n.x * 10, y: n.y * 10 }
    });
  }
  let edges = view.edges.map((e, k) => ({ e, k })).filter(({ e }) => keep.has(e.s) && keep.has(e.t)); // prettier-ignore
  const total = edges.length;
  if (total > cap) {
    const weight = (e: { s: number; t: number }) =>
      view.nodes[e.s].influence + view.nodes[e.t].influence;
    edges = edges.sort((a, b) => weight(b.e) - weight(a.e) || a.k - b.k).slice(0, cap);
  }
  for (const { e, k } of edges)
    out.push({
      group: 'edges',
      data: { id: `e${k}`, source: view.nodes[e.s].id, target: view.nodes[e.t].id },
      classes: `k${firstKind(e.kinds) % LINES.length}`
    });
  return { elements: out, edgesShown: edges.length, edgesTotal: total };
}

/** Style; straight edges (styled by kind) up to 5,000, cheaper haystack lines beyond. */
export function graphStyle(edges: number): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        width: 'data(size)',
        height: 'data(size)',
        'background-color': 'data(colour)',
        'border-width': 1,
        'border-color': '#ffffff'
      }
    },
    {
      selector: 'node[named = 1]',
      style: {
        label: 'data(label)',
        'font-size': 11,
        color: '#111827',
        'text-valign': 'bottom',
        'text-margin-y': 2,
        'min-zoomed-font-size': 6
      }
    },
    { selector: 'node[focus = 1]', style: { 'border-width': 4, 'border-color': '#111827' } },
    {
      selector: 'edge',
      style: {
        width: 1,
        'line-color': '#9ca3af',
        opacity: 0.6,
        'curve-style': edges > 5000 ? 'haystack' : 'straight'
      }
    },
    ...LINES.map((line, k) => ({ selector: `edge.k${k}`, style: { 'line-style': line } }))
  ];
}
