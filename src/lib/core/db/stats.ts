// Per-customer order statistics, computed from chunks (always from scratch for the customers
// asked, so the same alive lines give bit-identical sums whatever the history of imports).
import type { CustomerStats, OrderChunk } from './rows';

interface Acc {
  s: CustomerStats;
  orders: Set<string>;
  /** The order code last added, in the chunk added `lastAdd`-th: a customer's lines come in runs. */
  lastOrder: number;
  lastAdd: number;
  /** The add whose tag is already in chunkIds (checked once per customer and chunk). */
  tagAdd: number;
}

/**
 * Stats accumulated chunk by chunk, in ascending chunk order: computeStats over a list, refresh
 * over chunks read a few at a time, and an import session over the chunks it builds (its chunk
 * ids are known only once written, so it tags them with their sequence number and maps the tags
 * at the end). Nothing of a chunk is kept but its tag.
 */
export class StatsAccumulator {
  private readonly accs = new Map<string, Acc>();
  private adds = 0;

  constructor(private readonly only?: Set<string>) {}

  /** Adds the alive rows of `c`; `tag` goes into the chunkIds of its customers. */
  add(c: OrderChunk, tag: number | undefined = c.id): void {
    const { accs, only } = this;
    const add = ++this.adds;
    const byCode: (Acc | undefined)[] = c.customerDict.map((id) => {
      if (id === '' || (only && !only.has(id))) return undefined;
      let a = accs.get(id);
      if (!a) {
        a = {
          s: {
            customerId: id,
            orders: 0,
            lines: 0,
            totalSpent: 0,
            firstTs: Infinity,
            lastTs: -Infinity,
            chunkIds: []
          },
          orders: new Set(),
          lastOrder: -1,
          lastAdd: 0,
          tagAdd: 0
        };
        accs.set(id, a);
      }
      return a;
    });
    // The columns read once (an import adds a chunk of 20,000 rows 50 times per million lines).
    const { alive, customerIdx, ts, quantity, unitPrice, cancelled, orderIdx, orderDict } = c;
    for (let r = 0; r < c.n; r++) {
      if (alive[r] !== 1) continue;
      const a = byCode[customerIdx[r]];
      if (!a) continue;
      const s = a.s;
      if (s.lines === 0) {
        s.channel = c.channelDict[c.channelIdx[r]];
        s.batchId = c.batchId;
      }
      s.lines++;
      const t = ts[r];
      if (t < s.firstTs) s.firstTs = t;
      if (t > s.lastTs) s.lastTs = t;
      const q = quantity[r];
      if (q < 0) s.totalSpent += q * unitPrice[r];
      else if (cancelled[r] === 0) {
        s.totalSpent += q * unitPrice[r];
        const o = orderIdx[r];
        if (o !== a.lastOrder || a.lastAdd !== add) {
          a.orders.add(orderDict[o]);
          a.lastOrder = o;
          a.lastAdd = add;
        }
      }
      if (a.tagAdd !== add) {
        a.tagAdd = add;
        const last = s.chunkIds[s.chunkIds.length - 1];
        if (last !== tag && tag !== undefined) s.chunkIds.push(tag);
      }
    }
  }

  /** Customers with at least one line so far. */
  customers(): string[] {
    const out: string[] = [];
    for (const [id, a] of this.accs) if (a.s.lines > 0) out.push(id);
    return out;
  }

  /** The tags (chunk ids, or the session's sequence numbers) holding a customer's lines. */
  tagsOf(id: string): number[] {
    return this.accs.get(id)?.s.chunkIds ?? [];
  }

  /** The stats, tags mapped through `idOf` (default: they are chunk ids already). */
  result(idOf?: (tag: number) => number): Map<string, CustomerStats> {
    const out = new Map<string, CustomerStats>();
    for (const [id, a] of this.accs) {
      if (a.s.lines === 0) continue;
      const s = { ...a.s, orders: a.orders.size };
      if (idOf) s.chunkIds = s.chunkIds.map(idOf);
      out.set(id, s);
    }
    return out;
  }
}

/**
 * Stats of the customers in `only` (all when omitted) over the alive rows of `chunks`.
 * Chunks are visited in ascending id order; empty customer ids are skipped.
 */
export function computeStats(chunks: OrderChunk[], only?: Set<string>): Map<string, CustomerStats> {
  const acc = new StatsAccumulator(only);
  for (const c of [...chunks].sort((a, b) => (a.id ?? 0) - (b.id ?? 0))) acc.add(c);
  return acc.result();
}
