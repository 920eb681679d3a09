// Merges and their undo on the sample shop (customers, order lines in chunks, interactions,
// relationships): undo restores every table exactly, and no order line or interaction is lost.
import { describe, expect, it } from 'vitest';
import {
  allInteractions,
  allOrders,
  allRelationships,
  getCustomer,
  goldenRecord,
  listCustomers,
  listMerges,
  listStats,
  mergeCustomers,
  ordersOfCustomer,
  undoMerge,
  type RapportDb
} from '../../../src/lib/core/db';
import type { Customer } from '../../../src/lib/core/types';
import { dump, newDb } from '../db/helpers';
import { loadSampleInto } from '../models/helpers';

const state = (db: RapportDb) => dump(db, ['merges']);

/** Three customers with orders, and one of them with interactions or links when there is one. */
async function pickThree(db: RapportDb): Promise<string[]> {
  const stats = (await listStats(db)).filter((s) => s.lines > 0);
  const inter = new Set((await allInteractions(db)).map((i) => i.customerId));
  const rels = new Set((await allRelationships(db)).flatMap((r) => [r.from, r.to]));
  const withBoth = stats.find((s) => inter.has(s.customerId) && rels.has(s.customerId));
  const rest = stats.filter((s) => s.customerId !== withBoth?.customerId).slice(0, 3);
  return [withBoth?.customerId ?? rest[2].customerId, rest[0].customerId, rest[1].customerId];
}

describe('mergeCustomers / undoMerge', () => {
  it('undo restores the database exactly (every table compared)', async () => {
    const db = newDb('merge-undo');
    await loadSampleInto(db, 300);
    const before = await state(db);
    const ids = await pickThree(db);
    const m = await mergeCustomers(db, { ids, rule: 'complete' });
    expect(await state(db)).not.toEqual(before);
    await undoMerge(db, m.id);
    expect(await state(db)).toEqual(before);
    expect((await listMerges(db))[0].status).toBe('undone');
    await expect(undoMerge(db, m.id)).rejects.toThrow(/already undone/);
  });

  it('never loses an order line or an interaction: all of them move to the golden record', async () => {
    const db = newDb('merge-keep');
    await loadSampleInto(db, 300);
    const ids = await pickThree(db);
    const lines = (await allOrders(db)).length;
    const interactions = await allInteractions(db);
    const rels = (await allRelationships(db)).length;
    const customers = (await listCustomers(db)).length;
    const theirs = (await Promise.all(ids.map((id) => ordersOfCustomer(db, id)))).flat();
    const theirInter = interactions.filter((i) => ids.includes(i.customerId)).length;
    const m = await mergeCustomers(db, { ids, keep: ids[1] });
    expect(m.golden).toBe(ids[1]);
    expect(m.moved.interactions).toBeGreaterThan(0);
    expect(m.moved.relationships).toBeGreaterThan(0);
    expect((await allOrders(db)).length).toBe(lines);
    expect((await allInteractions(db)).length).toBe(interactions.length);
    expect((await allRelationships(db)).length).toBe(rels);
    expect((await listCustomers(db)).length).toBe(customers - 2);
    const golden = await ordersOfCustomer(db, ids[1]);
    expect(golden.length).toBe(theirs.length);
    expect(m.moved.orderLines).toBe(theirs.length - (await Promise.resolve(theirs.filter((o) => o.customerId === ids[1]).length))); // prettier-ignore
    expect((await allInteractions(db)).filter((i) => i.customerId === ids[1]).length).toBe(theirInter); // prettier-ignore
    for (const id of [ids[0], ids[2]]) {
      expect(await getCustomer(db, id)).toBeUndefined();
      expect(await ordersOfCustomer(db, id)).toEqual([]);
    }
    const stats = (await listStats(db)).find((s) => s.customerId === ids[1])!;
    expect(stats.lines).toBe(theirs.length);
  });

  it('refuses to undo an older merge while a newer one involves the same customers', async () => {
    const db = newDb('merge-order');
    await loadSampleInto(db, 300);
    const before = await state(db);
    const [a, b, c] = await pickThree(db);
    const first = await mergeCustomers(db, { ids: [a, b], keep: a });
    const second = await mergeCustomers(db, { ids: [a, c], keep: a });
    await expect(undoMerge(db, first.id)).rejects.toThrow(new RegExp(`newer merge #${second.id}`));
    await undoMerge(db, second.id);
    await undoMerge(db, first.id);
    expect(await state(db)).toEqual(before);
  });

  it('survivorship: most recent, most complete, or by channel priority', () => {
    const base = { attributes: {}, batchId: 1 };
    const recs: Customer[] = [
      { ...base, id: 'a', channel: 'pos', name: 'Li Wei', email: 'old@x.com', updatedAt: 1, createdAt: 50 },
      { ...base, id: 'b', channel: 'shop', name: 'Wei Li Ming', email: 'new@x.com', updatedAt: 9, phone: '+8613800138000', createdAt: 70 },
      { ...base, id: 'c', channel: 'social', email: undefined, updatedAt: 5, city: 'Shanghai', attributes: { vip: true } }
    ]; // prettier-ignore
    const recent = goldenRecord(recs, recs[0], 'recent', [], 100);
    expect(recent).toMatchObject({ id: 'a', name: 'Wei Li Ming', email: 'new@x.com', city: 'Shanghai', createdAt: 50, updatedAt: 100 }); // prettier-ignore
    expect(recent.attributes.vip).toBe(true);
    const prio = goldenRecord(recs, recs[2], 'priority', ['pos', 'social', 'shop']);
    expect(prio).toMatchObject({
      id: 'c',
      name: 'Li Wei',
      email: 'old@x.com',
      phone: '+8613800138000'
    });
    const complete = goldenRecord(recs, recs[1], 'complete');
    expect(complete.name).toBe('Wei Li Ming');
  });

  it('refuses a merge of unknown customers and keeps the database as it was', async () => {
    const db = newDb('merge-bad');
    await loadSampleInto(db, 100);
    const before = await state(db);
    const [a] = await pickThree(db);
    await expect(mergeCustomers(db, { ids: [a, 'nobody'] })).rejects.toThrow(
      /No customer "nobody"/
    );
    await expect(mergeCustomers(db, { ids: [a] })).rejects.toThrow(/at least two/);
    expect(await state(db)).toEqual(before);
  });
});

describe('merges and import undo', () => {
  it('an import under a merge cannot be undone until the merge is', async () => {
    const { listBatches, undoBatch } = await import('../../../src/lib/core/db');
    const db = newDb('merge-import');
    await loadSampleInto(db, 100);
    const [a, b] = await pickThree(db);
    const m = await mergeCustomers(db, { ids: [a, b] });
    const orders = (await listBatches(db)).find((x) => x.kind === 'orders')!;
    await expect(undoBatch(db, orders.id)).rejects.toThrow(new RegExp(`merge #${m.id}`));
    await undoMerge(db, m.id);
    await undoBatch(db, orders.id);
    expect((await listBatches(db)).find((x) => x.id === orders.id)!.status).toBe('undone');
  });
});
