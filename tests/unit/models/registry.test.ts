// The registry: versions without weights, a version and its scores in one transaction, typed
// weights, roll back, delete, the customer page's active scores, data stamps.
import { describe, expect, it, vi } from 'vitest';
import { encodeTable } from '../../../src/lib/core/features/table';
import { buildRawTable } from '../../../src/lib/core/features/table';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import { LogisticRegression } from '../../../src/lib/core/models/learners/logistic';
import { packWeights, unpackWeights, type SavedModel } from '../../../src/lib/core/models/model';
import {
  activateVersion,
  activeScoresOf,
  activeVersion,
  dataStamp,
  deleteVersion,
  getVersion,
  listVersions,
  loadModelData,
  saveVersion,
  scoresOf,
  stampChanges,
  type NewVersion
} from '../../../src/lib/core/models/registry';
import type { ScoreRow } from '../../../src/lib/core/models/family';
import { telcoCustomers } from '../features/fixtures';
import { newDb } from '../db/helpers';
import { importInto } from './helpers';

const customers = telcoCustomers();
const labels = labelsFromColumn(customers, 'Churn');
const table = encodeTable(buildRawTable({ customers }, { label: 'Churn' }));

async function fitted(l2: number): Promise<SavedModel> {
  const lr = new LogisticRegression({ l2 });
  await lr.fit({ X: table.X, nCols: table.nCols, y: labels.y });
  return lr.toJSON();
}

const version = (saved: SavedModel, family = 'churn'): NewVersion => ({
  family,
  kind: saved.kind,
  entity: 'customer',
  saved,
  report: { note: 'report' },
  metrics: { auc: 0.8 },
  options: { folds: 5 },
  dataStamp: 'customers:1',
  trainingMs: 10,
  backend: 'plain',
  snapshotDate: 0
});

const scores = (n: number, v = 0.5): ScoreRow[] =>
  table.ids.slice(0, n).map((id, i) => ({
    entityKind: 'customer',
    entityId: id,
    item: '',
    value: v + i / 1000,
    detail: { reasons: [{ text: `reason ${i}` }] }
  }));

describe('model registry', () => {
  it('keeps weights with their dtypes, and reads weights saved before dtypes were kept', () => {
    const packed = packWeights([
      { name: 'a', shape: [3], values: Float64Array.of(1 / 3, 2, 3) },
      { name: 'b', shape: [2], values: Int32Array.of(-7, 9) },
      { name: 'c', shape: [3], values: Uint8Array.of(1, 2, 255) },
      { name: 'd', shape: [1], values: Float32Array.of(0.5) }
    ]);
    const back = unpackWeights(packed);
    expect(back.get('a')!.values).toEqual(Float64Array.of(1 / 3, 2, 3));
    expect(back.get('b')!.values).toEqual(Int32Array.of(-7, 9));
    expect(back.get('c')!.values).toEqual(Uint8Array.of(1, 2, 255));
    expect(back.get('d')!.values).toEqual(Float32Array.of(0.5));
    expect(packed.specs.every((s) => s.offset! % 8 === 0)).toBe(true);
    // v3 layout: float32 arrays end to end, no dtype offsets.
    const legacy = {
      specs: [
        { name: 'x', shape: [2], dtype: 'float32' as const },
        { name: 'y', shape: [1], dtype: 'float32' as const }
      ],
      data: Float32Array.of(1, 2, 3).buffer
    };
    expect(Array.from(unpackWeights(legacy).get('y')!.values)).toEqual([3]);
  });

  it('saves a version with its scores, lists versions without reading weights, rolls back', async () => {
    const db = newDb('registry');
    const s1 = await fitted(1e-3);
    const s2 = await fitted(10);
    const v1 = await saveVersion(db, version(s1), scores(50));
    const v2 = await saveVersion(db, version(s2), scores(40, 0.2));
    expect([v1.id, v2.id]).toEqual(['churn@1', 'churn@2']);
    const read = vi.spyOn(db.modelData, 'get');
    const list = await listVersions(db, 'churn');
    expect(list.map((v) => [v.version, v.active, v.scoreCount])).toEqual([
      [2, true, 40],
      [1, false, 50]
    ]);
    expect(read).not.toHaveBeenCalled();
    expect('saved' in list[0]).toBe(false);
    expect((await activeVersion(db, 'churn'))?.id).toBe('churn@2');
    // Weights come back as saved (float64 coefficients).
    const data = await loadModelData(db, 'churn@1');
    expect(LogisticRegression.fromJSON(data!.saved).coef).toEqual(
      LogisticRegression.fromJSON(s1).coef
    );
    expect(data!.report).toEqual({ note: 'report' });

    await activateVersion(db, 'churn@1');
    expect((await activeVersion(db, 'churn'))?.id).toBe('churn@1');
    await expect(activateVersion(db, 'churn@9')).rejects.toThrow(/no model version/);
    await deleteVersion(db, 'churn@1');
    expect(await getVersion(db, 'churn@1')).toBeUndefined();
    expect(await scoresOf(db, 'churn@1')).toHaveLength(0);
    expect(await loadModelData(db, 'churn@1')).toBeUndefined();
    expect((await activeVersion(db, 'churn'))?.id).toBe('churn@2');
    const v3 = await saveVersion(db, version(s1), scores(3), { activate: false });
    expect(v3.version).toBe(3);
    expect((await activeVersion(db, 'churn'))?.id).toBe('churn@2');
    db.close();
  });

  it('writes a version and its scores in one transaction: a bad score saves neither', async () => {
    const db = newDb('registry-tx');
    const bad = [...scores(5), { entityKind: 'customer', entityId: null, item: '', value: 1 }];
    await expect(
      saveVersion(db, version(await fitted(1)), bad as unknown as ScoreRow[])
    ).rejects.toThrow();
    expect(await db.modelVersions.count()).toBe(0);
    expect(await db.modelData.count()).toBe(0);
    expect(await db.modelScores.count()).toBe(0);
    db.close();
  });

  it("serves each family's active score of a customer", async () => {
    const db = newDb('registry-active');
    const s = await fitted(1);
    await saveVersion(db, version(s), scores(10, 0.3));
    await saveVersion(db, version(s), scores(10, 0.6));
    await saveVersion(db, { ...version(s, 'clv'), kind: 'clv' }, scores(10, 100));
    const id = table.ids[0];
    const got = await activeScoresOf(db, 'customer', id);
    expect(got.get('churn')?.score.modelId).toBe('churn@2');
    expect(got.get('churn')?.score.value).toBeCloseTo(0.6, 6);
    expect(got.get('clv')?.score.value).toBeCloseTo(100, 6);
    await activateVersion(db, 'churn@1');
    expect((await activeScoresOf(db, 'customer', id)).get('churn')?.score.value).toBeCloseTo(0.3);
    expect((await activeScoresOf(db, 'customer', 'nobody')).size).toBe(0);
    db.close();
  });

  it('stamps the imports a model was trained on; an import or an undo changes the stamp', async () => {
    const db = newDb('registry-stamp');
    const orders = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url);
    const customers = new URL('../../fixtures/csv/telco-slice.csv', import.meta.url);
    expect(await dataStamp(db, ['orders'])).toBe('orders:');
    await importInto(db, orders, 'orders');
    const first = await dataStamp(db, ['orders']);
    await importInto(db, customers, 'customers');
    // A customer import does not concern a family that reads only orders.
    expect(await dataStamp(db, ['orders'])).toBe(first);
    const both = await dataStamp(db, ['customers', 'orders']);
    expect(both).not.toBe(first);
    expect(stampChanges(first, first)).toBeNull();
    const changes = stampChanges('orders:1', 'orders:1,3');
    expect(changes).toEqual({ added: [3], removed: [], edited: false });
    expect(stampChanges('orders:1,3|customers:2', 'orders:3|customers:2')).toEqual({
      added: [],
      removed: [1],
      edited: false
    });
    // Merges, fixes and erasures are not batch ids: they say `edited`.
    expect(stampChanges('orders:1', 'orders:1|merges:2')).toEqual({ added: [], removed: [], edited: true }); // prettier-ignore
    expect(stampChanges('orders:1', 'orders:1|erased:1')).toEqual({ added: [], removed: [], edited: true }); // prettier-ignore
    db.close();
  });
});
