// The import's fast path for order lines (ImportSink.orderColumns: values straight into the
// session's chunk builder) stores exactly what the object path stores.
import { describe, expect, it } from 'vitest';
import {
  allOrders,
  beginImport,
  computeStats,
  expandChunk,
  listBatches,
  listStats
} from '../../../src/lib/core/db';
import { importFile } from '../../../src/lib/core/ingest';
import { readExport } from '../../../src/lib/core/ingest/memory';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { fixture } from '../ingest/helpers';
import { newDb } from './helpers';
import { RETAIL_MAPPING as MAPPING } from './retail';

describe('order lines into a session', () => {
  it('the column fast path stores the same lines, counts and errors as reading into memory', async () => {
    const bytes = fixture('csv/online-retail-sample.csv');
    const mem = await readExport(chunked(bytes, 4096), { fileName: 'r.csv', kind: 'orders' });
    const db = newDb('fastpath');
    // Small chunks: many chunk writes in flight during the import.
    const report = await importFile(
      chunked(bytes, 777),
      { fileName: 'r.csv', kind: 'orders', channel: 'shop', mapping: mem.report.mapping },
      (o) => beginImport(db, o, { chunkSize: 64, locks: null })
    );
    expect([report.rowsRead, report.rowsStored, report.rowsRejected]).toEqual([1071, 1070, 1]);
    expect(report.errors).toEqual(mem.report.errors);
    expect(await allOrders(db)).toEqual(mem.orders);
    const [batch] = await listBatches(db, null);
    expect(batch).toMatchObject({ status: 'committed', rowsStored: 1070, linesAlive: 1070 });
    db.close();
  });
});

describe('stats accumulated while importing', () => {
  it('equal stats computed from scratch, for new customers and for ones known before', async () => {
    const bytes = fixture('csv/online-retail-sample.csv');
    const db = newDb('stats-acc');
    const run = (keepLines: number) =>
      importFile(
        chunked(bytes, 4096),
        { fileName: 'r.csv', kind: 'orders', channel: 'shop', mapping: MAPPING },
        (o) => beginImport(db, o, { chunkSize: 50, locks: null, keepLines })
      );
    // First import: every customer is new (accumulated stats used as they are). Second: the
    // same lines again, none of its chunks kept in memory: stats recomputed from chunks read back.
    for (const keep of [2_000_000, 0]) {
      await run(keep);
      const chunks = (await db.orderChunks.toArray())
        .map(expandChunk)
        .filter((c) => c.alive.some((a) => a === 1));
      const want = [...computeStats(chunks).values()].sort((a, b) =>
        a.customerId < b.customerId ? -1 : 1
      );
      const got = (await listStats(db)).sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
      expect(got).toEqual(want);
      expect(got).toHaveLength(50);
    }
    db.close();
  });
});

describe('heartbeat of a pending import', () => {
  it('chunk writes touch the batch row every 10 s, not on every chunk', async () => {
    const bytes = fixture('csv/online-retail-sample.csv');
    const db = newDb('heartbeat');
    let clock = 1_000_000;
    const touched: number[] = [];
    const session = await beginImport(
      db,
      { source: 'r', fileName: 'r.csv', kind: 'orders', channel: 'shop', mapping: MAPPING },
      // Each reading of the clock is 3 s later: a heartbeat every third or fourth chunk.
      { chunkSize: 64, locks: null, now: () => (clock += 3_000) }
    );
    const columns = session.orderColumns!();
    const lines = (await readExport(chunked(bytes, 4096), { fileName: 'r.csv', kind: 'orders' }))
      .orders;
    for (const o of lines) {
      columns.line(o.orderId, o.customerId, o.productId, o.productName, o.quantity, o.unitPrice, o.ts, o.channel, o.cancelled); // prettier-ignore
      await columns.settle();
      const t = (await db.batches.get(session.batchId))!.touchedAt;
      if (t !== touched[touched.length - 1]) touched.push(t);
    }
    await session.abort('test');
    // 1070 lines in 64-line chunks: 16 chunks written, the row touched at start and then
    // whenever 10 s had passed since the last touch.
    expect(touched.length).toBeGreaterThan(3);
    expect(touched.length).toBeLessThan(10);
    for (let i = 1; i < touched.length; i++)
      expect(touched[i] - touched[i - 1]).toBeGreaterThanOrEqual(10_000);
    db.close();
  });
});
