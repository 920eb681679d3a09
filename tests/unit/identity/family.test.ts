// The duplicates family on two channels' customer exports imported as the Import page does it:
// suggestions keyed by record pair, the review list, answers, merge and undo through the runtime.
import { describe, expect, it } from 'vitest';
import { listAnswers, mergeCustomers, recordAnswers, undoMerge } from '../../../src/lib/core/db';
import { duplicateCustomers } from '../../../src/lib/core/models/duplicates/family';
import { reviewGroups } from '../../../src/lib/core/models/duplicates/review';
import { dump, newDb } from '../db/helpers';
import { importInto, runtimeOf } from '../models/helpers';

const fx = (f: string) => new URL(`../../fixtures/identity/${f}`, import.meta.url);
// Ground truth (tests/fixtures/identity/SOURCE.txt): S00k = P00k for k = 1..20, S031-33 = P031-33.
const same = (a: string, b: string) => {
  const [x, y] = [a, b].sort();
  const k = Number(x.slice(1));
  return x[0] === 'P' && y[0] === 'S' && k === Number(y.slice(1)) && (k <= 20 || k >= 31);
};

async function twoChannels(tag: string) {
  const db = newDb(tag);
  await importInto(db, fx('shop-customers.csv'), 'customers');
  await importInto(db, fx('pos-customers.csv'), 'customers');
  await importInto(db, fx('orders.csv'), 'orders');
  await importInto(db, fx('interactions.csv'), 'interactions');
  return { db, ...runtimeOf(db) };
}

describe('duplicate customers family', () => {
  it('suggests the people both channels know, with evidence, and nothing else', async () => {
    const { db, runtime } = await twoChannels('dup-family');
    const summary = await runtime.train(duplicateCustomers, {});
    expect(summary.scored).toBeGreaterThan(0);
    const scores = (await runtime.scores(duplicateCustomers, { limit: 1e6 })).rows;
    const inputs = await runtime.inputs();
    const groups = reviewGroups(scores, inputs.customers, await listAnswers(db));
    const suggested = groups.filter((g) => !g.possible);
    const pairs = suggested.flatMap((g) => g.pairs.filter((p) => p.value >= 0.9));
    const right = pairs.filter((p) => same(p.a, p.b)).length;
    expect(right / pairs.length).toBeGreaterThanOrEqual(0.95);
    expect(right).toBeGreaterThanOrEqual(20); // of 23 true pairs
    // The Chinese customers, typed differently in each channel, are found.
    for (const k of ['031', '032', '033'])
      expect(
        pairs.some((p) => [p.a, p.b].sort().join() === `P${k},S${k}`),
        k
      ).toBe(true);
    const g = suggested.find((x) => x.members.some((m) => m.id === 'S031'))!;
    expect(g.pairs[0].evidence.find((e) => e[0] === 'email')?.[1]).toBe('exact');
    expect(g.members.map((m) => m.name)).toContain('王小明');
  });

  it('"not the same person" is never asked again, and the next training learns from it', async () => {
    const { db, runtime, changed } = await twoChannels('dup-answers');
    await runtime.train(duplicateCustomers, {});
    await recordAnswers(db, [{ a: 'S002', b: 'P002', same: false }]);
    const answers = (await listAnswers(db)).map(({ a, b, same }) => ({ a, b, same }));
    changed();
    await runtime.train(duplicateCustomers, { answers });
    const scores = (await runtime.scores(duplicateCustomers, { limit: 1e6 })).rows;
    const groups = reviewGroups(scores, (await runtime.inputs()).customers, await listAnswers(db));
    for (const g of groups) for (const p of g.pairs) expect([p.a, p.b].sort().join()).not.toBe('P002,S002'); // prettier-ignore
    // The stored pair score itself says "not a match" (the answer fixed it).
    const s = scores.find((x) => [x.entityId, x.item].sort().join() === 'P002,S002');
    expect(s).toBeUndefined();
  });

  it('merging a suggestion, then undoing it, leaves the database as it was', async () => {
    const { db, runtime, changed } = await twoChannels('dup-merge');
    await runtime.train(duplicateCustomers, {});
    const before = await dump(db, ['merges']);
    const m = await mergeCustomers(db, { ids: ['S031', 'P031'], rule: 'complete' });
    changed();
    const inputs = await runtime.inputs();
    expect(inputs.customers.find((c) => c.id === 'P031' || c.id === 'S031')).toBeDefined();
    expect(inputs.customers.filter((c) => c.id === 'P031' || c.id === 'S031')).toHaveLength(1);
    expect(inputs.orders.filter((o) => o.customerId === m.golden).length).toBeGreaterThan(0);
    // The merged pair disappears from the review list (one of its records no longer exists).
    const scores = (await runtime.scores(duplicateCustomers, { limit: 1e6 })).rows;
    expect(scores.some((s) => [s.entityId, s.item].includes('P031') && [s.entityId, s.item].includes('S031'))).toBe(false); // prettier-ignore
    await undoMerge(db, m.id);
    expect(await dump(db, ['merges'])).toEqual(before);
  });
});

describe('the CLI and the app agree', () => {
  it('rapport dedupe on the two exports finds the same pairs as the family on the imported data', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { run } = await import('../../../src/cli/commands/dedupe');
    const shop = readFileSync(fx('shop-customers.csv'), 'utf8').trimEnd().split('\n');
    const pos = readFileSync(fx('pos-customers.csv'), 'utf8').trimEnd().split('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-dedupe-')), 'both.csv');
    writeFileSync(file, [...shop, ...pos.slice(1)].join('\n') + '\n');
    const cli = (await run({ records: file })) as { pairs: { a: string; b: string; probability: number }[] }; // prettier-ignore
    const { runtime } = await twoChannels('dup-parity');
    await runtime.train(duplicateCustomers, {});
    const app = (await runtime.scores(duplicateCustomers, { limit: 1e6 })).rows.filter((s) => s.value >= 0.9); // prettier-ignore
    const key = (a: string, b: string) => [a, b].sort().join();
    expect(new Set(app.map((s) => key(s.entityId, s.item)))).toEqual(new Set(cli.pairs.map((p) => key(p.a, p.b)))); // prettier-ignore
  });
});

describe('what an import matched', () => {
  it('names the customers the newest import of a file wrote', async () => {
    const { importedCustomerIds } = await import('../../../src/lib/core/db');
    const { db } = await twoChannels('dup-import-ids');
    const ids = await importedCustomerIds(db, 'pos-customers.csv');
    expect(ids).toHaveLength(33);
    expect(ids.every((id) => id.startsWith('P'))).toBe(true);
    expect(await importedCustomerIds(db, 'nothing.csv')).toEqual([]);
  });
});
