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
import { mergeBackup } from '../../../src/lib/core/privacy/merge';
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
