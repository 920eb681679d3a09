// Sentiment: the lexicon baseline in English and Chinese, a model trained on real ChnSentiCorp
// reviews, and the per-customer trend that can become a churn feature.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunked } from '../../../src/lib/core/ingest/streams';
import {
  lexiconSentiment,
  sentimentFitOptions,
  sentimentModel,
  sentimentTrend,
  type SentimentOptions
} from '../../../src/lib/core/models/sentiment';
import { labelledRows, readTextTable } from '../../../src/lib/core/text/table';
import { inputsOf } from '../models/helpers';
import { run as textCommand } from '../../../src/cli/commands/text';

describe('sentiment', () => {
  it('scores English and Chinese opinion words, with negation', () => {
    expect(lexiconSentiment('Great service, thank you!').score).toBeGreaterThan(0);
    expect(lexiconSentiment('The parcel arrived broken and late').score).toBeLessThan(0);
    expect(lexiconSentiment('not good at all').score).toBeLessThan(0);
    expect(lexiconSentiment('房间很干净，服务热情').score).toBeGreaterThan(0);
    expect(lexiconSentiment('房间不干净，很失望').score).toBeLessThan(0);
    expect(lexiconSentiment('order 123').score).toBe(0);
  });

  it('learns ChnSentiCorp sentiment from labelled reviews', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/text/chnsenticorp-300.csv', import.meta.url))); // prettier-ignore
    const l = labelledRows(await readTextTable(chunked(bytes), { header: false }), 1, 0);
    const interactions = l.texts.map((text, i) => ({ id: `r${i}`, customerId: '', ts: 0, channel: 'web', kind: 'review', text, label: l.labels[i], batchId: 0 })); // prettier-ignore
    const ds = sentimentModel.dataset(inputsOf({ interactions }), { bag: { epochs: 10 } });
    expect(ds.classes).toEqual(['negative', 'positive']);
    const out = await sentimentModel.train(ds, {});
    expect(out.report.mode).toBe('trained');
    if (out.report.mode !== 'trained') return;
    const test = out.report.test;
    // 60 held-out reviews: a trained model well above chance (half are positive).
    expect(test.rows).toBe(60);
    expect(test.accuracy).toBeGreaterThan(0.75);
    // Sentiment trains the linear SVM alone (SENTIMENT_MODELS), the bag only when asked.
    if (out.model.mode !== 'trained') return;
    expect(out.model.clf.linear).not.toBeNull();
    expect(out.model.clf.neural).toBeNull();
    expect(out.model.clf.combination.kind).toBe('linear');
  }, 180_000);

  it('fits sentiment with the linear model unless the caller names the models', () => {
    const none: SentimentOptions = {};
    expect(sentimentFitOptions(none).models).toEqual(['linear']);
    expect(sentimentFitOptions({ models: [] }).models).toEqual(['linear']);
    expect(sentimentFitOptions({ models: ['linear', 'neural'] }).models).toEqual(['linear', 'neural']); // prettier-ignore
    expect(sentimentFitOptions({ vectoriser: { hanMax: 3 } }).vectoriser).toMatchObject({ hanMax: 3, negationScope: 3 }); // prettier-ignore
  });

  it('gives each customer mean, last and slope of sentiment before the cutoff', () => {
    const day = 86_400_000;
    const msgs = [
      { id: 'a', customerId: 'c1', ts: 0 },
      { id: 'b', customerId: 'c1', ts: 30 * day },
      { id: 'c', customerId: 'c1', ts: 60 * day },
      { id: 'd', customerId: 'c2', ts: 10 * day }
    ];
    const scores = new Map([['a', 1], ['b', 0], ['c', -1], ['d', 0.5]]); // prettier-ignore
    const t = sentimentTrend(msgs, scores, 61 * day);
    expect(t.get('c1')).toEqual({ messages: 3, mean: 0, last: -1, slopePer30Days: -1 });
    expect(t.get('c2')?.slopePer30Days).toBe(0);
    expect(sentimentTrend(msgs, scores, 31 * day).get('c1')?.messages).toBe(2);
  });
});

describe('text command task', () => {
  const fixture = new URL('../../fixtures/text/chnsenticorp-300.csv', import.meta.url).pathname;
  it('trains sentiment when every label is a sentiment label, intent when told', async () => {
    const args = { train: fixture, folds: '2', 'text-col': '2', 'label-col': '1', 'no-header': true, models: 'linear' }; // prettier-ignore
    const auto = (await textCommand(args)) as { task: string; models: { linear: unknown } };
    expect(auto.task).toBe('sentiment');
    expect(auto.models.linear).toBeDefined();
    // Without --models, sentiment trains the linear SVM alone; per-fold accuracies are printed.
    const { models: _m, ...plain } = args;
    const linear = (await textCommand(plain)) as { models: Record<string, { accuracyByRun: number[] }>; best: string }; // prettier-ignore
    expect(Object.keys(linear.models)).toEqual(['linear']);
    expect(linear.models.linear.accuracyByRun).toHaveLength(2);
    expect(linear.best).toBe('linear,linear');
    expect(((await textCommand({ ...args, task: 'intent' })) as { task: string }).task).toBe('intent'); // prettier-ignore
    await expect(textCommand({ ...args, task: 'topic' })).rejects.toThrow(/--task/);
  }, 60_000);
});
