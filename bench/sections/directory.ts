// Customer directory over 100,000 customers (Node): index build time and query latency for the
// searches and sorts the directory page issues. Target: every query under 50 ms.
import { buildDirectory, queryDirectory, type CustomerStats } from '../../src/lib/core/db';
import type { Customer } from '../../src/lib/core/types';
import type { BenchSection, Metrics } from '../types';

function customers(n: number): { customers: Customer[]; stats: CustomerStats[] } {
  const first = ['Ada', 'Wei', 'Zoë', 'Omar', 'Lena', 'Ravi', 'Mei', 'Tom', '张', '李'];
  const last = ['Smith', 'Li', 'Garcia', 'Müller', 'Khan', 'Wang', 'Brown', 'Rossi', '伟', '娜'];
  const out: Customer[] = [];
  const stats: CustomerStats[] = [];
  for (let i = 0; i < n; i++) {
    const id = `C${String(i).padStart(6, '0')}`;
    out.push({
      id,
      name: `${first[i % 10]} ${last[(i * 7) % 10]} ${i}`,
      email: `user${i}@example.org`,
      phone: `+44 20 ${7946000 + i}`,
      channel: 'shop',
      attributes: {},
      batchId: 1,
      updatedAt: 0
    });
    stats.push({
      customerId: id,
      orders: i % 17,
      lines: i % 31,
      totalSpent: (i * 7919) % 10007,
      firstTs: i,
      lastTs: (i * 104729) % 1e9,
      chunkIds: []
    });
  }
  return { customers: out, stats };
}

const section: BenchSection = {
  name: 'directory',
  order: 40,
  async run() {
    const data = customers(100_000);
    let t = performance.now();
    const dir = buildDirectory(data.customers, data.stats);
    const out: Metrics = { customers: 100_000, build_ms: Math.round(performance.now() - t) };
    const queries: Record<string, Parameters<typeof queryDirectory>[1]> = {
      sort_last_purchase: { sort: 'lastPurchase', desc: true, limit: 200 },
      sort_total_spent: { sort: 'totalSpent', desc: true, limit: 200 },
      search_name: { search: 'müller', sort: 'name', limit: 200 },
      search_email: { search: 'user9999', sort: 'totalSpent', desc: true, limit: 200 },
      search_phone_digits: { search: '7946 123', sort: 'name', limit: 200 },
      search_chinese: { search: '张', sort: 'orders', desc: true, limit: 200 }
    };
    let worst = 0;
    for (const [name, q] of Object.entries(queries)) {
      t = performance.now();
      const r = queryDirectory(dir, q);
      const ms = performance.now() - t;
      worst = Math.max(worst, ms);
      out[`${name}_ms`] = +ms.toFixed(1);
      out[`${name}_hits`] = r.total;
    }
    out.worst_query_ms = +worst.toFixed(1);
    return out;
  }
};
export default section;
