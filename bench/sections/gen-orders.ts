import { ensureOrdersCsv, ORDERS_LINES } from '../gen-orders';
import type { BenchSection } from '../types';

const section: BenchSection = {
  name: 'gen-orders',
  order: 10,
  async run(ctx) {
    const t0 = performance.now();
    const r = await ensureOrdersCsv();
    ctx.log(
      `${r.path} (${(r.bytes / 1e6).toFixed(1)} MB${r.created ? ', generated' : ', existing'})`
    );
    return {
      file: 'bench/out/online-retail-1m.csv',
      lines: ORDERS_LINES,
      megabytes: +(r.bytes / 1e6).toFixed(1),
      generated: r.created ? 'yes' : 'no (existing)',
      ms: Math.round(performance.now() - t0)
    };
  }
};
export default section;
