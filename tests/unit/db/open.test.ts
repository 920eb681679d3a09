import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  allOrders,
  beginImport,
  clearAll,
  customerProfile,
  declareV1,
  getMapping,
  getSetting,
  getStats,
  listBatches,
  listStats,
  listSources,
  openDb,
  startupCleanup,
  orderCount,
  ordersOfCustomer,
  relationshipsOfCustomer,
  saveMapping,
  SCHEMA_V2,
  SCHEMA_V5,
  setSetting,
  shardOf,
  STATS_SHARDS,
  undoBatch,
  type V1OrderRow
} from '../../../src/lib/core/db';
import { liveSessions } from '../../../src/lib/core/db/open';
import { dbName, deps, dump } from './helpers';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/db/v1-sample.json', import.meta.url), 'utf8')
) as { customers: { id: string }[]; orders: V1OrderRow[]; batches: { id: number }[] };

const strip = ({ id: _id, batchId: _b, ...line }: V1OrderRow) => line;

describe('schema versions', () => {
  it('migrates a v1 database (one row per line) to chunks, stats and stubs (v3)', async () => {
    const name = dbName('v1');
    const v1 = new Dexie(name, deps);
    declareV1(v1);
    await v1.open();
    await v1.table('customers').bulkAdd(fixture.customers);
    await v1.table('orders').bulkAdd(fixture.orders);
    await v1.table('batches').bulkAdd(fixture.batches);
    v1.close();

    const db = openDb(name, deps);
    await db.open();
    expect(db.verno).toBe(6);
    expect(db.tables.map((t) => t.name)).not.toContain('orders');
    // Every v1 line is there, in order, as the same OrderLine.
    expect(await allOrders(db)).toEqual(fixture.orders.map(strip));
    expect(await orderCount(db)).toBe(fixture.orders.length);
    // Invoice 536370 spans both order batches: v1 had no supersession, both halves stay.
    const b2 = fixture.orders.filter((o) => o.batchId === 2);
    expect(await db.orderChunks.where('batchId').equals(2).count()).toBe(1);
    expect((await db.orderChunks.where('batchId').equals(2).first())!.n).toBe(b2.length);
    // Customers: the two records kept as they were, plus stubs for ids known only from orders.
    const ids = [...new Set(fixture.orders.map((o) => o.customerId))].sort();
    expect((await db.customers.toArray()).map((c) => c.id)).toEqual(ids);
    expect(await db.customers.get('17850')).toEqual(fixture.customers[0]);
    expect(await db.customers.get('14527')).toMatchObject({
      id: '14527',
      channel: 'pos',
      attributes: {}
    });
    // Stats: 17850 has invoices 536365 (7 lines) and 536366 (2 lines).
    const s = (await getStats(db, '17850'))!;
    const own = fixture.orders.filter((o) => o.customerId === '17850');
    expect(s.lines).toBe(9);
    expect(s.orders).toBe(2);
    expect(s.totalSpent).toBeCloseTo(
      own.reduce((t, o) => t + o.quantity * o.unitPrice, 0),
      9
    );
    // A cancelled return subtracts: C536379 is customer 14527's only line (-1 x 27.50).
    expect(await getStats(db, '14527')).toMatchObject({
      lines: 1,
      orders: 0,
      totalSpent: -27.5
    });
    expect(await ordersOfCustomer(db, '13047')).toHaveLength(
      fixture.orders.filter((o) => o.customerId === '13047').length
    );
    // Batches migrated, not undoable (v1 kept no undo log).
    const batches = await listBatches(db);
    expect(batches.map((b) => [b.id, b.status, b.linesAlive, b.undoable])).toEqual([
      [3, 'committed', fixture.orders.length - b2.length, false],
      [2, 'committed', b2.length, false],
      [1, 'committed', 0, false]
    ]);
    await expect(undoBatch(db, 2)).rejects.toThrow(/older version of Rapport/);
    db.close();
  });

  it('migrates v5 to v6: the merges in force get their aliases, undone ones none', async () => {
    const name = dbName('v5');
    const v5 = new Dexie(name, deps);
    v5.version(5).stores(SCHEMA_V5);
    await v5.open();
    const merge = (id: number, status: string, golden: string, merged: string[]) => ({ id, ts: id, status, golden, merged, rule: 'recent', afterSeq: 0, prev: {}, moved: {} }); // prettier-ignore
    await v5.table('merges').bulkAdd([merge(1, 'merged', 'B', ['A', 'C']), merge(2, 'undone', 'D', ['E'])]); // prettier-ignore
    v5.close();
    const db = openDb(name, deps);
    await db.open();
    expect(db.verno).toBe(6);
    expect(await db.aliases.toArray()).toEqual([
      { aliasId: 'A', goldenId: 'B', mergeId: 1 },
      { aliasId: 'C', goldenId: 'B', mergeId: 1 }
    ]);
    db.close();
  });

  it('migrates v2 stats rows (one per customer) into shard records', async () => {
    const name = dbName('v2');
    const v2 = new Dexie(name, deps);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const stats = Array.from({ length: 300 }, (_, i) => ({
      customerId: `C${1000 + i}`,
      orders: i % 7,
      lines: (i % 7) + 1,
      totalSpent: i * 2.5,
      firstTs: 1e12 + i,
      lastTs: 1.1e12 + i,
      chunkIds: [1 + (i % 3)]
    }));
    await v2.table('customerStats').bulkAdd(stats);
    v2.close();

    const db = openDb(name, deps);
    await db.open();
    expect(db.verno).toBe(6);
    expect(db.tables.map((t) => t.name)).not.toContain('customerStats');
    // 300 ids over 64 shards: most shards hold some, none is empty.
    const shards = await db.statsShards.toArray();
    expect(shards.length).toBeGreaterThan(STATS_SHARDS / 2);
    expect(shards.length).toBeLessThanOrEqual(STATS_SHARDS);
    expect(shards.every((sh) => sh.stats.length > 0)).toBe(true);
    const sorted = (await listStats(db)).sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
    expect(sorted).toEqual(stats);
    expect(await getStats(db, 'C1042')).toEqual(stats[42]);
    expect(await getStats(db, 'nobody')).toBeUndefined();
    // Each row sits in the shard its id hashes to.
    for (const sh of shards)
      for (const st of sh.stats) expect(shardOf(st.customerId)).toBe(sh.shard);
    db.close();
  });

  it('removes pending batches left by a crashed import when opening', async () => {
    const name = dbName('crash');
    const db = openDb(name, deps);
    const ok = await beginImport(db, {
      source: 's',
      fileName: 'ok.csv',
      kind: 'orders',
      channel: 'shop',
      mapping: {}
    });
    await ok.orders(fixture.orders.slice(0, 5).map(strip));
    await ok.commit({ rowsRead: 5, rowsStored: 5, rowsRejected: 0, errorsSample: 0 });
    const before = await dump(db);
    const s = await beginImport(
      db,
      { source: 's', fileName: 'crash.csv', kind: 'orders', channel: 'shop', mapping: {} },
      { chunkSize: 10 }
    );
    await s.orders(fixture.orders.slice(5).map(strip));
    db.close();
    liveSessions.delete(s.batchId); // the tab that ran the import is gone

    // A fresh heartbeat means another tab may still be importing: left alone.
    const again = openDb(name, deps);
    await startupCleanup(again);
    expect(await again.batches.where('status').equals('pending').count()).toBe(1);
    again.close();

    const later = openDb(name, deps, { now: () => Date.now() + 61_000 });
    expect(await startupCleanup(later)).toEqual([s.batchId]);
    expect(await dump(later)).toEqual(before);
    later.close();
  });
});

describe('repositories', () => {
  it('remembers mappings, settings and builds a customer profile', async () => {
    const db = openDb(dbName('repo'), deps);
    await saveMapping(db, 'Shopify', 'customers', { id: 'Customer ID', email: 'Email' }, 'web');
    const s = await beginImport(db, {
      source: 'Support',
      fileName: 'msgs.csv',
      kind: 'interactions',
      channel: 'email',
      mapping: { text: 'Body' }
    });
    await s.orders(fixture.orders.filter((o) => o.customerId === '17850').map(strip));
    await s.interactions([
      { id: 'm2', customerId: '17850', ts: 20, channel: 'email', kind: 'message', text: 'Thanks!' },
      {
        id: 'm1',
        customerId: '17850',
        ts: 10,
        channel: 'email',
        kind: 'message',
        text: 'Where is my order?'
      }
    ]);
    await s.relationships([
      { id: '13047->17850:referral', from: '13047', to: '17850', kind: 'referral', weight: 1 }
    ]);
    await s.commit({ rowsRead: 3, rowsStored: 3, rowsRejected: 0, errorsSample: 0 });

    expect((await getMapping(db, 'Shopify', 'customers'))!.mapping).toEqual({
      id: 'Customer ID',
      email: 'Email'
    });
    expect((await getMapping(db, 'Support', 'interactions'))!.mapping).toEqual({ text: 'Body' });
    expect((await listSources(db)).map((r) => r.source).sort()).toEqual(['Shopify', 'Support']);
    expect(await getMapping(db, 'Shopify', 'orders')).toBeUndefined();

    await setSetting(db, 'currency', 'GBP');
    expect(await getSetting(db, 'currency')).toBe('GBP');

    const p = (await customerProfile(db, '17850'))!;
    expect(p.customer.id).toBe('17850');
    expect(p.orders).toHaveLength(9);
    expect(p.stats!.orders).toBe(2);
    expect(p.interactions.map((i) => i.id)).toEqual(['m1', 'm2']);
    expect(p.relationships.map((r) => r.from)).toEqual(['13047']);
    expect((await relationshipsOfCustomer(db, '13047')).map((r) => r.to)).toEqual(['17850']);
    expect(await customerProfile(db, 'nobody')).toBeUndefined();

    await clearAll(db);
    for (const t of db.tables) expect(await t.count()).toBe(0);
    db.close();
  });
});
