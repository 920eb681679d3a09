// FP-Growth and the rules against a brute-force count: every itemset of the items that occur,
// its support counted basket by basket. On random baskets and on real Online Retail invoices,
// and through the CLI on a basket file with trailing runs of empty fields.
import { describe, expect, it } from 'vitest';
import { run as rulesCli } from '../../../src/cli/commands/rules';
import { readBasketLines } from '../../../src/cli/csv';
import { readInputs } from '../../../src/cli/files';
import { indexBaskets, orderBaskets } from '../../../src/lib/core/models/boughtTogether/baskets';
import { fpGrowth } from '../../../src/lib/core/models/boughtTogether/fpGrowth';
import { associationRules, minCountOf } from '../../../src/lib/core/models/boughtTogether/rules';

const BASKETS = new URL('../../fixtures/csv/baskets-trailing.csv', import.meta.url).pathname;
const RETAIL = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url).pathname;

/** Every frequent itemset by enumeration (items with enough support first, then their subsets). */
function bruteForce(baskets: Int32Array[], minCount: number): Map<string, number> {
  const sets = baskets.map((b) => new Set(b));
  const count = (items: number[]) => sets.filter((s) => items.every((i) => s.has(i))).length;
  const singles = [...new Set(baskets.flatMap((b) => [...b]))]
    .sort((a, b) => a - b)
    .filter((i) => count([i]) >= minCount);
  const out = new Map<string, number>();
  // Grow itemsets one item at a time (a superset of an infrequent set is infrequent).
  let level = singles.map((i) => [i]);
  while (level.length) {
    const next: number[][] = [];
    for (const items of level) {
      const c = count(items);
      if (c < minCount) continue;
      out.set(items.join(','), c);
      for (const i of singles) if (i > items[items.length - 1]) next.push([...items, i]);
    }
    level = next;
  }
  return out;
}

/** Rules x → y with confidence >= min, counted from the brute-force itemsets. */
function bruteRules(sets: Map<string, number>, minConfidence: number): number {
  let n = 0;
  for (const [key, c] of sets) {
    const items = key.split(',').map(Number);
    if (items.length < 2) continue;
    for (const y of items) {
      const lhs = items.filter((i) => i !== y).join(',');
      if (c / sets.get(lhs)! >= minConfidence - 1e-9) n++;
    }
  }
  return n;
}

function check(baskets: Int32Array[], minSupport: number, minConfidence: number) {
  const minCount = minCountOf(minSupport, baskets.length);
  const got = fpGrowth(baskets, minCount);
  const want = bruteForce(baskets, minCount);
  expect(new Map(got.map((s) => [s.items.join(','), s.count]))).toEqual(want);
  expect(associationRules(got, baskets.length, minConfidence).rules).toBe(
    bruteRules(want, minConfidence)
  );
  return { itemsets: got.length, want };
}

describe('FP-Growth', () => {
  it('finds exactly the itemsets and rules of a brute-force count on random baskets', () => {
    let s = 7;
    const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const baskets = Array.from({ length: 40 }, () =>
        Int32Array.from([...new Set(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.floor(rand() * 9)))])
      ); // prettier-ignore
      check(baskets, [0.05, 0.1, 0.2][trial % 3], [0, 0.3, 0.6][trial % 3]);
    }
  });

  it('matches the brute force on real invoices (Online Retail sample), itemsets of several sizes', async () => {
    const { inputs } = await readInputs({ orders: RETAIL });
    const b = orderBaskets(inputs.orders);
    expect(b.baskets.length).toBeGreaterThan(50);
    // 63 invoices; at 7% (5 invoices) 149 itemsets of up to 7 products (wholesale invoices
    // repeat whole assortments; at 6% they explode to 65,571).
    const { want } = check(b.baskets, 0.07, 0.2);
    const sizes = [...want.keys()].map((k) => k.split(',').length);
    expect(sizes.reduce((m, x) => Math.max(m, x), 0)).toBeGreaterThanOrEqual(3);
  });

  it('lift, confidence and support of a rule are the textbook ones', () => {
    // 4 baskets: {a,b}, {a,b}, {a}, {c}: a → b has support 2/4, confidence 2/3, lift (2/3)/(2/4).
    const b = indexBaskets([['a', 'b'], ['a', 'b'], ['a'], ['c']]);
    const r = associationRules(fpGrowth(b.baskets, 1), 4, 0).pairs;
    const ab = r.find((x) => b.items[x.lhs[0]] === 'a' && b.items[x.rhs] === 'b')!;
    expect(ab.support).toBe(0.5);
    expect(ab.confidence).toBeCloseTo(2 / 3, 12);
    expect(ab.lift).toBeCloseTo(2 / 3 / 0.5, 12);
  });
});

describe('basket files', () => {
  it('reads trailing runs of empty fields as nothing, skips rows of commas, keeps quoted commas', async () => {
    const lists = await readBasketLines(BASKETS);
    const b = indexBaskets(lists);
    const named = b.baskets.map((x) => [...x].map((i) => b.items[i]).sort());
    expect(named).toEqual([
      ['bread', 'milk'],
      ['bread', 'butter'],
      ['bread', 'butter', 'milk'],
      ['bread', 'jam, strawberry'],
      ['beer'],
      ['bread', 'milk']
    ]);
  });

  it('the rules CLI counts what a brute force counts on that file', async () => {
    const out = (await rulesCli({
      baskets: BASKETS,
      'min-support': '0.3',
      'min-confidence': '0.5'
    })) as {
      transactions: number;
      itemsets: number;
      rules: number;
      top: { lhs: string[]; rhs: string; lift: number }[];
    };
    const b = indexBaskets(await readBasketLines(BASKETS));
    const want = bruteForce(b.baskets, minCountOf(0.3, b.baskets.length));
    expect(out.transactions).toBe(6);
    expect(out.itemsets).toBe(want.size);
    expect(out.rules).toBe(bruteRules(want, 0.5));
    // {milk, bread} is in 3 of 6 baskets: milk → bread holds with confidence 1.
    expect(out.top.some((r) => r.lhs.join() === 'milk' && r.rhs === 'bread')).toBe(true);
  });
});
