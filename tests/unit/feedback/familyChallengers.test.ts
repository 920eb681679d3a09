// Retraining on feedback as a challenger, for the families besides churn, through the handler
// factory's `<family>.challenge` (core/models/challenge.ts) on the sample shop: feedback that
// contradicts the model changes what the challenger learns (the corrected messages are classed
// as corrected, the accepted product is offered to more customers), and that challenger, worse
// on the held-out rows no feedback chose, is saved but not promoted.
import { describe, expect, it } from 'vitest';
import { addFeedback } from '../../../src/lib/core/models/intents/feedback';
import type { IntentDataset } from '../../../src/lib/core/models/intents/dataset';
import { intentRouting } from '../../../src/lib/core/models/intents';
import type { TextClassifier } from '../../../src/lib/core/models/learners/text/classifier';
import { recommendations } from '../../../src/lib/core/models/recommendations/family';
import { recordFeedback } from '../../../src/lib/core/models/recommendations/feedback';
import type { RecommendOptions } from '../../../src/lib/core/models/recommendations/dataset';
import { listVersions, scoresOf } from '../../../src/lib/core/models/registry';
import { familyHandlers } from '../../../src/lib/workers/families';
import type { TaskContext } from '../../../src/lib/workers/protocol';
import { newDb } from '../db/helpers';
import { loadSampleInto, runtimeOf } from '../models/helpers';

const ctx = (): TaskContext => ({ signal: new AbortController().signal, progress: () => {} });
const activeId = async (db: ReturnType<typeof newDb>, family: string) =>
  (await listVersions(db, family)).find((v) => v.active)?.id;

describe('intents challenger', () => {
  it('learns the corrections; worse on uncorrected held-out messages, it is not promoted', async () => {
    const db = newDb('intents-challenger');
    await loadSampleInto(db, 600);
    const { runtime } = runtimeOf(db);
    const h = familyHandlers(intentRouting, () => runtime);
    const first = await h['intents.challenge']({ seed: 3 }, ctx());
    expect(first.championId).toBeNull();
    expect(first.promoted).toBe(true);

    // Contradict the model: 70% of the messages of the two largest intents are "corrected" to
    // the other one of the two.
    const ds = (await runtime.dataset(intentRouting, { seed: 3 })) as IntentDataset;
    const count = ds.classes.map((_, c) => ds.y.filter((y) => y === c).length);
    const [a, b] = ds.classes.map((_, c) => c).sort((x, z) => count[z] - count[x]);
    const byId = new Map((await runtime.inputs()).interactions.map((m) => [m.id, m]));
    const fixed = new Map<string, string>();
    for (const c of [a, b]) {
      const rows = ds.ids.filter((_, i) => ds.y[i] === c);
      for (const id of rows.slice(0, Math.floor(rows.length * 0.7)))
        fixed.set(id, ds.classes[c === a ? b : a]);
    }
    for (const [id, intent] of fixed)
      await addFeedback(db, { customerId: byId.get(id)!.customerId, messageId: id, signal: 'intent', value: intent }); // prettier-ignore

    const worse = await h['intents.challenge'](undefined, ctx());
    expect(worse.feedback).toBe(fixed.size);
    const v = (await listVersions(db, 'intents')).find((x) => x.id === worse.modelId)!;
    expect(Object.keys((v.options as { corrections: object }).corrections)).toHaveLength(fixed.size); // prettier-ignore
    // What it learnt: it classes the corrected messages as corrected, the champion does not.
    const champ = (await runtime.active<TextClassifier>(intentRouting, first.modelId))!.model;
    const chall = (await runtime.active<TextClassifier>(intentRouting, worse.modelId))!.model;
    const agree = (m: TextClassifier) =>
      [...fixed].filter(([id, intent]) => m.classes[m.predict(byId.get(id)!.text).top] === intent).length; // prettier-ignore
    expect(agree(chall)).toBeGreaterThan(fixed.size * 0.6);
    expect(agree(champ)).toBeLessThan(fixed.size * 0.2);
    // Compared on held-out messages no correction touched; worse there, so not promoted.
    const cmp = worse.comparison!;
    expect(cmp.metric).toBe('accuracy');
    expect(cmp.rows).toBeGreaterThanOrEqual(30);
    expect(cmp.challenger).toBeLessThan(cmp.champion - 0.05);
    expect(cmp.promote).toBe(false);
    expect(worse.promoted).toBe(false);
    expect(await activeId(db, 'intents')).toBe(first.modelId);
    db.close();
  }, 240_000);
});

describe('recommendations challenger', () => {
  it('learns the accepted offers; worse on held-out orders, it is not promoted', async () => {
    const db = newDb('recommend-challenger');
    await loadSampleInto(db, 400);
    const { runtime } = runtimeOf(db);
    const h = familyHandlers(recommendations, () => runtime);
    const options: RecommendOptions = { models: ['popular', 'item-knn', 'ease'] };
    const first = await h['recommend.challenge'](options, ctx());
    expect(first.promoted).toBe(true);

    // Contradict the model: 60% of the customers accept the product it offers least and
    // reject their first recommendation.
    const inputs = await runtime.inputs();
    const buyers = new Map<string, number>();
    for (const o of inputs.orders) buyers.set(o.productId, (buyers.get(o.productId) ?? 0) + 1);
    const rare = [...buyers].sort((x, z) => x[1] - z[1])[0][0];
    const top = await scoresOf(db, first.modelId, 'customer-product');
    const offered = (s: typeof top) => new Set(s.filter((r) => r.item === rare).map((r) => r.entityId)).size; // prettier-ignore
    const customers = inputs.customers.map((c) => c.id);
    const told = customers.slice(0, Math.floor(customers.length * 0.6));
    for (const c of told) {
      await recordFeedback(db, { customerId: c, item: rare, signal: 'accepted', modelId: first.modelId }); // prettier-ignore
      const firstRec = top.find((r) => r.entityId === c && r.detail?.rank === 1);
      if (firstRec) await recordFeedback(db, { customerId: c, item: firstRec.item, signal: 'rejected', modelId: first.modelId }); // prettier-ignore
    }

    const worse = await h['recommend.challenge'](undefined, ctx());
    const v = (await listVersions(db, 'recommend')).find((x) => x.id === worse.modelId)!;
    const fb = (v.options as RecommendOptions).feedback!;
    expect(fb.accepted).toHaveLength(told.length);
    // What it learnt: the accepted product is now offered to the customers who did not answer.
    const after = await scoresOf(db, worse.modelId, 'customer-product');
    const rest = new Set(customers.slice(told.length));
    const offeredRest = (s: typeof top) => offered(s.filter((r) => rest.has(r.entityId)));
    expect(offeredRest(after)).toBeGreaterThan(offeredRest(top) + rest.size * 0.3);
    // Compared on the held-out orders of customers who gave no feedback; worse, not promoted.
    const cmp = worse.comparison!;
    expect(cmp.metric).toBe('ndcg@10');
    expect(cmp.rows).toBeGreaterThanOrEqual(30);
    expect(cmp.rows).toBeLessThanOrEqual(rest.size);
    expect(cmp.challenger).toBeLessThan(cmp.champion);
    expect(worse.promoted).toBe(false);
    expect(await activeId(db, 'recommend')).toBe(first.modelId);
    db.close();
  }, 240_000);
});
