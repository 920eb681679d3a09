// After a merge: models trained before it are stale (the data stamp names the merges in force and
// the fixes applied); a re-import naming the merged-away id goes to the golden record (aliases,
// schema v6); undo removes the alias; erasing the golden customer removes the aliases naming it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyFix,
  getCustomer,
  mergeCustomers,
  ordersOfCustomer,
  resolveAliases,
  undoFix,
  undoMerge
} from '../../../src/lib/core/db';
import { dataStamp, stampChanges } from '../../../src/lib/core/models/registry';
import { eraseCustomer } from '../../../src/lib/core/privacy/erase';
import { newDb } from '../db/helpers';
import { importInto } from '../models/helpers';

const fx = (f: string) => new URL(`../../fixtures/identity/${f}`, import.meta.url);
const telco = new URL('../../fixtures/csv/telco-slice.csv', import.meta.url);

function csv(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rapport-alias-')), name);
  writeFileSync(file, text);
  return file;
}

async function twoChannels(tag: string) {
  const db = newDb(tag);
  await importInto(db, fx('shop-customers.csv'), 'customers');
  await importInto(db, fx('pos-customers.csv'), 'customers');
  await importInto(db, fx('orders.csv'), 'orders');
  await importInto(db, fx('interactions.csv'), 'interactions');
  return db;
}

describe('merges and fixes make models stale', () => {
  it('a merge changes the data stamp; its undo gives back the stamp from before (by content)', async () => {
    const db = await twoChannels('stamp-merge');
    const needs = ['customers', 'orders'] as const;
    const trained = await dataStamp(db, needs);
    const m = await mergeCustomers(db, { ids: ['P001', 'S001'], keep: 'S001' });
    const merged = await dataStamp(db, needs);
    expect(merged).not.toBe(trained);
    expect(stampChanges(trained, merged)).toEqual({ added: [], removed: [], edited: true });
    // A family reading only orders is concerned too (order lines were repointed).
    expect(await dataStamp(db, ['orders'])).toContain(`merges:${m.id}`);
    // A family that ignores edits (the duplicates matcher) is not.
    expect(await dataStamp(db, needs, { edits: false })).toBe(trained.split('|merges')[0]);
    await undoMerge(db, m.id);
    expect(await dataStamp(db, needs)).toBe(trained);
  });

  it('a quality fix on customers changes the stamp of customer readers only; undo restores it', async () => {
    const db = newDb('stamp-fix');
    await importInto(db, telco, 'customers');
    const before = await dataStamp(db, ['customers']);
    const ordersOnly = await dataStamp(db, ['orders']);
    const fix = await applyFix(db, 'TotalCharges', 'impute');
    expect(await dataStamp(db, ['customers'])).toBe(`${before}|fixes:${fix.id}`);
    expect(await dataStamp(db, ['orders'])).toBe(ordersOnly);
    await undoFix(db, fix.id);
    expect(await dataStamp(db, ['customers'])).toBe(before);
  });
});

describe('aliases: a re-import after a merge updates the golden record', () => {
  it('orders, interactions, links and customer fields naming A go to B; undo removes the alias', async () => {
    const db = await twoChannels('alias-import');
    const m = await mergeCustomers(db, { ids: ['P001', 'S001'], keep: 'S001' });
    expect(await resolveAliases(db)).toEqual(new Map([['P001', 'S001']]));
    const linesB = (await ordersOfCustomer(db, 'S001')).length;

    await importInto(db, csv('pos-orders-2.csv', 'order_id,customer_id,product_id,quantity,unit_price,order_date\nN1,P001,SKU1,2,10,2024-11-01\nN2,P001,SKU2,1,5,2024-11-02\n'), 'orders'); // prettier-ignore
    await importInto(db, csv('pos-tickets-2.csv', 'ticket_id,customer_id,created_at,type,message\nT900,P001,2024-11-03 10:00,email,Where is my order?\n'), 'interactions'); // prettier-ignore
    await importInto(db, csv('pos-links.csv', 'referrer,referee,relation,weight,date\nP001,S002,referral,1,2024-11-04\n'), 'relationships'); // prettier-ignore
    await importInto(db, csv('pos-customers-2.csv', 'customer_id,name,city,email\nP001,michafla jakimow,winston hills,mj@example.com\n'), 'customers'); // prettier-ignore

    expect(await getCustomer(db, 'P001')).toBeUndefined();
    const golden = await getCustomer(db, 'S001');
    expect(golden?.email).toBe('mj@example.com');
    const lines = await ordersOfCustomer(db, 'S001');
    expect(lines.length).toBe(linesB + 2);
    expect(lines.filter((o) => o.orderId === 'N1' || o.orderId === 'N2')).toHaveLength(2);
    expect(await ordersOfCustomer(db, 'P001')).toEqual([]);
    expect((await db.interactions.get('T900'))?.customerId).toBe('S001');
    const link = (await db.relationships.toArray()).find((r) => r.to === 'S002');
    expect(link?.from).toBe('S001');

    // The imports since wrote the golden record: the merge cannot be undone before them.
    await expect(undoMerge(db, m.id)).rejects.toThrow(/Undo that import first/);
    const { listBatches, undoBatch } = await import('../../../src/lib/core/db');
    for (const b of (await listBatches(db)).filter(
      (x) =>
        (x.fileName.startsWith('pos-') && x.fileName.endsWith('-2.csv')) ||
        x.fileName === 'pos-links.csv'
    ))
      // prettier-ignore
      await undoBatch(db, b.id);
    await undoMerge(db, m.id);
    expect(await db.aliases.count()).toBe(0);
    expect(await getCustomer(db, 'P001')).toBeDefined();
  });

  it('a chain of merges maps the first id to the last golden record', async () => {
    const db = await twoChannels('alias-chain');
    const a = await mergeCustomers(db, { ids: ['P002', 'S002'], keep: 'S002' });
    const b = await mergeCustomers(db, { ids: ['S002', 'S003'], keep: 'S003' });
    expect(await resolveAliases(db)).toEqual(
      new Map([
        ['P002', 'S003'],
        ['S002', 'S003']
      ])
    );
    await undoMerge(db, b.id);
    expect(await resolveAliases(db)).toEqual(new Map([['P002', 'S002']]));
    await undoMerge(db, a.id);
    expect(await resolveAliases(db)).toEqual(new Map());
  });

  it('erasing the golden customer removes the aliases that point at it', async () => {
    const db = await twoChannels('alias-erase');
    await mergeCustomers(db, { ids: ['P001', 'S001'], keep: 'S001' });
    await mergeCustomers(db, { ids: ['P002', 'S002'], keep: 'S002' });
    await eraseCustomer(db, 'S001');
    expect(await resolveAliases(db)).toEqual(new Map([['P002', 'S002']]));
  });
});
