// A plain edge list (two columns of node ids, comma, tab or space separated, optional header,
// '#' or '%' comment lines) as the inputs the graph families take: one relationship per line,
// one customer per node. What the CLI reads for `rapport graph --edges` (an edge list without a
// header is not one of the app's import kinds), with optional node labels (id, label).
import type { DataInputs } from '../inputs';
import type { Customer, Relationship } from '../../types';

export class EdgeListError extends Error {}

const split = (line: string) => line.trim().split(/\s*[,;\t ]\s*/);

const HEADER_NAMES = /^(id|node|nodes|vertex|customer_?id|source|target|from|to|src|dst|u|v)$/i;

/**
 * Whether the first line names columns rather than giving a row: its first cell is a usual
 * column name, or it is not a number while the next line's first cell is.
 */
function isHeader(cells: string[], next?: string[]): boolean {
  const num = (s: string) => /^-?\d+(\.\d+)?$/.test(s);
  if (HEADER_NAMES.test(cells[0])) return true;
  return !num(cells[0]) && !!next && num(next[0]);
}

function lines(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^\s*[#%]/.test(l))
    .map(split);
}

export function parseEdgeList(text: string, file = 'edges'): { from: string; to: string }[] {
  const rows = lines(text);
  const start = rows.length && isHeader(rows[0], rows[1]) ? 1 : 0;
  return rows.slice(start).map((cells, i) => {
    if (cells.length < 2 || !cells[0] || !cells[1])
      throw new EdgeListError(`${file}, row ${i + start + 1}: expected two node ids, got "${cells.join(' ')}"`); // prettier-ignore
    return { from: cells[0], to: cells[1] };
  });
}

/** Node labels: two columns (node id, label), header optional. */
export function parseLabels(text: string): Map<string, string> {
  const rows = lines(text);
  const start = rows.length && isHeader(rows[0], rows[1]) ? 1 : 0;
  return new Map(rows.slice(start).map((c) => [c[0], c.slice(1).join(' ')]));
}

/** Edges (and labelled nodes) as data inputs: relationships of kind 'link', customers by id. */
export function edgeListInputs(
  edges: { from: string; to: string }[],
  labels?: Map<string, string>
): DataInputs {
  const ids = new Set<string>(labels?.keys());
  for (const e of edges) ids.add(e.from).add(e.to);
  const customers: Customer[] = [...ids].map((id) => ({
    id,
    channel: 'import',
    attributes: {},
    batchId: 0,
    updatedAt: 0
  }));
  const relationships: Relationship[] = edges.map((e, i) => ({
    id: `${e.from}->${e.to}:link#${i}`,
    from: e.from,
    to: e.to,
    kind: 'link',
    weight: 1,
    batchId: 0
  }));
  return { customers, orders: [], interactions: [], relationships, products: [] };
}
