import { describe, expect, it } from 'vitest';
import {
  buildDirectory,
  computeStats,
  encodeChunks,
  loadDirectory,
  beginImport,
  queryDirectory
} from '../../../src/lib/core/db';
import type { Customer } from '../../../src/lib/core/types';
import { newDb } from './helpers';
import { retailLines, retailRows } from './retail';

const lines = retailLines();
const stats = [
  ...computeStats(encodeChunks(lines, 1).map((c, i) => ({ ...c, id: i + 1 }))).values()
];
const country = new Map(retailRows().map((r) => [r.CustomerID, r.Country]));
const named: Record<string, Partial<Customer>> = {
  '17850': { name: 'Zoë Hart', email: 'zoe.hart@example.org', phone: '+44 (0)20 7946 0018' },
  '13047': { name: 'adam smith', email: 'ADAM@shop.example', phone: '07700 900123' },
  '12583': { name: 'Émile Zola', email: 'emile@example.fr', phone: '+33 1 23 45 67 89' }
};
const customers: Customer[] = stats.map((s) => ({
  id: s.customerId,
  channel: 'shop',
  country: country.get(s.customerId),
  attributes: {},
  batchId: 1,
  updatedAt: 0,
  ...named[s.customerId]
}));
// A customer without orders.
customers.push({
  id: 'NEW1',
  name: 'Bea',
  channel: 'web',
  attributes: {},
  batchId: 2,
  updatedAt: 0
});

describe('customer directory', () => {
  const dir = buildDirectory(customers, stats);

  it('pages through everyone, sorted by total spent', () => {
    const all = queryDirectory(dir, { sort: 'totalSpent', desc: true, limit: 10_000 });
    expect(all.total).toBe(customers.length);
    const spent = all.rows.map((r) => r.totalSpent);
    expect(spent).toEqual([...spent].sort((a, b) => b - a));
    expect(spent[0]).toBe(Math.max(...stats.map((s) => s.totalSpent)));
    const page2 = queryDirectory(dir, { sort: 'totalSpent', desc: true, offset: 10, limit: 10 });
    expect(page2.rows).toEqual(all.rows.slice(10, 20));
    expect(page2.total).toBe(customers.length);
  });

  it('sorts by last purchase, orders and name', () => {
    const last = queryDirectory(dir, { sort: 'lastPurchase', desc: true, limit: 10_000 }).rows;
    const ts = last.map((r) => r.lastTs ?? -Infinity);
    expect(ts).toEqual([...ts].sort((a, b) => b - a));
    expect(last.at(-1)!.id).toBe('NEW1');
    const orders = queryDirectory(dir, { sort: 'orders', limit: 10_000 }).rows.map((r) => r.orders);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    const names = queryDirectory(dir, { sort: 'name', limit: 4 }).rows.map((r) => r.name);
    expect(names).toEqual(['adam smith', 'Bea', 'Émile Zola', 'Zoë Hart']);
  });

  it('searches id, name, e-mail and phone, case-insensitive substrings', () => {
    const ids = (search: string) =>
      queryDirectory(dir, { search, sort: 'name', limit: 100 }).rows.map((r) => r.id);
    expect(ids('ADAM')).toEqual(['13047']);
    expect(ids('example.org')).toEqual(['17850']);
    expect(ids('1785')).toEqual(['17850']);
    expect(ids('zola')).toEqual(['12583']);
    // Accents fold both ways.
    expect(ids('zoe')).toEqual(['17850']);
    expect(ids('ÉMILE')).toEqual(['12583']);
    // Digits-only match ignores the phone's punctuation.
    expect(ids('2079460018')).toEqual(['17850']);
    expect(ids('0770 0900')).toEqual(['13047']);
    expect(ids('no such person')).toEqual([]);
    const q = queryDirectory(dir, { search: '1', sort: 'orders', desc: true, limit: 5 });
    expect(q.total).toBe(
      customers.filter((c) => c.id.includes('1') || c.phone?.includes('1')).length
    );
    expect(q.rows).toHaveLength(5);
  });

  it('loads from the database', async () => {
    const db = newDb('dir');
    const s = await beginImport(db, {
      source: 'r',
      fileName: 'r.csv',
      kind: 'orders',
      channel: 'shop',
      mapping: {}
    });
    await s.orders(lines);
    await s.customers([{ id: '17850', name: 'Zoë Hart', channel: 'shop', attributes: {} }]);
    await s.commit({ rowsRead: 1, rowsStored: 1, rowsRejected: 0, errorsSample: 0 });
    const d = await loadDirectory(db);
    const r = queryDirectory(d, { search: 'zoë' });
    expect(r.total).toBe(1);
    const st = stats.find((x) => x.customerId === '17850')!;
    expect(st.orders).toBeGreaterThan(1);
    expect(r.rows[0]).toMatchObject({
      id: '17850',
      orders: st.orders,
      totalSpent: st.totalSpent,
      lastTs: st.lastTs
    });
    db.close();
  });
});
