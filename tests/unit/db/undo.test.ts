import { describe, expect, it } from 'vitest';
import {
  allOrders,
  beginImport,
  customerCount,
  listBatches,
  listCustomers,
  orderCount,
  undoBatch,
  type RapportDb
} from '../../../src/lib/core/db';
import type { NewCustomer } from '../../../src/lib/core/ingest/sink';
import type { OrderLine } from '../../../src/lib/core/types';
import { dump, newDb } from './helpers';
import { retailLines } from './retail';

const lines = retailLines();
const summary = (n: number) => ({ rowsRead: n, rowsStored: n, rowsRejected: 0, errorsSample: 0 });
const base = {
  source: 'Online Retail',
  fileName: 'a.csv',
  kind: 'orders',
  channel: 'shop',
  mapping: {}
} as const;

async function importAll(
  db: RapportDb,
  fileName: string,
  data: { orders?: OrderLine[]; customers?: NewCustomer[] }
): Promise<number> {
  const s = await beginImport(db, { ...base, fileName }, { chunkSize: 100 });
  if (data.customers) await s.customers(data.customers);
  if (data.orders) await s.orders(data.orders);
  await s.commit(summary((data.orders?.length ?? 0) + (data.customers?.length ?? 0)));
  return s.batchId;
}

// Everything but the import history itself (the undone batch stays listed as 'undone').
const state = (db: RapportDb) => dump(db, ['batches', 'undoLogs', 'sources']);

describe('undoBatch', () => {
  it('restores the exact previous state: entities, superseded lines, stubs, stats', async () => {
    const db = newDb('undo');
    await importAll(db, 'first.csv', {
      orders: lines.slice(0, 600),
      customers: [
        {
          id: '17850',
          name: 'Ada',
          email: 'ada@example.org',
          channel: 'shop',
          attributes: { a: 1 }
        }
      ]
    });
    const before = await state(db);
    const batchesBefore = await listBatches(db);
    // Second import: overlapping orders (400-599 supersede), new ones, an updated customer,
    // and new customer ids that get stubs.
    const b2 = await importAll(db, 'second.csv', {
      orders: lines.slice(400, 1000).map((l) => ({ ...l, quantity: l.quantity * 2 })),
      customers: [{ id: '17850', name: 'Ada L.', channel: 'pos', attributes: { b: 2 } }]
    });
    expect(await state(db)).not.toEqual(before);
    const again = new Set(lines.slice(400, 1000).map((l) => l.orderId));
    const kept = lines.slice(0, 600).filter((l) => !again.has(l.orderId)).length;
    expect(kept).toBeLessThan(400);
    expect(await orderCount(db)).toBe(kept + 600);

    await undoBatch(db, b2);
    expect(await state(db)).toEqual(before);
    expect(await allOrders(db)).toEqual(lines.slice(0, 600));
    const after = await listBatches(db);
    expect(after[0]).toMatchObject({ id: b2, status: 'undone', linesAlive: 0 });
    expect(after.slice(1)).toEqual(batchesBefore);
    await expect(undoBatch(db, b2)).rejects.toThrow(/is undone: nothing to undo/);
    db.close();
  });

  it('refuses to undo an older import a newer one overwrote, naming the newer one', async () => {
    const db = newDb('undo-order');
    const empty = await state(db);
    const b1 = await importAll(db, 'one.csv', { orders: lines.slice(0, 300) });
    const afterB1 = await state(db);
    const b2 = await importAll(db, 'two.csv', { orders: lines.slice(200, 500) });
    await expect(undoBatch(db, b1)).rejects.toThrow(
      new RegExp(`newer import #${b2} \\(two.csv\\) changed the same records`)
    );
    await undoBatch(db, b2);
    expect(await state(db)).toEqual(afterB1);
    await undoBatch(db, b1);
    expect(await state(db)).toEqual(empty);
    db.close();
  });

  it('undoes an older import when a newer one touched other records', async () => {
    const db = newDb('undo-indep');
    // Split at an invoice boundary so that no order spans both files.
    let cut = 300;
    while (lines[cut].orderId === lines[cut - 1].orderId) cut++;
    const b1 = await importAll(db, 'one.csv', { orders: lines.slice(0, cut) });
    await importAll(db, 'two.csv', { orders: lines.slice(cut, 700) });
    const ids1 = new Set(lines.slice(0, cut).map((l) => l.customerId));
    const ids2 = new Set(lines.slice(cut, 700).map((l) => l.customerId));
    expect([...ids2].some((id) => ids1.has(id))).toBe(true);
    await undoBatch(db, b1);
    expect(await allOrders(db)).toEqual(lines.slice(cut, 700));
    // Customers of batch 1 only are gone; those batch 2 also ordered from stay (as stubs).
    const left = (await listCustomers(db)).map((c) => c.id);
    expect(left).toEqual([...ids2].sort());
    expect(await customerCount(db)).toBe(ids2.size);
    db.close();
  });

  it('keeps a stub for an orders-only customer a newer batch still links to', async () => {
    const db = newDb('undo-stub');
    const b1 = await importAll(db, 'orders.csv', { orders: lines.slice(0, 300) });
    const id = lines[0].customerId;
    expect(await db.customers.get(id)).toBeUndefined(); // shown from stats, no record
    const s = await beginImport(db, { ...base, kind: 'interactions', fileName: 'inbox.csv' });
    await s.interactions([
      { id: 'm1', customerId: id, ts: 1, channel: 'e-mail', kind: 'message', text: 'Hello' }
    ]);
    await s.commit(summary(1));
    // The customer had order lines, so the interaction import made no stub either.
    expect(await db.customers.get(id)).toBeUndefined();
    await undoBatch(db, b1);
    expect(await allOrders(db)).toEqual([]);
    // Its orders are gone, the message is not: the customer stays, now as a stub record.
    expect(await db.customers.get(id)).toMatchObject({ id, attributes: {} });
    expect((await listCustomers(db)).map((c) => c.id)).toEqual([id]);
    db.close();
  });
});
