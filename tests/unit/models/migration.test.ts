// Schema v3 -> v4: the v3 registry (one record per model with weights and evaluation inside,
// scores keyed by model and customer) becomes versions, model data and entity-keyed scores.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb, SCHEMA_V3 } from '../../../src/lib/core/db';
import { activeScoresOf, listVersions, loadModelData } from '../../../src/lib/core/models/registry';
import { packWeights } from '../../../src/lib/core/models/model';
import { dbName, deps } from '../db/helpers';

describe('schema v4', () => {
  it('migrates v3 models and scores into the new registry', async () => {
    const name = dbName('v3');
    const v3 = new Dexie(name, deps);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const weights = packWeights([{ name: 'w', shape: [2], values: Float32Array.of(1, 2) }]);
    await v3.table('models').bulkPut([
      {
        id: 'churn@1',
        family: 'churn',
        version: 1,
        active: false,
        savedAt: 10,
        model: {
          kind: 'churn-logistic',
          version: 1,
          createdAt: 5,
          params: {},
          metrics: { auc: 0.8 },
          trainingMs: 1,
          backend: 'plain',
          snapshotDate: 3,
          weights
        },
        extra: { chosen: 'logistic' }
      },
      {
        id: 'churn@2',
        family: 'churn',
        version: 2,
        active: true,
        savedAt: 20,
        model: { kind: 'churn-mlp', version: 2, createdAt: 15, params: {}, metrics: { auc: 0.81 }, trainingMs: 1, backend: 'wasm', snapshotDate: 3 } // prettier-ignore
      },
      {
        id: 'clv@1',
        family: 'clv',
        version: 1,
        active: true,
        savedAt: 30,
        model: { kind: 'clv', version: 1, createdAt: 25, params: {}, metrics: {}, trainingMs: 1, backend: 'plain', snapshotDate: 3 } // prettier-ignore
      }
    ]);
    await v3.table('scores').bulkPut([
      { modelId: 'churn@2', customerId: 'c1', kind: 'churn', risk: 0.7, reasons: [{ text: 'x' }] },
      { modelId: 'churn@1', customerId: 'c1', kind: 'churn', risk: 0.2, reasons: [] },
      { modelId: 'clv@1', customerId: 'c1', kind: 'clv', clv: 120, clvLow: 80, clvHigh: 150, pAlive: 0.9 } // prettier-ignore
    ]);
    v3.close();

    const db = openDb(name, deps);
    const churn = await listVersions(db, 'churn');
    expect(churn.map((v) => [v.id, v.active, v.kind, v.scoreCount, v.legacy])).toEqual([
      ['churn@2', true, 'churn-mlp', 1, true],
      ['churn@1', false, 'churn-logistic', 1, true]
    ]);
    const data = await loadModelData(db, 'churn@1');
    expect(new Float32Array(data!.saved.weights!.data)).toEqual(Float32Array.of(1, 2));
    const active = await activeScoresOf(db, 'customer', 'c1');
    expect(active.get('churn')?.score.value).toBeCloseTo(0.7);
    expect(active.get('churn')?.score.detail?.reasons).toEqual([{ text: 'x' }]);
    expect(active.get('clv')?.score.value).toBe(120);
    expect(active.get('clv')?.score.detail).toMatchObject({
      clvLow: 80,
      clvHigh: 150,
      pAlive: 0.9
    });
    expect(db.tables.map((t) => t.name)).not.toContain('models');
    db.close();
  });
});
