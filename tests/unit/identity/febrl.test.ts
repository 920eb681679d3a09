// Identity resolution on slices of FEBRL (tests/fixtures/febrl): ground truth rec-N-org and
// rec-N-dup-K are the same person. The threshold is the default (0.9); nothing is tuned here.
import { describe, expect, it } from 'vitest';
import { run as dedupeCli, readTable } from '../../../src/cli/commands/dedupe';
import { evaluateResolution } from '../../../src/lib/core/clean/identity/evaluate';
import { candidatePairs, BLOCKING_RULES } from '../../../src/lib/core/clean/identity/blocking';
import { resolveIdentities } from '../../../src/lib/core/clean/identity/resolve';
import { recordsFromTable } from '../../../src/lib/core/clean/identity/table';

const dir = new URL('../../fixtures/febrl/', import.meta.url).pathname;
const opts = { truthColumn: 'rec_id', truthPattern: /rec-(\d+)/ };

function load(...files: string[]) {
  const parts = files.map((f, source) => recordsFromTable(readTable(dir + f), { ...opts, source }));
  return { records: parts.flatMap((p) => p.records), truth: parts.flatMap((p) => p.truth!) };
}

describe('FEBRL link (dataset4a/4b slices)', () => {
  it('links the two sources with pairwise precision and recall of at least 0.99', async () => {
    const { records, truth } = load('link-a.csv', 'link-b.csv');
    const res = await resolveIdentities(records, { link: true });
    const q = evaluateResolution(res, records, truth, true);
    expect(q.pairwise.truePairs).toBe(600);
    expect(q.blockingRecall).toBeGreaterThanOrEqual(0.99);
    expect(q.pairwise.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.pairwise.recall).toBeGreaterThanOrEqual(0.99);
    // Link mode compares across sources only.
    for (let p = 0; p < res.left.length; p++)
      expect(records[res.left[p]].source).not.toBe(records[res.right[p]].source);
  });

  it('one blocking rule alone loses true pairs that the union keeps', () => {
    const { records, truth } = load('link-a.csv', 'link-b.csv');
    const recall = (rules = BLOCKING_RULES) => {
      const c = candidatePairs(records, { link: true, rules });
      let hit = 0;
      for (let p = 0; p < c.left.length; p++) if (truth[c.left[p]] === truth[c.right[p]]) hit++;
      return hit / 600;
    };
    const single = recall(BLOCKING_RULES.filter((r) => r.name === 'givenSurname'));
    expect(single).toBeLessThan(0.9);
    expect(recall()).toBeGreaterThan(single);
  });
});

describe('FEBRL deduplication (dataset3 slice)', () => {
  it('finds the duplicates with pairwise F1 of at least 0.95', async () => {
    const { records, truth } = load('dedupe.csv');
    const res = await resolveIdentities(records);
    const q = evaluateResolution(res, records, truth);
    expect(q.entities).toBe(400);
    expect(q.pairwise.f1).toBeGreaterThanOrEqual(0.95);
    expect(q.clusterAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(res.converged).toBe(true);
  });

  it('"not the same person" answers split a cluster and are never suggested again', async () => {
    const { records } = load('dedupe.csv');
    const first = await resolveIdentities(records);
    const p = first.matched[0];
    const a = records[first.left[p]].id;
    const b = records[first.right[p]].id;
    const again = await resolveIdentities(records, { answers: [{ a, b, same: false }] });
    const i = first.left[p];
    const j = first.right[p];
    expect(again.root[i]).not.toBe(again.root[j]);
    for (const q of again.matched)
      expect(new Set([again.left[q], again.right[q]])).not.toEqual(new Set([i, j]));
  });

  it('the CLI prints the JSON the issue names, from the same code', async () => {
    const out = (await dedupeCli({ records: dir + 'dedupe.csv', truth: 'rec_id', 'truth-pattern': 'rec-(\\d+)' })) as Record<string, unknown>; // prettier-ignore
    for (const k of ['records', 'candidatePairs', 'pairs', 'clusters', 'pairwise', 'ms'])
      expect(out).toHaveProperty(k);
    expect(Object.keys(out.pairwise as object).sort()).toEqual(['f1', 'precision', 'recall']);
    const { records, truth } = load('dedupe.csv');
    const q = evaluateResolution(await resolveIdentities(records), records, truth);
    expect((out.pairwise as { f1: number }).f1).toBeCloseTo(q.pairwise.f1, 4);
    expect(out.records).toBe(records.length);
  });

  it('a truth value the pattern cannot read is named by file, row and column', () => {
    expect(() =>
      recordsFromTable(
        {
          name: 'x.csv',
          header: ['rec_id', 'given_name'],
          rows: [
            ['rec-1-org', 'a'],
            ['oops', 'b']
          ]
        },
        opts
      )
    ).toThrow(/x\.csv: row 3, column rec_id: "oops"/);
  });
});

describe('merged records still teach the model', () => {
  it('groups confirmed as one person (no longer in the data) pull m towards how they compare', async () => {
    const { records, truth } = load('dedupe.csv');
    // Take 60 people with duplicates out of the data as confirmed (merged) groups.
    const byEntity = new Map<string, number[]>();
    truth.forEach((e, i) => byEntity.set(e, [...(byEntity.get(e) ?? []), i]));
    const taken = [...byEntity.values()].filter((g) => g.length > 1).slice(0, 60);
    const out = new Set(taken.flat());
    const kept = records.filter((_, i) => !out.has(i));
    const examples = taken.map((g) => g.map((i) => records[i]));
    const plain = await resolveIdentities(kept);
    const taught = await resolveIdentities(kept, { examples });
    expect(taught.fields).toEqual(plain.fields);
    // Empirical level shares of the example pairs, per field: the taught m is closer to them.
    const { compareRecords, FIELD_INDEX } =
      await import('../../../src/lib/core/clean/identity/fields');
    const fields = plain.fields.map((f) => FIELD_INDEX[f]);
    const v = new Uint8Array(fields.length);
    const counts = plain.levels.map((L) => new Array<number>(L).fill(0));
    for (const g of examples)
      for (let i = 0; i < g.length; i++)
        for (let j = i + 1; j < g.length; j++) {
          compareRecords(g[i], g[j], fields, v);
          v.forEach((l, k) => l !== 255 && counts[k][l]++);
        }
    const dist = (m: number[][]) =>
      counts.reduce((s, row, k) => {
        const n = row.reduce((a, b) => a + b, 0) || 1;
        return s + row.reduce((t, c, l) => t + Math.abs(c / n - m[k][l]), 0);
      }, 0);
    expect(dist(taught.params.m)).toBeLessThan(dist(plain.params.m));
  });
});
