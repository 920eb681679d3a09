// Rapport's own streaming import (decode -> records -> map -> validate) on the generated
// 1M-line orders CSV in Node, into a sink that discards rows: the parse+map cost without storage.
import { createReadStream } from 'node:fs';
import { ensureOrdersCsv, ORDERS_HEADERS } from '../gen-orders';
import { runImport, autoMap } from '../../src/lib/core/ingest';
import type { ImportSink } from '../../src/lib/core/ingest/sink';
import type { BenchSection } from '../types';

const section: BenchSection = {
  name: 'ingest-node',
  order: 25,
  async run(ctx) {
    const { path } = await ensureOrdersCsv();
    let stored = 0;
    // Order lines take the app's fast path (one call per line, as into the session's column
    // builder) and are dropped.
    const sink: ImportSink = {
      customers: async (r) => void (stored += r.length),
      orders: async (r) => void (stored += r.length),
      products: async (r) => void (stored += r.length),
      interactions: async (r) => void (stored += r.length),
      relationships: async (r) => void (stored += r.length),
      orderColumns: () => ({ line: () => void stored++, settle: async () => {} })
    };
    const { mapping } = autoMap(ORDERS_HEADERS, 'orders');
    const t0 = performance.now();
    let peakHeap = 0;
    const report = await runImport(createReadStream(path, { highWaterMark: 1 << 20 }), {
      fileName: 'online-retail-1m.csv',
      kind: 'orders',
      channel: 'shop',
      mapping,
      sink,
      onProgress: () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed))
    });
    const ms = performance.now() - t0;
    ctx.log(`${report.rowsRead} rows in ${Math.round(ms)} ms`);
    return {
      rows_read: report.rowsRead,
      rows_stored: stored,
      rows_rejected: report.rowsRejected,
      ms: Math.round(ms),
      rows_per_s: Math.round(report.rowsRead / (ms / 1000)),
      peak_heap_mb: Math.round(peakHeap / 2 ** 20)
    };
  }
};
export default section;
