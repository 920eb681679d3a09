// Erasing a customer leaves no trace: every table, every chunk and the IndexedDB stores' raw
// contents are scanned for the id, name, e-mail and phone. Everyone else's data is untouched, an
// undo after the erasure cannot bring the customer back, and trained models are flagged stale.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allOrders,
  beginImport,
  listCustomers,
  orderCount,
  undoBatch,
  type RapportDb
} from '../../../src/lib/core/db';
import { customerSegments } from '../../../src/lib/core/models/segments/family';
import { eraseCustomer, erasureLog } from '../../../src/lib/core/privacy/erase';
import type { Customer, OrderLine } from '../../../src/lib/core/types';
import { newDb } from '../db/helpers';
import { loadSampleInto, runtimeOf } from '../models/helpers';

void IDBKeyRange;

/** Every string in the raw object stores (values and keys) of database `name`. */
async function rawStrings(name: string): Promise<string[]> {
  const idb = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v instanceof Map) for (const [k, x] of v) (walk(k), walk(x));
    else if (v instanceof Set) v.forEach(walk);
    else if (v && typeof v === 'object' && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer))
      for (const [k, x] of Object.entries(v)) (out.push(k), walk(x));
  };
  const stores = [...idb.objectStoreNames];
  expect(stores.length).toBeGreaterThan(10);
  for (const s of stores) {
    const tx = idb.transaction(s, 'readonly');
    const store = tx.objectStore(s);
    const [vals, keys] = await Promise.all(
      [store.getAll(), store.getAllKeys()].map(
        (r) => new Promise<unknown[]>((res) => (r.onsuccess = () => res(r.result as unknown[])))
      )
    );
    vals.forEach(walk);
    keys.forEach(walk);
  }
  idb.close();
  return out;
}

function traces(strings: string[], c: Customer): string[] {
  const exact = new Set([c.id, c.name, c.phone].filter(Boolean) as string[]);
  return strings.filter(
    (s) => exact.has(s) || (c.email && s.includes(c.email)) || (c.phone && s.includes(c.phone))
  );
}

describe('erase a customer', () => {
  let db: RapportDb;
  let victim: Customer;
  let others: OrderLine[];
  let before: { customers: number; lines: number };
  let secondBatch: number;
  let originalOthers: OrderLine[];
  let messageId: string;

  beforeAll(async () => {
    db = newDb('erase');
    await loadSampleInto(db, 300);
    // Someone with everything: contact details, orders, messages and links.
    const all = await db.customers.toArray();
    const orders = await allOrders(db);
    const interactions = await db.interactions.toArray();
    const rels = await db.relationships.toArray();
    victim = all.find(
      (c) =>
        c.name &&
        c.email &&
        c.phone &&
        orders.some((o) => o.customerId === c.id) &&
        interactions.some((i) => i.customerId === c.id) &&
        rels.some((r) => r.from === c.id || r.to === c.id)
    )!;
    expect(victim).toBeDefined();
    // A later import that updates the customer and re-imports two of their orders (the old lines
    // become superseded: the undo log keeps the customer's old record and those row numbers).
    originalOthers = orders.filter((o) => o.customerId !== victim.id);
    const theirs = orders.filter((o) => o.customerId === victim.id);
    const firstOrder = theirs[0].orderId;
    const redo = theirs.filter((o) => o.orderId === firstOrder).map((o) => ({ ...o, quantity: o.quantity + 1 })); // prettier-ignore
    const s = await beginImport(db, { source: 'CRM', fileName: 'update.csv', kind: 'customers', channel: 'shop', mapping: {} }); // prettier-ignore
    await s.customers([{ ...victim, city: 'Elsewhere', attributes: { ...victim.attributes } }]);
    await s.orders([...redo, { ...orders.find((o) => o.customerId !== victim.id)!, quantity: 99 }]);
    await s.commit({ rowsRead: 3, rowsStored: 3, rowsRejected: 0, errorsSample: 0 });
    secondBatch = s.batchId;
    await runtimeOf(db).runtime.train(customerSegments, {});
    // A message-level score (as the inbox's models store them) of one of their messages.
    const msg = interactions.find((i) => i.customerId === victim.id)!;
    const v = (await db.modelVersions.toArray())[0];
    await db.modelScores.put({ modelId: v.id, entityKind: 'message', entityId: msg.id, item: '', value: 1, detail: { text: msg.text } }); // prettier-ignore
    messageId = msg.id;
    await db.feedback.add({ customerId: victim.id, ts: 1, kind: 'churn', outcome: 'contacted' });
    await db.settings.put({ key: 'customers.lastSearch', value: victim.email });

    expect(traces(await rawStrings(db.name), victim).length).toBeGreaterThan(10);
    others = (await allOrders(db)).filter((o) => o.customerId !== victim.id);
    before = { customers: (await db.customers.count()) - 1, lines: others.length };
  });

  it('removes every row, chunk line, undo entry, score and copy, and logs no personal data', async () => {
    const res = await eraseCustomer(db, victim.id, { now: 1000 });
    expect(res.found).toBe(true);
    expect(res.rows.customers).toBe(1);
    expect(res.rows.orderLines).toBeGreaterThan(0);
    expect(res.rows.interactions).toBeGreaterThan(0);
    expect(res.rows.relationships).toBeGreaterThan(0);
    expect(res.rows.undoLogs).toBeGreaterThan(0);
    expect(res.modelsFlagged).toBe(1);
    expect(traces(await rawStrings(db.name), victim)).toEqual([]);
    expect(await db.modelScores.where('entityId').equals(messageId).count()).toBe(0);
    // The log says when and how much, never who.
    const log = await erasureLog(db);
    expect(log).toHaveLength(1);
    expect(JSON.stringify(log)).not.toContain(victim.id);
    expect(log[0].at).toBe(1000);
  });

  it("leaves everyone else's data exactly as it was", async () => {
    expect(await db.customers.count()).toBe(before.customers);
    expect(await allOrders(db)).toEqual(others);
    expect(await orderCount(db)).toBe(before.lines);
    // No stub comes back from stats either.
    expect((await listCustomers(db)).some((c) => c.id === victim.id)).toBe(false);
  });

  it('an undo after the erasure restores the other lines but never the customer', async () => {
    await undoBatch(db, secondBatch);
    expect(await db.customers.get(victim.id)).toBeUndefined();
    const lines = await allOrders(db);
    expect(lines.some((o) => o.customerId === victim.id)).toBe(false);
    // The other customer's superseded lines are back as they were before the second import.
    expect(lines).toEqual(originalOthers);
    expect(traces(await rawStrings(db.name), victim)).toEqual([]);
  });

  it('flags trained models stale so they are retrained without the customer', async () => {
    const { runtime } = runtimeOf(db);
    const r = await runtime.results(customerSegments);
    expect(r?.stale).not.toBeNull();
    expect((r?.version as unknown as { erasures?: number }).erasures).toBe(1);
  });

  it('erasing an unknown id finds nothing and logs nothing', async () => {
    const res = await eraseCustomer(db, 'NOBODY');
    expect(res.found).toBe(false);
    expect(res.rows).toEqual({});
    expect(await erasureLog(db)).toHaveLength(1);
  });
});
