// Repositories: the only way pages, workers and features read or write entity tables.
import type { Customer, Interaction, OrderLine, Product, Relationship } from '../types';
import { buildDirectory, type Directory } from './directory';
import { ordersOfCustomer } from './orders';
import type { CustomerStats } from './rows';
import type { RapportDb } from './schema';
import { allStats, getStats as statsOf } from './statsStore';

/**
 * A customer known only from order lines has no record (writing one per id cost ~0.1 ms each
 * in Chromium's IndexedDB, a second per 10,000 new customers on every import): it is shown as
 * this stub, made from its stats, until a customer export or an edit gives it a record.
 */
export const stubFromStats = (s: CustomerStats): Customer => ({
  id: s.customerId,
  channel: s.channel ?? '',
  attributes: {},
  batchId: s.batchId ?? 0,
  updatedAt: s.firstTs
});

export async function getCustomer(db: RapportDb, id: string): Promise<Customer | undefined> {
  const c = await db.customers.get(id);
  if (c) return c;
  const s = await statsOf(db, id);
  return s ? stubFromStats(s) : undefined;
}

/** Customer records plus customers known only from their orders. */
export async function customerCount(db: RapportDb): Promise<number> {
  const [keys, stats] = await Promise.all([
    db.customers.toCollection().primaryKeys(),
    allStats(db)
  ]);
  const have = new Set(keys);
  let n = keys.length;
  for (const s of stats) if (!have.has(s.customerId)) n++;
  return n;
}

/** Every customer, records and stubs (for feature tables and the directory), in id order. */
export async function listCustomers(db: RapportDb): Promise<Customer[]> {
  const [records, stats] = await Promise.all([db.customers.toArray(), allStats(db)]);
  return withStubs(records, stats);
}

function withStubs(records: Customer[], stats: CustomerStats[]): Customer[] {
  const have = new Set(records.map((c) => c.id));
  const stubs = stats.filter((s) => !have.has(s.customerId)).map(stubFromStats);
  if (stubs.length === 0) return records;
  return [...records, ...stubs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const getStats = (db: RapportDb, id: string): Promise<CustomerStats | undefined> =>
  statsOf(db, id);

export const listStats = (db: RapportDb): Promise<CustomerStats[]> => allStats(db);

/** A customer's interactions, oldest first. */
export async function interactionsOfCustomer(db: RapportDb, id: string): Promise<Interaction[]> {
  const rows = await db.interactions.where('customerId').equals(id).toArray();
  return rows.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const allInteractions = (db: RapportDb): Promise<Interaction[]> => db.interactions.toArray();

/** Links from or to the customer (a self-loop once). */
export async function relationshipsOfCustomer(db: RapportDb, id: string): Promise<Relationship[]> {
  const [out, inc] = await Promise.all([
    db.relationships.where('from').equals(id).toArray(),
    db.relationships.where('to').equals(id).toArray()
  ]);
  const seen = new Set(out.map((r) => r.id));
  return [...out, ...inc.filter((r) => !seen.has(r.id))];
}

export const allRelationships = (db: RapportDb): Promise<Relationship[]> =>
  db.relationships.toArray();

/** Products by id (missing ones left out), or all products when `ids` is omitted. */
export async function getProducts(db: RapportDb, ids?: string[]): Promise<Product[]> {
  if (!ids) return db.products.toArray();
  return (await db.products.bulkGet(ids)).filter((p): p is Product => p !== undefined);
}

export async function getSetting<T>(db: RapportDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function setSetting<T>(db: RapportDb, key: string, value: T): Promise<void> {
  await db.settings.put({ key, value });
}

/** Erase everything in every table (the database itself stays, at the current version). */
export async function clearAll(db: RapportDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}

export interface CustomerProfile {
  customer: Customer;
  stats?: CustomerStats;
  orders: OrderLine[];
  interactions: Interaction[];
  relationships: Relationship[];
}

/** Everything the customer page shows, or undefined for an unknown id. */
export async function customerProfile(
  db: RapportDb,
  id: string
): Promise<CustomerProfile | undefined> {
  const [record, stats] = await Promise.all([db.customers.get(id), statsOf(db, id)]);
  const customer = record ?? (stats ? stubFromStats(stats) : undefined);
  if (!customer) return undefined;
  const [orders, interactions, relationships] = await Promise.all([
    ordersOfCustomer(db, id),
    interactionsOfCustomer(db, id),
    relationshipsOfCustomer(db, id)
  ]);
  return { customer, stats, orders, interactions, relationships };
}

/** The customer directory over everything stored (customers joined with their stats). */
export async function loadDirectory(db: RapportDb): Promise<Directory> {
  const [records, stats] = await Promise.all([db.customers.toArray(), allStats(db)]);
  return buildDirectory(withStubs(records, stats), stats);
}
