// Time to generate the sample shop ("Load sample data") and its CSV files.
import { generateSampleShop, sampleAsCsv } from '../../src/lib/core/sample';
import type { BenchSection, Metrics } from '../types';

const section: BenchSection = {
  name: 'sample',
  order: 30,
  async run(ctx) {
    const out: Metrics = {};
    generateSampleShop({ customers: 200 }); // warm up the JIT
    for (const n of [2000, 20000]) {
      const t0 = performance.now();
      const shop = generateSampleShop({ customers: n });
      const ms = performance.now() - t0;
      out[`c${n}_ms`] = Math.round(ms);
      out[`c${n}_order_lines`] = shop.orders.length;
      out[`c${n}_interactions`] = shop.interactions.length;
      out[`c${n}_relationships`] = shop.relationships.length;
      ctx.log(`${n} customers: ${Math.round(ms)} ms, ${shop.orders.length} order lines`);
      if (n === 2000) {
        const t1 = performance.now();
        const csv = sampleAsCsv(shop);
        out.c2000_csv_ms = Math.round(performance.now() - t1);
        out.c2000_csv_kb = Math.round(Object.values(csv).reduce((s, t) => s + t.length, 0) / 1024);
      }
    }
    return out;
  }
};
export default section;
