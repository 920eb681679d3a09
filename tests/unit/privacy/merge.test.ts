// Merging a backup into existing data, streamed in one transaction: into an empty database it
// brings everything with the backup's import history; with "keep mine" an edited customer keeps
// the edit and nothing is duplicated; with "take the backup's" the backup's version wins, and
// undoing the backup's imports (newest first) gives back this device's version and lines; the
// backup's batch, chunk and undo-log ids are moved above this database's own; a tampered frame
// or a failure part-way leaves the database byte-identical; trained models merge by version.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  beginImport,
  listBatches,
  orderCount,
  ordersOfCustomer,
  allOrders,
  undoBatch,
  type RapportDb
} from '../../../src/lib/core/db';
import { bytesOf, collect, createBackup } from '../../../src/lib/core/privacy/backup';
import { BackupError } from '../../../src/lib/core/privacy/errors';
import { eraseCustomer } from '../../../src/lib/core/privacy/erase';
import {
  listAnswers,
  mergeCustomers,
  recordAnswers,
  undoMerge
} from '../../../src/lib/core/db/merges';
import { applyFix, undoFix } from '../../../src/lib/core/db/fixes';
import { commitSeqOf } from '../../../src/lib/core/db/session';
import { mergeStream, type MergeOptions } from '../../../src/lib/core/privacy/merge';
import { writePayload } from '../../../src/lib/core/privacy/payload';
import { heldCounter, restoreStream } from '../../../src/lib/core/privacy/restore';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { allStats } from '../../../src/lib/core/db/statsStore';
import type { Customer } from '../../../src/lib/core/types';
import { newDb } from '../db/helpers';
import { loadSampleInto } from '../models/helpers';

const PASS = 'merge passphrase';
const key = (o: { orderId: string; productId: string; quantity: number; ts: number }) =>
  `${o.orderId}|${o.productId}|${o.quantity}|${o.ts}`;

function merge(
  db: RapportDb,
  file: Uint8Array,
  choice: 'keep-mine' | 'take-backup',
  opts: MergeOptions = {}
) {
  // prettier-ignore
  return mergeStream(db, () => chunked(file, 4_000), choice, opts);
}

async function committed(db: RapportDb) {
  return (await listBatches(db, null)).filter((b) => b.status === 'committed');
}

/**
 * This device's data: 200 sample customers, then one customer's name edited by an import.
 * Returns that customer as the sample had it.
 */
async function sampleWithLocalEdit(db: RapportDb): Promise<Customer> {
  await loadSampleInto(db, 200);
  const s = await beginImport(db, { source: 'CRM', fileName: 'edit.csv', kind: 'customers', channel: 'shop', mapping: {} }, { locks: null }); // prettier-ignore
  const c2 = (await db.customers.get('C00002'))!;
  await s.customers([{ ...c2, name: 'Edited Here' }]);
  await s.commit({ rowsRead: 1, rowsStored: 1, rowsRejected: 0, errorsSample: 0 });
  return c2;
}

describe('merge a backup', () => {
  let source: RapportDb;
  let file: Uint8Array;
  beforeAll(async () => {
    source = newDb('merge-src');
    await loadSampleInto(source, 200);
    await source.settings.put({ key: 'ui.remembered', value: 1 });
    await source.feedback.add({ customerId: 'C00003', ts: 5, source: 'churn', action: 'contacted' }); // prettier-ignore
    file = await collect(createBackup(source, { passphrase: PASS, frameBytes: 16 * 1024 }));
  });

  it('into an empty database brings every record, line and the import history', async () => {
    const db = newDb('merge-empty');
    const r = await merge(db, file, 'keep-mine', { passphrase: PASS });
    const history = await committed(source);
    expect(r.batches).toHaveLength(history.length);
    expect((await committed(db)).map((b) => b.fileName)).toEqual(history.map((b) => b.fileName));
    expect(await db.customers.count()).toBe(200);
    expect(await orderCount(db)).toBe(await orderCount(source));
    expect((await allOrders(db)).map(key).sort()).toEqual((await allOrders(source)).map(key).sort()); // prettier-ignore
    expect(await db.interactions.count()).toBe(await source.interactions.count());
    expect(await db.relationships.count()).toBe(await source.relationships.count());
    expect((await db.settings.get('ui.remembered'))?.value).toBe(1);
    expect(await db.feedback.count()).toBe(1);
    // Per-customer stats are recomputed: the customer pages show the same totals.
    const stats = async (d: RapportDb) => (await allStats(d)).map((s) => [s.customerId, s.orders, s.lines, s.totalSpent.toFixed(6), s.firstTs, s.lastTs]).sort(); // prettier-ignore
    expect((await stats(db)).length).toBeGreaterThan(100);
    expect(await stats(db)).toEqual(await stats(source));
    // The backup's imports undo here like any import.
    for (const id of [...r.batches].reverse()) await undoBatch(db, id);
    expect(await orderCount(db)).toBe(0);
    expect(await db.customers.count()).toBe(0);
  });

  it('keep mine: an edit stays, nothing twice, the history ids do not clash; merging again adds nothing', async () => {
    const db = newDb('merge-keep');
    await sampleWithLocalEdit(db);
    const lines = await orderCount(db);
    const mine = (await committed(db)).map((b) => b.id);

    const keep = await merge(db, file, 'keep-mine', { passphrase: PASS });
    expect(keep.imported).toMatchObject({ customers: 0, orders: 0, interactions: 0, relationships: 0 }); // prettier-ignore
    expect((await db.customers.get('C00002'))!.name).toBe('Edited Here');
    expect(await orderCount(db)).toBe(lines);
    expect(await db.feedback.count()).toBe(1);
    // The backup's imports are listed, above this database's ids, and undo without touching mine.
    expect(Math.min(...keep.batches)).toBeGreaterThan(Math.max(...mine));
    const chunkBatches = new Set((await db.orderChunks.toArray()).map((c) => c.batchId));
    expect(keep.batches.some((id) => chunkBatches.has(id))).toBe(true);
    for (const id of [...keep.batches].reverse()) await undoBatch(db, id);
    expect((await db.customers.get('C00002'))!.name).toBe('Edited Here');
    expect(await db.customers.count()).toBe(200);
    expect(await orderCount(db)).toBe(lines);
    // The same backup twice: its imports are recognised, nothing added.
    const db2 = newDb('merge-keep-twice');
    await merge(db2, file, 'keep-mine', { passphrase: PASS });
    const again = await merge(db2, file, 'keep-mine', { passphrase: PASS });
    expect(again.batches).toEqual([]);
    expect(again.alreadyHere).toBe((await committed(source)).length);
    expect(again.feedback).toBe(0);
    expect(await orderCount(db2)).toBe(await orderCount(source));
  });

  it("take the backup's: it wins; undoing its imports gives back my version and my lines", async () => {
    const db = newDb('merge-take');
    const c2 = await sampleWithLocalEdit(db);
    const lines = await orderCount(db);
    const before = (await allOrders(db)).map(key).sort();

    const take = await merge(db, file, 'take-backup', { passphrase: PASS });
    expect((await db.customers.get('C00002'))!.name).toBe(c2.name);
    // Re-imported orders supersede the same orders' lines: no line counted twice.
    expect(take.superseded).toBe(lines);
    expect(await orderCount(db)).toBe(lines);
    const brought = new Set(take.batches);
    const alive = (c: { alive: Uint8Array }) => c.alive.reduce((n, x) => n + x, 0);
    const chunks = await db.orderChunks.toArray();
    expect(chunks.filter((c) => !brought.has(c.batchId)).reduce((n, c) => n + alive(c), 0)).toBe(0); // prettier-ignore
    for (const id of [...take.batches].reverse()) await undoBatch(db, id);
    expect((await db.customers.get('C00002'))!.name).toBe('Edited Here');
    expect(await db.customers.count()).toBe(200);
    expect((await allOrders(db)).map(key).sort()).toEqual(before);
  });

  it("take the backup's, records both sides have from a restore: undo gives back my version", async () => {
    // Both devices share the sample's history (this one restored the other's backup); then each
    // edits the same customer with an import of its own.
    const src = newDb('merge-shared-src');
    await loadSampleInto(src, 40);
    const db = newDb('merge-shared-here');
    await restoreStream(db, bytesOf(await collect(createBackup(src))));
    const edit = async (d: RapportDb, name: string, file: string) => {
      const s = await beginImport(d, { source: 'CRM', fileName: file, kind: 'customers', channel: 'shop', mapping: {} }, { locks: null }); // prettier-ignore
      await s.customers([{ ...(await d.customers.get('C00005'))!, name }]);
      await s.commit({ rowsRead: 1, rowsStored: 1, rowsRejected: 0, errorsSample: 0 });
    };
    await edit(src, 'Backup Edit', 'theirs.csv');
    await edit(db, 'Local Edit', 'mine.csv');
    const r = await merge(db, await collect(createBackup(src)), 'take-backup');
    expect((await db.customers.get('C00005'))!.name).toBe('Backup Edit');
    const theirs = (await committed(db)).find((b) => b.fileName === 'theirs.csv')!;
    expect(r.batches).toContain(theirs.id);
    await undoBatch(db, theirs.id!);
    expect((await db.customers.get('C00005'))!.name).toBe('Local Edit');
  });

  it('imports both sides have: only their lines of orders not here come back (an erased customer)', async () => {
    const db = newDb('merge-shared');
    await loadSampleInto(db, 60);
    const own = await collect(createBackup(db));
    const lines = (await ordersOfCustomer(db, 'C00001')).map(key).sort();
    expect(lines.length).toBeGreaterThan(0);
    const total = await orderCount(db);
    await eraseCustomer(db, 'C00001');
    expect(await ordersOfCustomer(db, 'C00001')).toEqual([]);
    const r = await merge(db, own, 'keep-mine');
    expect(r.alreadyHere).toBe((await committed(db)).length - r.batches.length);
    expect(r.batches.length).toBeGreaterThan(0);
    expect(r.imported.orders).toBe(lines.length);
    expect((await ordersOfCustomer(db, 'C00001')).map(key).sort()).toEqual(lines);
    expect(await orderCount(db)).toBe(total);
    expect(await db.customers.get('C00001')).toBeDefined();
    const listed = (await committed(db)).filter((b) => r.batches.includes(b.id));
    expect(listed.every((b) => b.source === 'Backup merge')).toBe(true);
    // Merged again: nothing new, nothing listed.
    const again = await merge(db, own, 'take-backup');
    expect(again.batches).toEqual([]);
    expect(again.superseded).toBe(0);
    expect(await orderCount(db)).toBe(total);
    // Its lines go again with an undo of those imports.
    for (const id of [...r.batches].reverse()) await undoBatch(db, id);
    expect(await ordersOfCustomer(db, 'C00001')).toEqual([]);
    expect(await orderCount(db)).toBe(total - lines.length);
  });

  it('is streamed, and a tampered frame or a failure part-way changes nothing', async () => {
    const db = newDb('merge-atomic-data');
    await loadSampleInto(db, 30);
    const was = await collect(writePayload(db));
    const counter = heldCounter();
    const K = 3;
    const other = newDb('merge-held');
    await merge(other, file, 'keep-mine', { passphrase: PASS, batchRows: K, counter });
    expect(counter.maxHeld.orderChunks).toBeGreaterThan(0);
    expect(counter.maxHeld.orderChunks).toBeLessThanOrEqual(K);

    const bad = file.slice();
    bad[bad.length - 100] ^= 1;
    let written = 0;
    const e = await merge(db, bad, 'take-backup', { passphrase: PASS, batchRows: 50, onProgress: (n) => (written = n) }).catch((x) => x); // prettier-ignore
    expect(e).toBeInstanceOf(BackupError);
    expect((e as BackupError).code).toBe('tampered');
    expect(written).toBeGreaterThan(200);
    expect(await collect(writePayload(db))).toEqual(was);

    await expect(
      merge(db, file, 'take-backup', {
        passphrase: PASS,
        onTable: (t) => {
          if (t === 'undoLogs') throw new Error('disk full');
        }
      })
    ).rejects.toThrow('disk full');
    expect(await collect(writePayload(db))).toEqual(was);
    await expect(merge(db, file, 'keep-mine', { passphrase: 'wrong' })).rejects.toBeInstanceOf(BackupError); // prettier-ignore
    expect(await collect(writePayload(db))).toEqual(was);
  });
});

describe('merge journals and aliases', () => {
  let file: Uint8Array;
  let fixColumn: string;
  beforeAll(async () => {
    // The backup: the sample, C00011 merged into C00010 (an alias and its answer), a fix.
    const src = newDb('merge-journals-src');
    await loadSampleInto(src, 60);
    const m = await mergeCustomers(src, { ids: ['C00010', 'C00011'], keep: 'C00010', now: 1_000 });
    await recordAnswers(src, [{ a: 'C00010', b: 'C00011', same: true }], m.id, 1_001);
    fixColumn = Object.keys((await src.customers.get('C00020'))!.attributes)[0] ?? 'segment';
    await applyFix(src, fixColumn, 'mark', ['C00020'], 2_000);
    file = await collect(createBackup(src));
  });

  /** A device with a merge and a fix of its own (ids 1 here too). */
  async function localWithJournals(db: RapportDb) {
    const s = await beginImport(db, { source: 'CRM', fileName: 'local.csv', kind: 'customers', channel: 'shop', mapping: {} }, { locks: null }); // prettier-ignore
    const c = (id: string): Customer => ({ id, name: 'Local Person', channel: 'shop', attributes: { tier: 1 }, batchId: 0, updatedAt: 5 }); // prettier-ignore
    await s.customers([c('L1'), c('L2'), c('L3')]);
    await s.commit({ rowsRead: 3, rowsStored: 3, rowsRejected: 0, errorsSample: 0 });
    await mergeCustomers(db, { ids: ['L1', 'L2'], keep: 'L1', now: 10 });
    await applyFix(db, 'tier', 'mark', ['L3'], 20);
  }

  it('brings the journals, aliases and answers under new ids; undoable here; twice adds nothing', async () => {
    const db = newDb('merge-journals');
    await localWithJournals(db);
    const r = await merge(db, file, 'keep-mine');
    expect(r.journals).toEqual({ merges: 1, fixes: 1, aliases: 1, skipped: 0 });
    const merges = await db.merges.orderBy(':id').toArray();
    expect(merges.map((m) => [m.id, m.golden])).toEqual([
      [1, 'L1'],
      [2, 'C00010']
    ]);
    const fixes = await db.fixes.orderBy(':id').toArray();
    expect(fixes.map((f) => [f.id, f.column])).toEqual([
      [1, 'tier'],
      [2, fixColumn]
    ]);
    // Commit order and chunks moved like the imports': after every import here.
    const local = (await db.batches.toArray()).find((b) => b.fileName === 'local.csv')!;
    expect(merges[1].afterSeq).toBeGreaterThan(commitSeqOf(local));
    expect(fixes[1].afterSeq).toBeGreaterThan(commitSeqOf(local));
    const chunkIds = new Set((await db.orderChunks.toArray()).map((c) => c.id));
    for (const c of merges[1].prev.chunks) expect(chunkIds.has(c.chunkId)).toBe(true);
    expect((await db.aliases.toArray()).map((a) => [a.aliasId, a.goldenId, a.mergeId]).sort()).toEqual([['C00011', 'C00010', 2], ['L2', 'L1', 1]]); // prettier-ignore
    expect((await listAnswers(db)).filter((a) => a.a === 'C00010')).toMatchObject([{ b: 'C00011', same: true, mergeId: 2 }]); // prettier-ignore

    // Merging the same backup again adds nothing.
    const again = await merge(db, file, 'keep-mine');
    expect(again.journals).toEqual({ merges: 0, fixes: 0, aliases: 0, skipped: 0 });
    expect(again.feedback).toBe(0);
    expect(await db.merges.count()).toBe(2);
    expect(await db.fixes.count()).toBe(2);
    expect(await db.aliases.count()).toBe(2);

    // Undone here, by their new ids: the merged-away customer is back, its alias and answer gone;
    // this device's own merge and alias stay.
    const lines = (await ordersOfCustomer(db, 'C00010')).length;
    await undoMerge(db, 2);
    expect(await db.customers.get('C00011')).toBeDefined();
    expect((await ordersOfCustomer(db, 'C00010')).length + (await ordersOfCustomer(db, 'C00011')).length).toBe(lines); // prettier-ignore
    expect((await db.aliases.toArray()).map((a) => a.aliasId)).toEqual(['L2']);
    expect((await listAnswers(db)).filter((a) => a.a === 'C00010')).toEqual([]);
    expect((await db.customers.get('C00020'))!.attributes[`flag_${fixColumn}`]).toBe(true);
    await undoFix(db, 2);
    expect((await db.customers.get('C00020'))!.attributes[`flag_${fixColumn}`]).toBeUndefined();
    expect((await db.merges.get(1))!.status).toBe('merged');
  });

  it('leaves out a journal whose customers were here already (keep mine)', async () => {
    const db = newDb('merge-journals-here');
    await loadSampleInto(db, 60);
    const r = await merge(db, file, 'keep-mine');
    expect(r.journals).toMatchObject({ merges: 0, fixes: 0, aliases: 0 });
    expect(r.journals.skipped).toBe(2);
    expect(await db.customers.get('C00011')).toBeDefined();
    expect(await db.aliases.count()).toBe(0);
    // The answer stays, without the merge it named.
    const answer = (await listAnswers(db)).find((a) => a.a === 'C00010')!;
    expect(answer.same).toBe(true);
    expect(answer.mergeId).toBeUndefined();
  });
});

describe('merge as one step, with trained models', () => {
  const version = (id: string, active: 0 | 1, metric: number) => {
    const [family, n] = id.split('@');
    return { id, family, version: Number(n), active, kind: family, createdAt: metric, metrics: { auc: metric } }; // prettier-ignore
  };
  const score = (modelId: string, entityId: string, value: number) => ({ modelId, entityKind: 'customer', entityId, item: '', value }); // prettier-ignore
  let file: Uint8Array;
  beforeAll(async () => {
    const src = newDb('merge-models-src');
    await loadSampleInto(src, 60);
    await src.modelVersions.bulkAdd([version('segments@1', 1, 0.7), version('churn@1', 1, 0.8)] as never[]); // prettier-ignore
    await src.modelData.bulkAdd([{ id: 'segments@1', saved: new Float32Array([1, 2]) }, { id: 'churn@1', saved: new Float32Array([3]) }] as never[]); // prettier-ignore
    await src.modelScores.bulkAdd([score('segments@1', 'C00001', 0.5), score('churn@1', 'C00002', 0.9)] as never[]); // prettier-ignore
    file = await collect(createBackup(src));
  });

  async function target(tag: string): Promise<RapportDb> {
    const db = newDb(tag);
    await loadSampleInto(db, 40);
    // This device trained its own segments@1: a different model under the same id.
    await db.modelVersions.add(version('segments@1', 1, 0.6) as never);
    await db.modelData.add({ id: 'segments@1', saved: new Float32Array([9]) } as never);
    return db;
  }

  it('keep mine: every version kept, a clashing id renumbered, my active version stays', async () => {
    const db = await target('merge-models-keep');
    const result = await mergeStream(db, () => bytesOf(file), 'keep-mine');
    expect(result.models).toMatchObject({ added: 2, renumbered: 1 });
    const v = Object.fromEntries((await db.modelVersions.toArray()).map((r) => [r.id, r]));
    expect(Object.keys(v).sort()).toEqual(['churn@1', 'segments@1', 'segments@2']);
    expect(v['segments@1']).toMatchObject({ active: 1, createdAt: 0.6 });
    expect(v['segments@2']).toMatchObject({ active: 0, createdAt: 0.7, version: 2 });
    // No churn model here: the backup's becomes active.
    expect(v['churn@1'].active).toBe(1);
    expect(Array.from((await db.modelData.get('segments@2'))!.saved as Float32Array)).toEqual([1, 2]); // prettier-ignore
    expect(Array.from((await db.modelData.get('segments@1'))!.saved as Float32Array)).toEqual([9]);
    expect(await db.modelScores.where('modelId').equals('segments@2').count()).toBe(1);
    // Merging the same backup again adds no model twice.
    expect((await mergeStream(db, () => bytesOf(file), 'keep-mine')).models.added).toBe(0);
  });

  it("take the backup's: the backup's versions become active", async () => {
    const db = await target('merge-models-take');
    const result = await mergeStream(db, () => bytesOf(file), 'take-backup');
    expect(result.models.activated.sort()).toEqual(['churn', 'segments']);
    const active = (await db.modelVersions.toArray()).filter((r) => r.active === 1).map((r) => r.id); // prettier-ignore
    expect(active.sort()).toEqual(['churn@1', 'segments@2']);
  });

  it('a failure after the models were written changes nothing', async () => {
    const db = await target('merge-atomic');
    const before = await collect(writePayload(db));
    const seen: string[] = [];
    await expect(
      mergeStream(db, () => bytesOf(file), 'take-backup', {
        onTable: (t) => {
          seen.push(t);
          if (t === 'orderChunks') throw new Error('disk full');
        }
      })
    ).rejects.toThrow('disk full');
    expect(seen).toContain('modelVersions');
    expect(await collect(writePayload(db))).toEqual(before);
  });
});
