// Empty states that say what is true: a Telco customer file alone gives Lifetime value and
// Segments nothing to work on, and the page says so, naming what is there.
import { describe, expect, it } from 'vitest';
import { customerCount, orderCount } from '../../../src/lib/core/db';
import { TELCO } from '../generative/helpers';
import { newDb } from '../db/helpers';
import { importInto, loadSampleInto } from '../models/helpers';
import { needsFor, type Counts } from '../../../src/lib/ui/needs';
import { translate } from '../../../src/lib/i18n/translate';
import type { RapportDb } from '../../../src/lib/core/db';

async function countsOf(db: RapportDb): Promise<Counts> {
  return {
    customers: await customerCount(db),
    orderLines: await orderCount(db),
    products: await db.products.count(),
    interactions: await db.interactions.count(),
    relationships: await db.relationships.count()
  };
}

describe('what a page needs', () => {
  it('nothing imported: empty', () => {
    const zero = { customers: 0, orderLines: 0, products: 0, interactions: 0, relationships: 0 };
    expect(needsFor('clv', zero)).toEqual({ kind: 'empty' });
  });

  it('only a Telco customer file: lifetime value and segments miss orders, naming the customers', async () => {
    const db = newDb('needs-telco');
    const stored = await importInto(db, TELCO, 'customers');
    const counts = await countsOf(db);
    expect(stored).toBeGreaterThan(1000);
    for (const page of ['clv', 'segments'] as const)
      expect(needsFor(page, counts)).toEqual({
        kind: 'missing',
        missing: ['orderLines'],
        have: { customers: stored }
      });
    expect(translate('en', 'everyday.needs.kind.customers', { n: '1,199' })).toBe(
      '1,199 customers'
    );
    expect(translate('en', 'everyday.needs.kind.customers', { n: 1 })).toBe('1 customer');
    db.close();
  });

  it('the sample shop has what both pages need', async () => {
    const db = newDb('needs-sample');
    await loadSampleInto(db, 300);
    const counts = await countsOf(db);
    expect(needsFor('clv', counts)).toEqual({ kind: 'ready' });
    expect(needsFor('segments', counts)).toEqual({ kind: 'ready' });
    db.close();
  });
});
