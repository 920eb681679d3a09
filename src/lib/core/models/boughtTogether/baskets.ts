// Baskets: the sets of products bought together. From order lines (one basket per order; lines
// without an order number grouped by customer and time), or from rows of a basket file (one
// basket per line, items in the fields; the empty fields of a trailing ",,,," run are not items).
import type { OrderLine } from '../../types';

export interface Baskets {
  /** Item index -> id. */
  items: string[];
  /** Each basket's distinct items (indices). */
  baskets: Int32Array[];
}

/** Index baskets of item ids (blank ids dropped, duplicates within a basket counted once). */
export function indexBaskets(lists: Iterable<readonly string[]>): Baskets {
  const ix = new Map<string, number>();
  const baskets: Int32Array[] = [];
  for (const l of lists) {
    const mine = new Set<number>();
    for (const raw of l) {
      const id = raw.trim();
      if (!id) continue;
      let i = ix.get(id);
      if (i === undefined) ix.set(id, (i = ix.size));
      mine.add(i);
    }
    if (mine.size) baskets.push(Int32Array.from(mine));
  }
  return { items: [...ix.keys()], baskets };
}

/** One basket per order (not cancelled, positive quantity). */
export function orderBaskets(orders: readonly OrderLine[]): Baskets {
  const by = new Map<string, string[]>();
  for (const o of orders) {
    if (o.cancelled || o.quantity <= 0 || !o.productId) continue;
    const k = o.orderId || `${o.customerId}\u0000${o.ts}`;
    const b = by.get(k);
    if (b) b.push(o.productId);
    else by.set(k, [o.productId]);
  }
  return indexBaskets(by.values());
}
