// Per-customer order statistics, computed from chunks (always from scratch for the customers
// asked, so the same alive lines give bit-identical sums whatever the history of imports).
import type { CustomerStats, OrderChunk } from './rows';

interface Acc {
  s: CustomerStats;
  orders: Set<string>;
}

/**
 * Stats of the customers in `only` (all when omitted) over the alive rows of `chunks`.
 * Chunks are visited in ascending id order; empty customer ids are skipped.
 */
export function computeStats(chunks: OrderChunk[], only?: Set<string>): Map<string, CustomerStats> {
  const accs = new Map<string, Acc>();
  const sorted = [...chunks].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  for (const c of sorted) {
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
          orders: new Set()
        };
        accs.set(id, a);
      }
      return a;
    });
    for (let r = 0; r < c.n; r++) {
      if (c.alive[r] !== 1) continue;
      const a = byCode[c.customerIdx[r]];
      if (!a) continue;
      const s = a.s;
      if (s.lines === 0) {
        s.channel = c.channelDict[c.channelIdx[r]];
        s.batchId = c.batchId;
      }
      s.lines++;
      const t = c.ts[r];
      if (t < s.firstTs) s.firstTs = t;
      if (t > s.lastTs) s.lastTs = t;
      const q = c.quantity[r];
      if (q < 0) s.totalSpent += q * c.unitPrice[r];
      else if (c.cancelled[r] === 0) {
        s.totalSpent += q * c.unitPrice[r];
        a.orders.add(c.orderDict[c.orderIdx[r]]);
      }
      const last = s.chunkIds[s.chunkIds.length - 1];
      if (last !== c.id && c.id !== undefined) s.chunkIds.push(c.id);
    }
  }
  const out = new Map<string, CustomerStats>();
  for (const [id, a] of accs) {
    if (a.s.lines === 0) continue;
    a.s.orders = a.orders.size;
    out.set(id, a.s);
  }
  return out;
}
