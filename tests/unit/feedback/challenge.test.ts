// Retraining churn as a challenger on the Telco slice: a deliberately worse challenger (its
// strongest columns removed) and an identical one are saved but never made active; a clearly
// better one replaces a weak champion. The comparison is on the same held-out rows.
import { describe, expect, it } from 'vitest';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { challenge } from '../../../src/lib/core/models/challenge';
import type { ChurnOptions } from '../../../src/lib/core/models/churn/dataset';
import { listVersions } from '../../../src/lib/core/models/registry';
import { newDb } from '../db/helpers';
import { importInto, runtimeOf } from '../models/helpers';

const TELCO = new URL('../../fixtures/telco/telco-head-1200.csv', import.meta.url).pathname;
const BASE: ChurnOptions = { folds: 3, learners: ['logistic'], seed: 5 };
// Without contract, tenure, charges and the service columns: little signal left.
const WEAK: ChurnOptions = {
  ...BASE,
  exclude: [
    'Contract', 'tenure', 'MonthlyCharges', 'TotalCharges', 'InternetService', 'OnlineSecurity',
    'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies',
    'PaymentMethod', 'PaperlessBilling', 'MultipleLines', 'SeniorCitizen', 'Dependents', 'Partner'
  ] // prettier-ignore
};

describe('churn challenger', () => {
  it('never promotes a worse or equal challenger; promotes a better one', async () => {
    const db = newDb('challenge');
    await importInto(db, TELCO, 'customers');
    const { runtime } = runtimeOf(db);
    const active = async () => (await listVersions(db, 'churn')).find((v) => v.active)!.id;

    // No champion yet: the first model is promoted.
    const first = await challenge(runtime, churnRisk, BASE);
    expect(first.promoted).toBe(true);
    expect(first.championId).toBeNull();
    expect(await active()).toBe('churn@1');

    // Deliberately worse: saved, compared on the same rows, not made active.
    const worse = await challenge(runtime, churnRisk, WEAK);
    expect(worse.championId).toBe('churn@1');
    expect(worse.comparison!.challenger).toBeLessThan(worse.comparison!.champion - 0.1);
    expect(worse.comparison!.reason).toBe('not-better');
    expect(worse.promoted).toBe(false);
    expect(await active()).toBe('churn@1');
    expect((await listVersions(db, 'churn')).map((v) => v.id)).toContain('churn@2');

    // The same model again is not better.
    const same = await challenge(runtime, churnRisk, BASE);
    expect(same.promoted).toBe(false);
    expect(await active()).toBe('churn@1');

    // A weak champion is replaced by a clearly better challenger.
    await runtime.activate(churnRisk, 'churn@2');
    const better = await challenge(runtime, churnRisk, BASE);
    expect(better.comparison!.difference).toBeGreaterThan(0.1);
    expect(better.comparison!.lowerBound).toBeGreaterThan(0);
    expect(better.promoted).toBe(true);
    expect(await active()).toBe(better.modelId);
    db.close();
  }, 180_000);
});
