// Suggested connections: for each linked customer, the unlinked customers two steps away (who
// share at least one contact), the `shortlist` with the highest resource allocation kept, scored
// by the learned link model; the best `perCustomer` become "likely to know / refer" rows with the
// reason: how many contacts they share (and up to three of them) and whether they are in the
// same community.
import type { ScoreRow } from '../family';
import type { Csr } from './csr';
import { predictLinks, type LinkModel } from './learnedLinks';

export interface SuggestOptions {
  perCustomer?: number;
  shortlist?: number;
  /** Community of each node (same index as the graph), for the reason. */
  community?: Int32Array;
  signal?: AbortSignal;
}

/** The unlinked two-step neighbours of u, by resource allocation, best `k`. */
function candidates(g: Csr, u: number, k: number, ra: Float64Array, touched: number[]): number[] {
  for (let a = g.start[u]; a < g.start[u + 1]; a++) {
    const w = g.nbr[a];
    const share = 1 / (g.start[w + 1] - g.start[w]);
    for (let b = g.start[w]; b < g.start[w + 1]; b++) {
      const v = g.nbr[b];
      if (v === u) continue;
      if (ra[v] === 0) touched.push(v);
      ra[v] += share;
    }
  }
  for (let a = g.start[u]; a < g.start[u + 1]; a++) ra[g.nbr[a]] = -1; // already linked
  const out = touched.filter((v) => ra[v] > 0).sort((x, y) => ra[y] - ra[x] || x - y).slice(0, k); // prettier-ignore
  for (const v of touched) ra[v] = 0;
  for (let a = g.start[u]; a < g.start[u + 1]; a++) ra[g.nbr[a]] = 0;
  touched.length = 0;
  return out;
}

function sharedContacts(g: Csr, u: number, v: number): number[] {
  const out: number[] = [];
  let i = g.start[u];
  let j = g.start[v];
  while (i < g.start[u + 1] && j < g.start[v + 1]) {
    if (g.nbr[i] < g.nbr[j]) i++;
    else if (g.nbr[i] > g.nbr[j]) j++;
    else {
      out.push(g.nbr[i]);
      i++;
      j++;
    }
  }
  return out;
}

export function suggestLinks(
  g: Csr,
  ids: readonly string[],
  model: LinkModel,
  o: SuggestOptions = {}
): ScoreRow[] {
  const per = o.perCustomer ?? 5;
  const ra = new Float64Array(g.n);
  const touched: number[] = [];
  const rows: ScoreRow[] = [];
  for (let u = 0; u < g.n; u++) {
    if ((u & 255) === 0) o.signal?.throwIfAborted();
    const cands = candidates(g, u, o.shortlist ?? 30, ra, touched);
    if (!cands.length) continue;
    const pairs = { u: new Int32Array(cands.length).fill(u), v: Int32Array.from(cands) };
    const p = predictLinks(model, g, pairs);
    const best = cands.map((v, i) => ({ v, p: p[i] })).sort((a, b) => b.p - a.p || a.v - b.v);
    for (const { v, p: prob } of best.slice(0, per)) {
      const shared = sharedContacts(g, u, v);
      rows.push({
        entityKind: 'customer-customer',
        entityId: ids[u],
        item: ids[v],
        value: prob,
        detail: {
          shared: shared.length,
          via: shared.slice(0, 3).map((w) => ids[w]),
          sameCommunity: o.community ? o.community[u] === o.community[v] : null
        }
      });
    }
  }
  return rows;
}
