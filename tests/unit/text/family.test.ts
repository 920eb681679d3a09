// Intent routing and sentiment on the shared model contract, on the sample shop's English and
// Chinese support messages: train through the runtime, score every message, suggest replies,
// store a correction and use it at the next training.
import { describe, expect, it } from 'vitest';
import { intentRouting } from '../../../src/lib/core/models/intents';
import { sentimentModel } from '../../../src/lib/core/models/sentiment';
import { familyHandlers } from '../../../src/lib/workers/families';
import { newDb } from '../db/helpers';
import { loadSampleInto, runtimeOf } from '../models/helpers';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('intent routing and sentiment families', () => {
  it('train, score, suggest replies and learn from a correction', async () => {
    const db = newDb('intents-family');
    const { runtime, changed } = runtimeOf(db);
    await loadSampleInto(db, 400);
    changed();
    const h = familyHandlers(intentRouting, () => runtime);
    const seen: unknown[] = [];
    const opts = { bag: { epochs: 5 } };
    const trained = await h['intents.train'](opts, { ...ctx(), progress: (p) => seen.push(p) });
    expect(trained.metrics.accuracy).toBeGreaterThan(0.8);
    expect(seen.some((p) => (p as { data?: { type?: string } }).data?.type === 'epoch')).toBe(true);
    const inbox = await h['intents.inbox']({ limit: 5 }, ctx());
    expect(inbox.total).toBe(trained.scored);
    expect(inbox.rows[0].intent).toBeTruthy();
    expect(inbox.queues.reduce((a, q) => a + q.count, 0)).toBe(inbox.total);
    const msg = inbox.rows[0];
    const replies = await h['intents.suggest']({ id: msg.id }, ctx());
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThanOrEqual(3);
    expect(replies[0].score).toBeGreaterThan(0);
    // A FAQ answer that matches the message word for word comes first.
    await h['intents.saveFaq'](
      { entries: [{ question: msg.text, answer: 'From the FAQ' }] },
      ctx()
    );
    expect((await h['intents.suggest']({ id: msg.id }, ctx()))[0].answer).toBe('From the FAQ');

    await h['intents.correct']({ id: msg.id, intent: 'praise' }, ctx());
    expect(await h['intents.corrections'](undefined, ctx())).toEqual({ [msg.id]: 'praise' });
    const again = await h['intents.retrain'](opts, ctx());
    const res = await h['intents.results']({ modelId: again.modelId }, ctx());
    expect(res?.view?.rows.corrected).toBe(1);

    // No sentiment labels in the sample shop (its labels are intents): the lexicon baseline.
    const s = await runtime.train(sentimentModel, {});
    expect(s.kind).toBe('sentiment-lexicon');
    const scores = await runtime.scores(sentimentModel, { limit: 1e9 });
    expect(scores.total).toBe(trained.scored);
    const complaint = inbox.rows.find((r) => r.label === 'complaint');
    if (complaint) expect((await runtime.activeScoreMap('sentiment')).get(complaint.id)!.value).toBeLessThanOrEqual(0); // prettier-ignore
  }, 120_000);
});
