import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src/lib/core/db';
import { labelsFromColumn } from '../../../src/lib/core/features/labels';
import { buildFeatureTable, rawRecord } from '../../../src/lib/core/features/table';
import { ChurnModel } from '../../../src/lib/core/models/churn/churnModel';
import { LogisticRegression } from '../../../src/lib/core/models/churn/logistic';
import {
  activateModel,
  activeModel,
  activeScore,
  deleteModel,
  getModel,
  listModels,
  saveModel,
  saveScores,
  scoresOf,
  type ChurnScore
} from '../../../src/lib/core/models/registry';
import { telcoCustomers } from '../features/fixtures';

let seq = 0;
const newDb = () => openDb(`rapport-registry-${process.pid}-${++seq}`, { indexedDB, IDBKeyRange });

const customers = telcoCustomers();
const labels = labelsFromColumn(customers, 'Churn');
const table = buildFeatureTable({ customers }, { label: 'Churn' });

async function trained(l2: number): Promise<ChurnModel> {
  const lr = new LogisticRegression({ l2 });
  await lr.fit({ X: table.X, nCols: table.nCols, y: labels.y });
  return new ChurnModel(lr, table.encoder, ChurnModel.metaOf(table.raw));
}

function scores(model: ChurnModel, n: number): ChurnScore[] {
  const risk = model.scoreTable(table.raw);
  return table.ids.slice(0, n).map((id, i) => ({
    modelId: '',
    customerId: id,
    kind: 'churn',
    risk: risk[i],
    reasons: model.explain(rawRecord(table.raw, i), 3).map((r) => ({
      text: r.text,
      direction: r.direction === 'raises' ? 'up' : 'down',
      weight: Math.abs(r.effect)
    }))
  }));
}

describe('model registry on Telco churn models', () => {
  it('numbers versions, keeps one active, rolls back and deletes', async () => {
    const db = newDb();
    const m1 = await trained(1e-3);
    const m2 = await trained(10);
    const r1 = await saveModel(db, m1.toJSON({ createdAt: 1, snapshotDate: 5 }));
    const r2 = await saveModel(db, m2.toJSON({ createdAt: 2, snapshotDate: 5 }));
    expect([r1.id, r2.id]).toEqual(['churn@1', 'churn@2']);
    expect((await listModels(db, 'churn')).map((r) => [r.version, r.active])).toEqual([
      [2, true],
      [1, false]
    ]);
    expect(await listModels(db, 'clv')).toEqual([]);

    // The stored weights restore a model that scores exactly like the trained one.
    const back = ChurnModel.fromJSON((await activeModel(db, 'churn'))!.model);
    const x = table.raw;
    const want = m2.scoreTable(x);
    back
      .scoreTable(x)
      .subarray(0, 20)
      .forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));

    await activateModel(db, 'churn@1');
    const act = await activeModel(db, 'churn');
    expect(act?.id).toBe('churn@1');
    expect((await listModels(db, 'churn')).filter((r) => r.active)).toHaveLength(1);
    const rolled = ChurnModel.fromJSON(act!.model);
    expect(rolled.scoreTable(x)[0]).toBeCloseTo(m1.scoreTable(x)[0], 6);
    expect(m1.scoreTable(x)[0]).not.toBeCloseTo(m2.scoreTable(x)[0], 3);

    await expect(activateModel(db, 'churn@9')).rejects.toThrow(/no model/);
    await deleteModel(db, 'churn@1');
    expect(await getModel(db, 'churn@1')).toBeUndefined();
    // Deleting the active version hands "active" to the newest remaining one.
    expect((await activeModel(db, 'churn'))?.id).toBe('churn@2');
    const r3 = await saveModel(db, m1.toJSON(), { activate: false });
    expect(r3.version).toBe(3);
    expect((await activeModel(db, 'churn'))?.id).toBe('churn@2');
    db.close();
  });

  it('stores scores with reasons per version and serves the active one per customer', async () => {
    const db = newDb();
    const m1 = await trained(1e-3);
    const m2 = await trained(10);
    const a = await saveModel(db, m1.toJSON());
    await saveScores(db, a.id, scores(m1, 50));
    const b = await saveModel(db, m2.toJSON());
    await saveScores(db, b.id, scores(m2, 40));
    expect(await scoresOf(db, a.id)).toHaveLength(50);
    expect(await scoresOf(db, b.id)).toHaveLength(40);

    const id = table.ids[0];
    const s = await activeScore(db, id, 'churn');
    expect(s?.modelId).toBe(b.id);
    expect(s?.risk).toBeCloseTo(m2.scoreTable(table.raw)[0], 6);
    // Telco's first customer: month-to-month, 1 month of tenure; reasons say so in words.
    expect(s?.reasons.length).toBeGreaterThan(0);
    expect(s?.reasons.some((r) => r.direction === 'up')).toBe(true);
    expect(s?.reasons.map((r) => r.text).join(' ')).toMatch(/month|tenure/i);

    await activateModel(db, a.id);
    expect((await activeScore(db, id, 'churn'))?.modelId).toBe(a.id);
    // Re-saving replaces a version's scores; deleting a version deletes them.
    await saveScores(db, a.id, scores(m1, 10));
    expect(await scoresOf(db, a.id)).toHaveLength(10);
    await deleteModel(db, a.id);
    expect(await scoresOf(db, a.id)).toHaveLength(0);
    expect(await scoresOf(db, b.id)).toHaveLength(40);
    expect(await activeScore(db, id, 'clv')).toBeUndefined();
    db.close();
  });
});
