// The recommendations and bought-together families through the model runtime and the handler
// factory, on the sample shop in fake-indexeddb as the app stores it: stored top lists with
// faithful reasons, live lists with filters, feedback that the next training uses, cold starts,
// the product pages, and the CLI giving the app's figures on the same file.
import { beforeAll, describe, expect, it } from 'vitest';
import { run as recommendCli } from '../../../src/cli/commands/recommend';
import { boughtTogether } from '../../../src/lib/core/models/boughtTogether/family';
import { recommendations } from '../../../src/lib/core/models/recommendations/family';
import type { RecommendReport } from '../../../src/lib/core/models/recommendations/train';
import type { Reason } from '../../../src/lib/core/models/recommendations/model';
import { familyHandlers } from '../../../src/lib/workers/families';
import type { TaskContext } from '../../../src/lib/workers/protocol';
import { newDb } from '../db/helpers';
import { importInto, loadSampleInto, runtimeOf } from '../models/helpers';

const RETAIL = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url).pathname;
const FAST = { models: ['popular', 'item-knn', 'ease'] as const };

const ctx = (): TaskContext => ({ signal: new AbortController().signal, progress: () => {} });

describe('recommendations on the sample shop', () => {
  const db = newDb('recommend');
  const { runtime, changed } = runtimeOf(db);
  const h = familyHandlers(recommendations, () => runtime);

  beforeAll(async () => {
    await loadSampleInto(db, 400);
    changed();
  });

  it('trains, stores each customer’s top 20 with reasons that name a product they bought', async () => {
    const summary = await h['recommend.fit']({ ...FAST, models: [...FAST.models] }, ctx());
    expect(summary.kind).toMatch(/^recommend-/);
    const res = await h['recommend.results'](undefined, ctx());
    const report = res!.view as RecommendReport;
    expect(report.models.map((m) => m.kind)).toEqual(['popular', 'item-knn', 'ease']);
    // The personalised models beat popularity on held-out purchases of this shop.
    const ndcg = Object.fromEntries(report.models.map((m) => [m.kind, m.test.ndcg]));
    expect(ndcg.ease).toBeGreaterThan(ndcg.popular);
    const inputs = await runtime.inputs();
    const bought = new Map<string, Set<string>>();
    for (const o of inputs.orders)
      if (!o.cancelled && o.quantity > 0)
        bought.set(o.customerId, (bought.get(o.customerId) ?? new Set()).add(o.productId));
    const page = await h['recommend.scores']({ limit: 1e9 }, ctx());
    const perCustomer = new Map<string, number>();
    for (const s of page.rows) {
      perCustomer.set(s.entityId, (perCustomer.get(s.entityId) ?? 0) + 1);
      expect(bought.get(s.entityId)?.has(s.item) ?? false).toBe(false);
      const reason = s.detail?.reason as Reason;
      if (reason.kind === 'also') expect(bought.get(s.entityId)!.has(reason.because)).toBe(true);
    }
    expect(Math.max(...perCustomer.values())).toBe(20);
    expect(perCustomer.size).toBe(inputs.customers.length);
  });

  it('lists live recommendations with names, filters by category, and allows repurchase on request', async () => {
    const list = await h['recommend.list']({ limit: 3 }, ctx());
    expect(list.rows).toHaveLength(3);
    expect(list.total).toBeGreaterThan(300);
    const first = list.rows[0];
    expect(first.items).toHaveLength(10);
    expect(first.items.every((i) => i.name)).toBe(true);
    const cat = list.categories[0];
    const only = await h['recommend.list']({ customerId: first.customerId, category: cat }, ctx());
    expect(only.rows[0].items.length).toBeGreaterThan(0);
    expect(only.rows[0].items.every((i) => i.category === cat)).toBe(true);
    const again = await h['recommend.list'](
      { customerId: first.customerId, repurchase: true },
      ctx()
    );
    const inputs = await runtime.inputs();
    const mine = new Set(inputs.orders.filter((o) => o.customerId === first.customerId).map((o) => o.productId)); // prettier-ignore
    expect(first.items.some((i) => mine.has(i.productId))).toBe(false);
    expect(again.rows[0].items.some((i) => mine.has(i.productId))).toBe(true);
  });

  it('offers a customer with no purchases what sells in their city', async () => {
    const inputs = await runtime.inputs();
    const buyers = new Set(inputs.orders.map((o) => o.customerId));
    const newcomer = inputs.customers.find((c) => !buyers.has(c.id) && c.city);
    expect(newcomer).toBeDefined();
    const list = await h['recommend.list']({ customerId: newcomer!.id }, ctx());
    expect(list.rows[0].items[0].reason).toEqual({ kind: 'place', place: newcomer!.city });
  });

  it('records feedback, reports acceptance per version, and the next training learns from it', async () => {
    const list = await h['recommend.list']({ limit: 1 }, ctx());
    const c = list.rows[0];
    const [top, second] = c.items;
    const modelId = list.modelId!;
    await h['recommend.feedback']({ customerId: c.customerId, productId: top.productId, signal: 'offered', modelId }, ctx()); // prettier-ignore
    await h['recommend.feedback']({ customerId: c.customerId, productId: top.productId, signal: 'rejected', modelId }, ctx()); // prettier-ignore
    await h['recommend.feedback']({ customerId: c.customerId, productId: second.productId, signal: 'accepted', modelId }, ctx()); // prettier-ignore
    const acc = await h['recommend.acceptance'](undefined, ctx());
    expect(acc[0]).toMatchObject({ modelId, offered: 2, accepted: 1, rejected: 1, rate: 0.5 });
    expect(await db.feedback.count()).toBe(3);

    await h['recommend.fit']({ models: [...FAST.models] }, ctx());
    const report = (await h['recommend.results'](undefined, ctx()))!.view as RecommendReport;
    expect(report.feedback).toEqual({ accepted: 1, rejected: 1 });
    const after = await h['recommend.list']({ customerId: c.customerId, n: 20 }, ctx());
    const ids = after.rows[0].items.map((i) => i.productId);
    // Rejected: no longer first (offered after everything else); accepted: now a purchase.
    expect(ids[0]).not.toBe(top.productId);
    expect(ids).not.toContain(second.productId);
    const stored = await h['recommend.stored']({ customerId: c.customerId }, ctx());
    expect(stored.items[0].productId).not.toBe(top.productId);
  });

  it('exports the list as CSV with names, e-mails and worded reasons', async () => {
    const csv = await h['recommend.exportCsv'](
      {
        filters: { segment: (await h['recommend.list']({ limit: 1 }, ctx())).segments[0] },
        wording: {
          also: 'with {product}',
          similar: 's',
          popular: 'p',
          trending: 't',
          place: 'in {place}'
        }
      },
      ctx()
    );
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'customer_id,name,email,segment,rank,product_id,product_name,category,reason'
    );
    expect(lines.length).toBeGreaterThan(10);
    expect(csv).toMatch(/,with [^,{]+/);
  });
});

describe('bought together on the sample shop', () => {
  it('mines rules, stores what sells with each product, and fills the product page', async () => {
    const db = newDb('together');
    const { runtime, changed } = runtimeOf(db);
    await loadSampleInto(db, 400);
    changed();
    const h = familyHandlers(boughtTogether, () => runtime);
    await h['together.train']({ minSupport: 0.002, minConfidence: 0.05 }, ctx());
    const res = (await h['together.results'](undefined, ctx()))!.view!;
    expect(res.rules).toBeGreaterThan(0);
    const lhs = res.top.find((r) => r.lhs.length === 1)!;
    const page = await h['together.product']({ id: lhs.lhs[0] }, ctx());
    expect(page!.together.map((x) => x.productId)).toContain(lhs.rhs);
    expect(page!.monthly.length).toBeGreaterThan(1);
    expect(page!.topBuyers.length).toBeGreaterThan(0);
    const list = await h['together.products']({ limit: 5 }, ctx());
    expect(list.rows[0].revenue).toBeGreaterThanOrEqual(list.rows[4].revenue);
    expect(await h['together.product']({ id: 'no such product' }, ctx())).toBeNull();
  });
});

describe('CLI and app', () => {
  it('give the same figures on the same order file', async () => {
    const db = newDb('recommend-parity');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, RETAIL, 'orders');
    changed();
    await runtime.train(recommendations, { models: [...FAST.models] });
    const app = (await runtime.results(recommendations))!.view as RecommendReport;
    const cli = (await recommendCli({ orders: RETAIL, models: FAST.models.join(',') })) as {
      users: number;
      models: Record<string, { 'ndcg@10': number }>;
      best: string;
    };
    expect(cli.users).toBe(app.users);
    expect(cli.best).toBe(app.chosen);
    for (const m of app.models) expect(cli.models[m.kind]['ndcg@10']).toBe(+m.test.ndcg.toFixed(4));
  });
});
