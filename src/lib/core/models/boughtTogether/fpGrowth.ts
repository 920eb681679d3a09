// FP-Growth (Han, Pei & Yin, "Mining Frequent Patterns without Candidate Generation", SIGMOD
// 2000): every itemset bought in at least `minCount` baskets, without generating candidates.
// Baskets are compressed into a prefix tree of their frequent items (most frequent first); the
// itemsets ending in an item are mined from that item's conditional tree, recursively.
import { ModelInputError } from '../../errors';

export interface Itemset {
  /** Item indices, ascending. */
  items: number[];
  count: number;
}

interface Node {
  item: number;
  count: number;
  parent: Node | null;
  children: Map<number, Node>;
}

interface Tree {
  /** Frequent items of this tree, most frequent first (ties: lower index). */
  order: number[];
  /** Nodes of each item (its "node links"). */
  links: Map<number, Node[]>;
  support: Map<number, number>;
}

/** Prefix paths with counts: the (conditional) database a tree is built from. */
type Paths = { items: number[]; count: number }[];

function buildTree(paths: Paths, minCount: number): Tree {
  const support = new Map<number, number>();
  for (const p of paths) for (const i of p.items) support.set(i, (support.get(i) ?? 0) + p.count);
  for (const [i, c] of support) if (c < minCount) support.delete(i);
  const order = [...support.keys()].sort((a, b) => support.get(b)! - support.get(a)! || a - b);
  const rank = new Map(order.map((i, r) => [i, r]));
  const root: Node = { item: -1, count: 0, parent: null, children: new Map() };
  const links = new Map<number, Node[]>(order.map((i) => [i, []]));
  for (const p of paths) {
    const items = p.items.filter((i) => rank.has(i)).sort((a, b) => rank.get(a)! - rank.get(b)!);
    let node = root;
    for (const i of items) {
      let next = node.children.get(i);
      if (!next) {
        next = { item: i, count: 0, parent: node, children: new Map() };
        node.children.set(i, next);
        links.get(i)!.push(next);
      }
      next.count += p.count;
      node = next;
    }
  }
  return { order, links, support };
}

export interface FpGrowthOptions {
  /** Stop (with a message to raise the minimum support) past this many itemsets. */
  maxItemsets?: number;
}

/**
 * Frequent itemsets (every size from 1) of `baskets` (item indices; duplicates within a basket
 * count once) with support count >= `minCount`.
 */
export function fpGrowth(
  baskets: readonly ArrayLike<number>[],
  minCount: number,
  o: FpGrowthOptions = {}
): Itemset[] {
  const max = o.maxItemsets ?? 2_000_000;
  const out: Itemset[] = [];
  const paths: Paths = baskets.map((b) => ({ items: [...new Set(Array.from(b))], count: 1 }));
  const mine = (tree: Tree, suffix: number[]) => {
    // Least frequent first, as in the paper (any order gives the same itemsets).
    for (let r = tree.order.length - 1; r >= 0; r--) {
      const item = tree.order[r];
      const itemset = [item, ...suffix];
      out.push({ items: [...itemset].sort((a, b) => a - b), count: tree.support.get(item)! });
      if (out.length > max)
        throw new ModelInputError(
          'together.tooMany',
          `more than ${max} frequent itemsets: raise the minimum support`,
          { max }
        );
      const base: Paths = [];
      for (const node of tree.links.get(item)!) {
        const prefix: number[] = [];
        for (let p = node.parent; p && p.item >= 0; p = p.parent) prefix.push(p.item);
        if (prefix.length) base.push({ items: prefix, count: node.count });
      }
      if (base.length) {
        const cond = buildTree(base, minCount);
        if (cond.order.length) mine(cond, itemset);
      }
    }
  };
  mine(buildTree(paths, minCount), []);
  return out;
}
