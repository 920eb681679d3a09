// Identity resolution after an import (core/models/duplicates/afterImport.ts): the POS export's
// customers that the shop export already knows are reported as likely duplicates; nothing is
// merged; a cancelled look leaves the registry as it was.
import { describe, expect, it } from 'vitest';
import { listMerges, undoMerge } from '../../../src/lib/core/db';
import { matchImport } from '../../../src/lib/core/models/duplicates/afterImport';
import { listVersions } from '../../../src/lib/core/models/registry';
import { dump, newDb } from '../db/helpers';
import { importInto, runtimeOf } from '../models/helpers';

const fx = (f: string) => new URL(`../../fixtures/identity/${f}`, import.meta.url);

describe('finding duplicates after an import', () => {
  it('reports the imported customers in a suggested group, and merges nothing', async () => {
    const db = newDb('after-import');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, fx('shop-customers.csv'), 'customers');
    changed();
    // The shop export alone: its customers are all different people.
    const shop = await matchImport(runtime, db, 'shop-customers.csv');
    expect(shop).toEqual({ imported: 33, matched: 0, groups: 0, merged: 0 });
    await importInto(db, fx('pos-customers.csv'), 'customers');
    changed();
    const pos = await matchImport(runtime, db, 'pos-customers.csv');
    expect(pos.imported).toBe(33);
    // 23 POS customers are also shop customers (tests/fixtures/identity/SOURCE.txt).
    expect(pos.matched).toBeGreaterThanOrEqual(20);
    expect(pos.matched).toBeLessThanOrEqual(23);
    expect(pos.groups).toBe(pos.matched);
    expect(await listMerges(db)).toEqual([]);
    expect(await db.customers.count()).toBe(66);
    expect(await matchImport(runtime, db, 'nothing.csv')).toEqual({ imported: 0, matched: 0, groups: 0, merged: 0 }); // prettier-ignore
  });

  it('bulk-accept above a threshold merges those groups, each journaled and undoable', async () => {
    const db = newDb('after-import-merge');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, fx('shop-customers.csv'), 'customers');
    await importInto(db, fx('pos-customers.csv'), 'customers');
    changed();
    const before = await dump(db, ['merges', 'modelVersions', 'modelData', 'modelScores']);
    const out = await matchImport(runtime, db, 'pos-customers.csv', {}, { mergeAbove: 0.99 });
    expect(out.merged).toBeGreaterThan(0);
    expect(out.merged).toBeLessThanOrEqual(out.groups);
    const merges = await listMerges(db);
    expect(merges).toHaveLength(out.merged);
    expect(merges.every((m) => (m.score ?? 0) >= 0.99)).toBe(true);
    expect(await db.customers.count()).toBe(66 - out.merged);
    for (const m of merges) await undoMerge(db, m.id);
    expect(await dump(db, ['merges', 'modelVersions', 'modelData', 'modelScores'])).toEqual(before);
  });

  it('a cancelled look saves no matcher version', async () => {
    const db = newDb('after-import-cancel');
    const { runtime } = runtimeOf(db);
    await importInto(db, fx('shop-customers.csv'), 'customers');
    await importInto(db, fx('pos-customers.csv'), 'customers');
    const ac = new AbortController();
    ac.abort();
    await expect(matchImport(runtime, db, 'pos-customers.csv', { signal: ac.signal })).rejects.toThrow(); // prettier-ignore
    expect(await listVersions(db, 'duplicates')).toEqual([]);
  });
});
