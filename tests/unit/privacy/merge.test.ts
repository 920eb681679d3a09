// Merging a backup into existing data: into an empty database it brings everything; with
// "keep mine" an edited customer keeps the edit and nothing is duplicated; with "take the
// backup's" the backup's version wins; each merge is import batches that undo from the history.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allOrders,
  beginImport,
  orderCount,
  undoBatch,
  type RapportDb
} from '../../../src/lib/core/db';
import { bytesOf, collect, createBackup, readBackup, type BackupContents } from '../../../src/lib/core/privacy/backup'; // prettier-ignore
import { mergeAtomically, mergeBackup } from '../../../src/lib/core/privacy/merge';
import { writePayload } from '../../../src/lib/core/privacy/payload';
import { restoreStream } from '../../../src/lib/core/privacy/restore';
import { blobChunks } from '../../../src/lib/core/ingest/streams';
import { newDb } from '../db/helpers';
import { loadSampleInto } from '../models/helpers';

const key = (o: { orderId: string; productId: string; quantity: number; ts: number }) =>
  `${o.orderId}|${o.productId}|${o.quantity}|${o.ts}`;

describe('merge a backup', () => {
  let source: RapportDb;
  let contents: BackupContents;
  beforeAll(async () => {
    source = newDb('merge-src');
    await loadSampleInto(source, 200);
    await source.settings.put({ key: 'ui.remembered', value: 1 });
    await source.feedback.add({ customerId: 'C00003', ts: 5, source: 'churn', action: 'contacted' }); // prettier-ignore
    contents = await readBackup(bytesOf(await collect(createBackup(source))), { keepRows: true });
  });

  it('into an empty database brings every customer, line, message and link', async () => {
    const db = newDb('merge-empty');
    const r = await mergeBackup(db, contents, 'keep-mine');
    expect(r.batches).toHaveLength(5);
    expect(await db.customers.count()).toBe(200);
    expect(await orderCount(db)).toBe(await orderCount(source));
    expect((await allOrders(db)).map(key).sort()).toEqual(
      (await allOrders(source)).map(key).sort()
    );
    expect(await db.interactions.count()).toBe(await source.interactions.count());
    expect(await db.relationships.count()).toBe(await source.relationships.count());
    expect((await db.settings.get('ui.remembered'))?.value).toBe(1);
    expect(await db.feedback.count()).toBe(1);
  });

  it('keep mine keeps an edit and adds nothing twice; take the backup’s overwrites; undo restores', async () => {
    const db = newDb('merge-both');
    await loadSampleInto(db, 200);
    const s = await beginImport(db, { source: 'CRM', fileName: 'edit.csv', kind: 'customers', channel: 'shop', mapping: {} }); // prettier-ignore
    const c2 = (await db.customers.get('C00002'))!;
    await s.customers([{ ...c2, name: 'Edited Here' }]);
    await s.commit({ rowsRead: 1, rowsStored: 1, rowsRejected: 0, errorsSample: 0 });
    const lines = await orderCount(db);

    const keep = await mergeBackup(db, contents, 'keep-mine');
    expect(keep.imported).toMatchObject({ customers: 0, orders: 0, interactions: 0, relationships: 0 }); // prettier-ignore
    expect((await db.customers.get('C00002'))!.name).toBe('Edited Here');
    expect(await orderCount(db)).toBe(lines);
    expect(await db.feedback.count()).toBe(1);
    // The same feedback again is not added twice.
    await mergeBackup(db, contents, 'keep-mine');
    expect(await db.feedback.count()).toBe(1);

    const take = await mergeBackup(db, contents, 'take-backup');
    expect(take.imported.customers).toBe(200);
    expect((await db.customers.get('C00002'))!.name).toBe(c2.name);
    // Re-imported orders supersede the same orders' lines: no line counted twice.
    expect(await orderCount(db)).toBe(lines);
    for (const id of [...take.batches].reverse()) await undoBatch(db, id);
    expect((await db.customers.get('C00002'))!.name).toBe('Edited Here');
    expect(await orderCount(db)).toBe(lines);
  });
});

describe('merge as one step, with trained models', () => {
  const version = (id: string, active: 0 | 1, metric: number) => {
    const [family, n] = id.split('@');
    return { id, family, version: Number(n), active, kind: family, createdAt: metric, metrics: { auc: metric } }; // prettier-ignore
  };
  const score = (modelId: string, entityId: string, value: number) => ({ modelId, entityKind: 'customer', entityId, item: '', value }); // prettier-ignore
  let contents: BackupContents;
  beforeAll(async () => {
    const src = newDb('merge-models-src');
    await loadSampleInto(src, 60);
    await src.modelVersions.bulkAdd([version('segments@1', 1, 0.7), version('churn@1', 1, 0.8)] as never[]); // prettier-ignore
    await src.modelData.bulkAdd([{ id: 'segments@1', saved: new Float32Array([1, 2]) }, { id: 'churn@1', saved: new Float32Array([3]) }] as never[]); // prettier-ignore
    await src.modelScores.bulkAdd([score('segments@1', 'C00001', 0.5), score('churn@1', 'C00002', 0.9)] as never[]); // prettier-ignore
    contents = await readBackup(bytesOf(await collect(createBackup(src))), { keepRows: true });
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
    const { result } = await mergeAtomically(db, contents, 'keep-mine');
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
    expect((await mergeAtomically(db, contents, 'keep-mine')).result.models.added).toBe(0);
  });

  it("take the backup's: the backup's versions become active", async () => {
    const db = await target('merge-models-take');
    const { result } = await mergeAtomically(db, contents, 'take-backup');
    expect(result.models.activated.sort()).toEqual(['churn', 'segments']);
    const active = (await db.modelVersions.toArray()).filter((r) => r.active === 1).map((r) => r.id); // prettier-ignore
    expect(active.sort()).toEqual(['churn@1', 'segments@2']);
  });

  it('a failure part-way changes nothing; the undo puts the data back exactly', async () => {
    const db = await target('merge-atomic');
    const before = await collect(writePayload(db));
    await expect(
      mergeAtomically(db, contents, 'keep-mine', {
        onStep: (s) => {
          if (s === 'orders') throw new Error('disk full');
        }
      })
    ).rejects.toThrow('disk full');
    expect(await collect(writePayload(db))).toEqual(before);
    // A merge that succeeds is undone in one step by its snapshot.
    const { undo } = await mergeAtomically(db, contents, 'take-backup');
    expect(await db.customers.count()).toBe(60);
    await restoreStream(db, blobChunks(undo));
    expect(await collect(writePayload(db))).toEqual(before);
  });
});
