// The data a model family builds its dataset from, read either from the database (the app's
// worker) or from files through the app's own ingest code (CLI, bench, tests): one shape, so the
// same family code gives the same answer on the same data wherever it runs.
import {
  allInteractions,
  allOrders,
  allRelationships,
  getProducts,
  listCustomers,
  listStats
} from '../db';
import type { CustomerStats, RapportDb } from '../db';
import type { MemoryImport } from '../ingest/memory';
import type { Customer, EntityKind, Interaction, OrderLine, Product, Relationship } from '../types';

export interface DataInputs {
  /** Customer records (and, from the database, stubs for customers known only from orders). */
  customers: Customer[];
  orders: OrderLine[];
  interactions: Interaction[];
  relationships: Relationship[];
  products: Product[];
  /** Per-customer order stats as the customer page shows them (from the database only). */
  stats?: CustomerStats[];
}

/** The kinds of data a family reads: a change to one of them makes its models stale. */
export type DataNeed = EntityKind;

export async function loadInputs(db: RapportDb): Promise<DataInputs> {
  const [customers, orders, interactions, relationships, products, stats] = await Promise.all([
    listCustomers(db),
    allOrders(db),
    allInteractions(db),
    allRelationships(db),
    getProducts(db),
    listStats(db)
  ]);
  return { customers, orders, interactions, relationships, products, stats };
}

/** Inputs from files read with `readExport` (later files replace earlier records by id). */
export function inputsFromExports(parts: MemoryImport[]): DataInputs {
  const byId = <T extends { id: string }>(lists: T[][]): T[] => {
    const m = new Map<string, T>();
    for (const l of lists) for (const r of l) m.set(r.id, r);
    return [...m.values()];
  };
  return {
    customers: byId(parts.map((p) => p.customers)).sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0
    ),
    orders: parts.flatMap((p) => p.orders),
    interactions: byId(parts.map((p) => p.interactions)),
    relationships: byId(parts.map((p) => p.relationships)),
    products: byId(parts.map((p) => p.products))
  };
}

/** Timestamp of the last order line, or null when there are none. */
export function lastOrderTs(orders: readonly OrderLine[]): number | null {
  let last = -Infinity;
  for (const o of orders) if (o.ts > last) last = o.ts;
  return Number.isFinite(last) ? last : null;
}
