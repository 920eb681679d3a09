// The customer graph: one node per customer, one undirected edge per linked pair (parallel links
// merged, weights summed, self-loops dropped), each edge tagged with the kinds of link behind it.
// Links come from the relationships table (referrals, follows, households...) and, optionally,
// from purchases: two customers who bought at least `minShared` of the same products.
import type { DataInputs } from '../inputs';

/** The kind given to links derived from shared purchases. */
export const CO_PURCHASE = 'co-purchase';

export interface GraphOptions {
  /** Link customers who bought at least this many of the same products (0: no such links). */
  coPurchaseMin?: number;
  /**
   * Products bought by more customers than this link nobody: a best-seller says little about
   * who knows whom and would add a clique of all its buyers. Default 50.
   */
  coPurchaseMaxBuyers?: number;
  /** Keep the relationships' direction for PageRank and degree (links are undirected otherwise). */
  directed?: boolean;
}

export interface SocialGraph {
  /** Node index -> customer id. */
  ids: string[];
  /** Undirected simple edges, u < v by index. */
  src: Int32Array;
  dst: Int32Array;
  weight: Float64Array;
  /** Per edge, a bit set over `kinds` (an edge can be both a referral and a co-purchase). */
  kindBits: Int32Array;
  kinds: string[];
  /** The original directed arcs (from -> to), when the graph is used as directed. */
  arcs?: { src: Int32Array; dst: Int32Array; weight: Float64Array };
}

/** Accumulates links into a SocialGraph. */
export class GraphBuilder {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];
  private readonly edges = new Map<string, { w: number; bits: number }>();
  private readonly arcs = new Map<string, number>();
  private readonly kinds: string[] = [];

  node(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  private kindBit(kind: string): number {
    let k = this.kinds.indexOf(kind);
    if (k < 0) {
      if (this.kinds.length >= 31) k = this.kinds.indexOf('other');
      if (k < 0) k = this.kinds.push(this.kinds.length >= 31 ? 'other' : kind) - 1;
    }
    return 1 << k;
  }

  link(from: string, to: string, kind: string, weight = 1): void {
    const a = this.node(from);
    const b = this.node(to);
    if (a === b) return;
    const w = Number.isFinite(weight) && weight > 0 ? weight : 1;
    const arc = `${a},${b}`;
    this.arcs.set(arc, (this.arcs.get(arc) ?? 0) + w);
    const key = a < b ? arc : `${b},${a}`;
    const e = this.edges.get(key);
    const bit = this.kindBit(kind);
    if (e) {
      e.w += w;
      e.bits |= bit;
    } else this.edges.set(key, { w, bits: bit });
  }

  build(directed = false): SocialGraph {
    const m = this.edges.size;
    const src = new Int32Array(m);
    const dst = new Int32Array(m);
    const weight = new Float64Array(m);
    const kindBits = new Int32Array(m);
    let i = 0;
    for (const [key, e] of this.edges) {
      const c = key.indexOf(',');
      src[i] = Number(key.slice(0, c));
      dst[i] = Number(key.slice(c + 1));
      weight[i] = e.w;
      kindBits[i++] = e.bits;
    }
    const g: SocialGraph = { ids: this.ids, src, dst, weight, kindBits, kinds: this.kinds };
    if (directed) {
      const n = this.arcs.size;
      const a = { src: new Int32Array(n), dst: new Int32Array(n), weight: new Float64Array(n) };
      let j = 0;
      for (const [key, w] of this.arcs) {
        const c = key.indexOf(',');
        a.src[j] = Number(key.slice(0, c));
        a.dst[j] = Number(key.slice(c + 1));
        a.weight[j++] = w;
      }
      g.arcs = a;
    }
    return g;
  }
}

/** Customers who bought at least `min` of the same products (popular products left out). */
function coPurchaseLinks(inputs: DataInputs, b: GraphBuilder, min: number, maxBuyers: number) {
  const buyers = new Map<string, Set<string>>();
  for (const o of inputs.orders) {
    if (!o.customerId || !o.productId || o.quantity < 0) continue;
    let s = buyers.get(o.productId);
    if (!s) buyers.set(o.productId, (s = new Set()));
    s.add(o.customerId);
  }
  const shared = new Map<string, number>();
  for (const set of buyers.values()) {
    if (set.size < 2 || set.size > maxBuyers) continue;
    const list = [...set].sort();
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const key = `${list[i]}\u0000${list[j]}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  for (const [key, n] of shared) {
    if (n < min) continue;
    const c = key.indexOf('\u0000');
    b.link(key.slice(0, c), key.slice(c + 1), CO_PURCHASE, n);
  }
}

/** The graph of the customers in `inputs`: every customer is a node, linked or not. */
export function buildGraph(inputs: DataInputs, o: GraphOptions = {}): SocialGraph {
  const b = new GraphBuilder();
  for (const c of inputs.customers) b.node(c.id);
  for (const r of inputs.relationships) b.link(r.from, r.to, r.kind || 'link', r.weight);
  if (o.coPurchaseMin && o.coPurchaseMin > 0)
    coPurchaseLinks(inputs, b, o.coPurchaseMin, o.coPurchaseMaxBuyers ?? 50);
  return b.build(o.directed);
}

/** Number of linked nodes (degree > 0). */
export function linkedNodes(g: SocialGraph): number {
  const seen = new Uint8Array(g.ids.length);
  for (let i = 0; i < g.src.length; i++) seen[g.src[i]] = seen[g.dst[i]] = 1;
  return seen.reduce((a, b) => a + b, 0);
}
