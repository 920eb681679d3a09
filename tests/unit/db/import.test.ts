import { describe, expect, it } from 'vitest';
import {
  allOrders,
  beginImport,
  customerCount,
  getCustomer,
  getStats,
  listBatches,
  listStats,
  orderCount,
  ordersOfCustomer,
  scanOrders,
  type RapportDb
} from '../../../src/lib/core/db';
import type { NewCustomer } from '../../../src/lib/core/ingest/sink';
import type { OrderLine } from '../../../src/lib/core/types';
import { dump, newDb } from './helpers';
import { retailLines } from './retail';

const lines = retailLines();
const summary = (n: number) => ({ rowsRead: n, rowsStored: n, rowsRejected: 0, errorsSample: 0 });
const ordersOpts = {
  source: 'Online Retail',
  fileName: 'retail.csv',
  kind: 'orders',
  channel: 'shop',
  mapping: { orderId: 'InvoiceNo' }
} as const;

/** Every stats row, in customer id order (shards keep their own order). */
const sortedStats = async (db: RapportDb) =>
  (await listStats(db)).sort((a, b) => (a.customerId < b.customerId ? -1 : 1));

/** Import order lines in pushes of 250 with chunks of 100 lines; returns the batch id. */
async function importOrders(db: RapportDb, ls: OrderLine[], fileName = 'retail.csv') {
  const s = await beginImport(db, { ...ordersOpts, fileName }, { chunkSize: 100 });
  for (let i = 0; i < ls.length; i += 250) await s.orders(ls.slice(i, i + 250));
  await s.commit(summary(ls.length));
  return s.batchId;
}

/** Expected stats computed directly from lines (independent of the chunk code). */
function expected(ls: OrderLine[], id: string) {
  const mine = ls.filter((l) => l.customerId === id);
  let spent = 0;
  const orders = new Set<string>();
  for (const l of mine) {
    if (l.quantity < 0) spent += l.quantity * l.unitPrice;
    else if (!l.cancelled) {
      spent += l.quantity * l.unitPrice;
      orders.add(l.orderId);
    }
  }
  return {
    lines: mine.length,
    orders: orders.size,
    spent,
    lastTs: Math.max(...mine.map((l) => l.ts))
  };
}

describe('import sessions', () => {
  it('stages orders invisibly, then commits them with stubs and stats', async () => {
    const db = newDb('commit');
    const s = await beginImport(db, ordersOpts, { chunkSize: 100 });
    for (let i = 0; i < lines.length; i += 250) await s.orders(lines.slice(i, i + 250));
    // Chunks are on disk but the batch is pending: nothing is visible yet.
    expect(await db.orderChunks.count()).toBeGreaterThan(0);
    expect(await orderCount(db)).toBe(0);
    expect(await scanOrders(db, () => undefined)).toBe(0);
    expect(await customerCount(db)).toBe(0);
    expect(await listStats(db)).toEqual([]);

    await s.commit(summary(lines.length));
    expect(await orderCount(db)).toBe(lines.length);
    expect(await allOrders(db)).toEqual(lines);
    const ids = [...new Set(lines.map((l) => l.customerId))];
    expect(await customerCount(db)).toBe(ids.length);
    // Customers known only from orders get no record: they are stubs made from their stats.
    expect(await db.customers.count()).toBe(0);
    const stub = (await getCustomer(db, '17850'))!;
    expect(stub).toMatchObject({
      id: '17850',
      channel: 'shop',
      attributes: {},
      batchId: s.batchId
    });
    expect(stub.name).toBeUndefined();
    for (const id of ids) {
      const st = (await getStats(db, id))!;
      const e = expected(lines, id);
      expect(st.lines).toBe(e.lines);
      expect(st.orders).toBe(e.orders);
      expect(st.totalSpent).toBeCloseTo(e.spent, 6);
      expect(st.lastTs).toBe(e.lastTs);
    }
    expect(await ordersOfCustomer(db, '17850')).toEqual(
      lines.filter((l) => l.customerId === '17850').sort((a, b) => a.ts - b.ts)
    );
    const [b] = await listBatches(db);
    expect(b).toMatchObject({
      id: s.batchId,
      status: 'committed',
      rowsStored: lines.length,
      kind: 'orders'
    });
    await expect(s.orders(lines.slice(0, 1))).rejects.toThrow(/already committed/);
    db.close();
  });

  it('abort leaves the database exactly as before', async () => {
    const db = newDb('abort');
    await importOrders(db, lines.slice(0, 300));
    const before = await dump(db);
    const s = await beginImport(db, { ...ordersOpts, kind: 'customers' }, { chunkSize: 100 });
    await s.orders(lines.slice(200, 700));
    await s.customers([{ id: '17850', name: 'Changed', channel: 'web', attributes: {} }]);
    expect(await db.batches.count()).toBe(2);
    await s.abort('cancelled');
    expect(await dump(db)).toEqual(before);
    db.close();
  });

  it('a commit that fails rolls back and discards the staged chunks', async () => {
    const db = newDb('fail');
    await importOrders(db, lines.slice(0, 300));
    const before = await dump(db);
    const s = await beginImport(db, ordersOpts, { chunkSize: 100 });
    await s.orders(lines.slice(300, 650));
    await s.customers([{ id: '17850', name: 'X', channel: 'web', attributes: {} }]);
    // Another context flips the batch (as a crash cleanup would): the commit must not apply.
    await db.batches.update(s.batchId, { status: 'undone' });
    await expect(s.commit(summary(350))).rejects.toThrow(/cleaned up or finished elsewhere/);
    expect(await dump(db)).toEqual(before);
    db.close();
  });

  it('re-importing customers updates by id without duplicates', async () => {
    const db = newDb('upsert');
    const ids = [...new Set(lines.map((l) => l.customerId))].slice(0, 20);
    const v1: NewCustomer[] = ids.map((id, i) => ({
      id,
      name: `Customer ${i}`,
      email: `c${i}@example.org`,
      country: 'United Kingdom',
      channel: 'shop',
      attributes: { tier: 'bronze' }
    }));
    const s1 = await beginImport(db, { ...ordersOpts, kind: 'customers' });
    await s1.customers(v1);
    await s1.commit(summary(v1.length));
    // Updated export: new names for the first 5, no e-mail column, one new customer.
    const v2: NewCustomer[] = [
      ...ids
        .slice(0, 5)
        .map((id, i) => ({ id, name: `Renamed ${i}`, channel: 'pos', attributes: { vip: true } })),
      { id: '99999', name: 'New', channel: 'pos', attributes: {} }
    ];
    const s2 = await beginImport(db, { ...ordersOpts, kind: 'customers' });
    await s2.customers(v2);
    await s2.commit(summary(v2.length));
    expect(await customerCount(db)).toBe(21);
    expect(await getCustomer(db, ids[0])).toMatchObject({
      name: 'Renamed 0',
      email: 'c0@example.org',
      channel: 'pos',
      attributes: { tier: 'bronze', vip: true },
      batchId: s2.batchId
    });
    expect(await getCustomer(db, ids[10])).toMatchObject({
      name: 'Customer 10',
      batchId: s1.batchId
    });
    db.close();
  });

  it('re-importing the same orders supersedes the old lines instead of doubling them', async () => {
    const db = newDb('reimport');
    const b1 = await importOrders(db, lines);
    const stats1 = await sortedStats(db);
    const b2 = await importOrders(db, lines, 'retail-again.csv');
    expect(await orderCount(db)).toBe(lines.length);
    expect(await allOrders(db)).toEqual(lines);
    expect(await sortedStats(db)).toEqual(
      // Same sums; the lines now live in the second batch's chunks.
      stats1.map((s) => ({ ...s, chunkIds: expect.any(Array), batchId: b2 }))
    );
    const batches = await listBatches(db);
    expect(batches.map((b) => [b.id, b.linesAlive])).toEqual([
      [b2, lines.length],
      [b1, 0]
    ]);
    db.close();
  });

  it('an updated order replaces all older lines of that order id', async () => {
    const db = newDb('supersede');
    await importOrders(db, lines);
    // Invoice 536365 (customer 17850) comes again with one line and a new quantity.
    const old = lines.filter((l) => l.orderId === '536365');
    const updated = { ...old[0], quantity: 60 };
    const s = await beginImport(db, ordersOpts);
    await s.orders([updated]);
    await s.commit(summary(1));
    expect(await orderCount(db)).toBe(lines.length - old.length + 1);
    const mine = await ordersOfCustomer(db, '17850');
    expect(mine.filter((l) => l.orderId === '536365')).toEqual([updated]);
    const rest = lines.filter((l) => l.orderId !== '536365');
    const e = expected([...rest, updated], '17850');
    const st = (await getStats(db, '17850'))!;
    expect(st.lines).toBe(e.lines);
    expect(st.totalSpent).toBeCloseTo(e.spent, 6);
    const log = (await db.undoLogs.get(s.batchId))!;
    expect(log.superseded.reduce((n, x) => n + x.rows.length, 0)).toBe(old.length);
    db.close();
  });

  it('makes stub customers for ids referenced by interactions and relationships', async () => {
    const db = newDb('stubs');
    const s = await beginImport(db, { ...ordersOpts, kind: 'interactions', channel: 'email' });
    await s.customers([{ id: 'A', name: 'Alice', channel: 'email', attributes: {} }]);
    await s.interactions([
      { id: 'm1', customerId: 'A', ts: 1, channel: 'email', kind: 'message', text: 'hi' },
      { id: 'm2', customerId: 'B', ts: 2, channel: 'email', kind: 'message', text: 'refund?' }
    ]);
    await s.relationships([
      { id: 'A->C:referral', from: 'A', to: 'C', kind: 'referral', weight: 1 }
    ]);
    await s.commit(summary(3));
    expect((await db.customers.toArray()).map((c) => [c.id, c.channel, c.name])).toEqual([
      ['A', 'email', 'Alice'],
      ['B', 'email', undefined],
      ['C', 'email', undefined]
    ]);
    db.close();
  });
  it('keeps every line in order with many chunk writes in flight at once', async () => {
    const db = newDb('inflight');
    const s = await beginImport(db, ordersOpts, { chunkSize: 20 });
    // One push of 700 lines: 35 chunks, more than the writes the session leaves in flight.
    await s.orders(lines.slice(0, 700));
    await s.commit(summary(700));
    expect(await allOrders(db)).toEqual(lines.slice(0, 700));
    const b = (await db.batches.get(s.batchId))!;
    expect(b.linesAlive).toBe(700);
    expect(b.orderKeys).toBe(new Set(lines.slice(0, 700).map((l) => l.orderId)).size);
    const ids = new Set(lines.slice(0, 700).map((l) => l.customerId));
    expect(await customerCount(db)).toBe(ids.size);
    const stats = await sortedStats(db);
    expect(stats.length).toBe([...ids].filter((id) => id !== '').length);
    expect(stats.reduce((n, st) => n + st.lines, 0)).toBe(
      lines.slice(0, 700).filter((l) => l.customerId !== '').length
    );
    db.close();
  });

  it('a chunk write that fails mid-stream rejects the import and abort undoes it', async () => {
    const db = newDb('writefail');
    await importOrders(db, lines.slice(0, 300));
    const before = await dump(db);
    const s = await beginImport(db, ordersOpts, { chunkSize: 20 });
    await db.batches.update(s.batchId, { status: 'undone' });
    await expect(s.orders(lines.slice(300, 1000))).rejects.toThrow(/cleaned up/);
    await s.abort('failed');
    expect(await dump(db)).toEqual(before);
    db.close();
  });
});
