// Who interacted with what, and when: the input of every recommender. Built from order lines
// (customer × product) or from any (user, item, time) rows. Each (user, item) pair is one
// interaction at its first time: the protocol asks which *new* items a user takes up next, and
// an item already in a user's history is never ranked for that user.
import type { OrderLine } from '../../types';

/** One (user, item, time) observation before indexing. */
export interface InteractionRow {
  user: string;
  item: string;
  ts: number;
}

/**
 * Users' histories in compressed sparse rows: user u's items are `idx[ptr[u]..ptr[u+1])`,
 * oldest first (ties in input order), with their times in `ts`.
 */
export interface UserItems {
  nUsers: number;
  nItems: number;
  ptr: Int32Array;
  idx: Int32Array;
  ts: Float64Array;
}

export interface InteractionLog {
  /** Index -> id. */
  users: string[];
  items: string[];
  history: UserItems;
}

/** Index distinct (user, item) pairs at their first time; users and items in first-seen order. */
export function indexInteractions(rows: Iterable<InteractionRow>): InteractionLog {
  const userIx = new Map<string, number>();
  const itemIx = new Map<string, number>();
  const first: Map<number, number>[] = [];
  const order: Map<number, number>[] = [];
  let seq = 0;
  for (const r of rows) {
    let u = userIx.get(r.user);
    if (u === undefined) {
      u = userIx.size;
      userIx.set(r.user, u);
      first.push(new Map());
      order.push(new Map());
    }
    let i = itemIx.get(r.item);
    if (i === undefined) {
      i = itemIx.size;
      itemIx.set(r.item, i);
    }
    const prev = first[u].get(i);
    if (prev === undefined || r.ts < prev) {
      first[u].set(i, r.ts);
      if (prev === undefined) order[u].set(i, seq++);
    }
  }
  const lists = first.map((m, u) =>
    [...m].map(([item, ts]) => ({ item, ts, seq: order[u].get(item)! }))
  );
  return {
    users: [...userIx.keys()],
    items: [...itemIx.keys()],
    history: fromLists(
      lists.map((l) => l.sort((a, b) => a.ts - b.ts || a.seq - b.seq)),
      itemIx.size
    )
  };
}

/** A CSR from per-user lists already in time order. */
export function fromLists(lists: { item: number; ts: number }[][], nItems: number): UserItems {
  const ptr = new Int32Array(lists.length + 1);
  lists.forEach((l, u) => (ptr[u + 1] = ptr[u] + l.length));
  const idx = new Int32Array(ptr[lists.length]);
  const ts = new Float64Array(ptr[lists.length]);
  lists.forEach((l, u) =>
    l.forEach((x, k) => {
      idx[ptr[u] + k] = x.item;
      ts[ptr[u] + k] = x.ts;
    })
  );
  return { nUsers: lists.length, nItems, ptr, idx, ts };
}

/** Interactions from order lines: bought (not cancelled, positive quantity), customer × product. */
export function orderInteractions(orders: readonly OrderLine[]): InteractionRow[] {
  const out: InteractionRow[] = [];
  for (const o of orders)
    if (!o.cancelled && o.quantity > 0 && o.customerId && o.productId)
      out.push({ user: o.customerId, item: o.productId, ts: o.ts });
  return out;
}

/** Interactions per item. */
export function itemCounts(h: UserItems): Int32Array {
  const n = new Int32Array(h.nItems);
  for (let k = 0; k < h.idx.length; k++) n[h.idx[k]]++;
  return n;
}

/** User u's items (a view, no copy). */
export const itemsOf = (h: UserItems, u: number): Int32Array =>
  h.idx.subarray(h.ptr[u], h.ptr[u + 1]);
