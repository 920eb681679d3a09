// The sample shop stored as the Home page's "Load sample data" stores it: one import batch per
// entity kind under the source "Sample shop", so the history lists it and undo removes it. The
// worker, the CLI (`rapport backup create --sample`), the bench and the tests all store it here.
import { beginImport, type RapportDb } from '../db';
import { errorMessage } from '../errors';
import type { ImportSink } from '../ingest/sink';
import type { EntityKind } from '../types';
import type { SampleShop } from './shop';

export const SAMPLE_SOURCE = 'Sample shop';

export interface StoreSampleOptions {
  signal?: AbortSignal;
  /** After each kind is committed (customers first, then products, orders, messages, links):
   * how many kinds are stored, and the kind stored next ('done' after the last). */
  onStored?: (stored: number, next: EntityKind | 'done') => void;
}

export async function storeSampleShop(
  db: RapportDb,
  shop: SampleShop,
  o: StoreSampleOptions = {}
): Promise<void> {
  // Customers and products first so the orders, messages and links find them (no stubs).
  const parts: [EntityKind, (s: ImportSink) => Promise<void>, number][] = [
    ['customers', (s) => s.customers(shop.customers), shop.customers.length],
    ['products', (s) => s.products(shop.products), shop.products.length],
    ['orders', (s) => s.orders(shop.orders), shop.orders.length],
    ['interactions', (s) => s.interactions(shop.interactions), shop.interactions.length],
    ['relationships', (s) => s.relationships(shop.relationships), shop.relationships.length]
  ];
  for (let i = 0; i < parts.length; i++) {
    o.signal?.throwIfAborted();
    const [kind, write, n] = parts[i];
    const session = await beginImport(db, {
      source: SAMPLE_SOURCE,
      fileName: `sample-${kind}.csv`,
      kind,
      channel: 'shop',
      mapping: {}
    });
    try {
      await write(session);
      o.signal?.throwIfAborted();
      await session.commit({ rowsRead: n, rowsStored: n, rowsRejected: 0, errorsSample: 0 });
    } catch (e) {
      await session.abort(errorMessage(e)).catch(() => {});
      throw e;
    }
    o.onStored?.(i + 1, parts[i + 1]?.[0] ?? 'done');
  }
}
