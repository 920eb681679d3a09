// Issue #8: imports that interleave cannot corrupt each other (undo follows commit order, not
// start order), and a crashed import (its owner's Web Lock gone) is cleaned up at once and never
// listed.
import { describe, expect, it } from 'vitest';
import {
  beginImport,
  cleanupPending,
  listBatches,
  openDb,
  startupCleanup,
  undoBatch,
  type RapportDb
} from '../../../src/lib/core/db';
import { liveSessions } from '../../../src/lib/core/db/open';
import type { LockManagerLike } from '../../../src/lib/core/db/owners';
import type { NewCustomer } from '../../../src/lib/core/ingest/sink';
import { dbName, deps, dump } from './helpers';
import { retailLines } from './retail';

/** Web Locks for one origin; `crash()` drops every lock as a killed browser would. */
class FakeLocks implements LockManagerLike {
  readonly held = new Set<string>();
  async request(name: string, callback: () => Promise<void>): Promise<unknown> {
    if (this.held.has(name)) throw new Error(`${name} is taken`);
    this.held.add(name);
    await callback();
    this.held.delete(name);
    return undefined;
  }
  async query() {
    return { held: [...this.held].map((name) => ({ name })) };
  }
  crash(): void {
    this.held.clear();
  }
}

const summary = (n: number) => ({ rowsRead: n, rowsStored: n, rowsRejected: 0, errorsSample: 0 });
const opts = (fileName: string) =>
  ({ source: 's', fileName, kind: 'customers', channel: 'shop', mapping: {} }) as const;
const customer = (name: string): NewCustomer => ({
  id: 'C1',
  name,
  channel: 'shop',
  attributes: {}
});
const state = (db: RapportDb) => dump(db, ['batches', 'undoLogs', 'sources']);

describe('interleaved imports', () => {
  it('A starts, B starts, B commits, A commits: undo follows commit order', async () => {
    const locks = new FakeLocks();
    const db = openDb(dbName('race'), deps, { locks });
    const s0 = await beginImport(db, opts('base.csv'), { locks });
    await s0.customers([customer('original')]);
    await s0.commit(summary(1));
    const original = await state(db);

    const a = await beginImport(db, opts('a.csv'), { locks });
    const b = await beginImport(db, opts('b.csv'), { locks });
    expect(a.batchId).toBeLessThan(b.batchId);
    await a.customers([customer('from A')]);
    await b.customers([customer('from B')]);
    await b.commit(summary(1));
    const afterB = await state(db);
    await a.commit(summary(1));
    expect((await db.customers.get('C1'))?.name).toBe('from A');

    // B committed first: A's write is the newer one, so B cannot be undone under it.
    await expect(undoBatch(db, b.batchId)).rejects.toThrow(
      new RegExp(
        `Cannot undo import #${b.batchId} \\(b.csv\\): newer import #${a.batchId} \\(a.csv\\)`
      )
    );
    expect((await db.customers.get('C1'))?.name).toBe('from A');
    // Undo A: B's record comes back, exactly; then B: the original.
    await undoBatch(db, a.batchId);
    expect(await state(db)).toEqual(afterB);
    await undoBatch(db, b.batchId);
    expect(await state(db)).toEqual(original);
    const seqs = (await db.batches.toArray()).map((x) => [x.fileName, x.commitSeq]);
    expect(seqs).toEqual([
      ['base.csv', 1],
      ['a.csv', 3],
      ['b.csv', 2]
    ]);
    db.close();
  });

  it('the same race on order lines: the later commit supersedes, undo refuses out of order', async () => {
    const lines = retailLines().slice(0, 300);
    const db = openDb(dbName('race-orders'), deps, { locks: null });
    const a = await beginImport(db, { ...opts('a.csv'), kind: 'orders' }, { locks: null });
    const b = await beginImport(db, { ...opts('b.csv'), kind: 'orders' }, { locks: null });
    await a.orders(lines);
    await b.orders(lines.map((l) => ({ ...l, quantity: 100 })));
    await b.commit(summary(300));
    await a.commit(summary(300));
    const alive = await db.batches.bulkGet([a.batchId, b.batchId]);
    expect(alive.map((x) => x!.linesAlive)).toEqual([300, 0]);
    await expect(undoBatch(db, b.batchId)).rejects.toThrow(/newer import/);
    await undoBatch(db, a.batchId);
    const back = await db.batches.get(b.batchId);
    expect(back!.linesAlive).toBe(300);
    db.close();
  });
});

describe('crashed imports', () => {
  it('are cleaned up at the next start and never listed, with no timeout', async () => {
    const name = dbName('crash-lock');
    const tab = new FakeLocks();
    const db = openDb(name, deps, { locks: tab });
    const ok = await beginImport(db, opts('ok.csv'), { locks: tab });
    await ok.customers([customer('kept')]);
    await ok.commit(summary(1));
    const before = await dump(db);
    const s = await beginImport(
      db,
      { ...opts('dead.csv'), kind: 'orders' },
      { locks: tab, chunkSize: 50 }
    );
    await s.orders(retailLines().slice(0, 400));
    console.log('A');
    expect(await db.orderChunks.count()).toBeGreaterThan(0);
    // Another worker of the same origin while the import is alive: listed, kept.
    liveSessions.delete(s.batchId);
    console.log('B');
    const listed = await listBatches(db, tab);
    console.log('C');
    expect(listed.map((b) => [b.fileName, b.status])).toEqual([
      ['dead.csv', 'pending'],
      ['ok.csv', 'committed']
    ]);
    expect(await cleanupPending(db, 60_000, Date.now(), tab)).toEqual([]);
    db.close();

    // The browser is killed: its locks go with it. The heartbeat is only milliseconds old.
    console.log('D');
    tab.crash();
    // Listed nowhere, even by a connection whose own cleanup could not tell (no locks).
    const blind = openDb(name, deps, { locks: null });
    expect(await startupCleanup(blind)).toEqual([]);
    expect((await listBatches(blind, tab)).map((b) => b.fileName)).toEqual(['ok.csv']);
    blind.close();
    const reopened = openDb(name, deps, { locks: tab });
    expect(await startupCleanup(reopened)).toEqual([s.batchId]);
    expect(await dump(reopened)).toEqual(before);
    reopened.close();
  });
});
