// "Remove the sample shop": one action undoes all five sample imports and leaves the user's own
// data exactly as it was; a newer import that changed sample records blocks it with a message.
import { describe, expect, it } from 'vitest';
import {
  activeBatchesOf,
  customerCount,
  listBatches,
  orderCount,
  removeSource
} from '../../../src/lib/core/db';
import { TELCO } from '../generative/helpers';
import { importInto, loadSampleInto } from '../models/helpers';
import { newDb } from './helpers';

describe('remove a whole source', () => {
  it('undoes the five sample imports in one go, keeping a Telco import', async () => {
    const db = newDb('source-sample');
    const telco = await importInto(db, TELCO, 'customers');
    await loadSampleInto(db, 300);
    expect(await activeBatchesOf(db, 'Sample shop')).toHaveLength(5);
    expect(await customerCount(db)).toBeGreaterThan(telco);
    expect(await orderCount(db)).toBeGreaterThan(0);

    expect(await removeSource(db, 'Sample shop')).toBe(5);
    expect(await customerCount(db)).toBe(telco);
    expect(await orderCount(db)).toBe(0);
    expect(await db.products.count()).toBe(0);
    expect(await db.interactions.count()).toBe(0);
    expect(await db.relationships.count()).toBe(0);
    const history = await listBatches(db, null);
    expect(
      history.filter((b) => b.source === 'Sample shop').every((b) => b.status === 'undone')
    ).toBe(true);
    expect(history.find((b) => b.fileName.endsWith('telco-head-1200.csv'))?.status).toBe(
      'committed'
    );
    // Nothing left to remove: a second call is a no-op.
    expect(await removeSource(db, 'Sample shop')).toBe(0);
    db.close();
  });
});
