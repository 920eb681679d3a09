// The model contract proven by a tiny family written here (as a new family would be): it plugs
// into the runtime, the registry and the worker's handler factory with no plumbing of its own.
import { describe, expect, it } from 'vitest';
import { undoBatch } from '../../../src/lib/core/db';
import {
  ModelInputError,
  type ModelFamily,
  type ScoreRow,
  type TrainContext,
  type TrainOutput
} from '../../../src/lib/core/models/family';
import type { DataInputs } from '../../../src/lib/core/models/inputs';
import type { SavedModel } from '../../../src/lib/core/models/model';
import type { FamilyEnv } from '../../../src/lib/core/models/runtime';
import { familyHandlers, mergeHandlers } from '../../../src/lib/workers/families';
import type { TaskContext } from '../../../src/lib/workers/protocol';
import { newDb } from '../db/helpers';
import { importInto, runtimeOf } from './helpers';

const ORDERS = new URL('../../fixtures/csv/online-retail-sample.csv', import.meta.url);

/** "Buys again": a customer with more than `min` orders is likely to buy again. */
interface Model {
  min: number;
}
interface Data {
  orders: Map<string, number>;
  min: number;
}

const repeatBuyer = {
  id: 'repeat',
  needs: ['orders'],
  entity: 'customer',
  usesTf: false,
  dataset(inputs: DataInputs, o: { min?: number }): Data {
    const orders = new Map<string, Set<string>>();
    for (const l of inputs.orders) {
      if (!orders.has(l.customerId)) orders.set(l.customerId, new Set());
      orders.get(l.customerId)!.add(l.orderId);
    }
    if (!orders.size) throw new ModelInputError('repeat.noOrders', 'no orders');
    return {
      orders: new Map([...orders].map(([k, v]) => [k, v.size])),
      min: o.min ?? 1
    };
  },
  async train(d: Data, ctx: TrainContext): Promise<TrainOutput<Model, { customers: number }>> {
    ctx.progress?.({ done: 1, total: 1, phase: 'fit' });
    return {
      model: { min: d.min },
      report: { customers: d.orders.size },
      metrics: { customers: d.orders.size },
      snapshotDate: 0,
      kind: 'repeat-rule'
    };
  },
  async score(m: Model, d: Data): Promise<ScoreRow[]> {
    return [...d.orders].map(([id, n]) => ({
      entityKind: 'customer',
      entityId: id,
      item: '',
      value: n > m.min ? 1 : 0,
      detail: { orders: n }
    }));
  },
  explain(m: Model, d: Data, id: string) {
    const n = d.orders.get(id);
    return n === undefined ? null : { orders: n, rule: m.min };
  },
  save: (m: Model): SavedModel => ({
    kind: 'repeat-rule',
    version: 0,
    createdAt: 0,
    params: { min: m.min },
    metrics: {},
    trainingMs: 0,
    backend: 'plain',
    snapshotDate: 0
  }),
  load: (s: SavedModel): Model => ({ min: Number(s.params.min) }),
  actions: {
    async count(env: FamilyEnv, args: { over: number }): Promise<number> {
      const page = await env.runtime.scores(env.family, { limit: 1e9 });
      return page.rows.filter((r) => (r.detail?.orders as number) > args.over).length;
    }
  }
} as const satisfies ModelFamily<
  { min?: number },
  Data,
  Model,
  { customers: number },
  { customers: number },
  { orders: number; rule: number }
>;

const ctx = (): TaskContext & { seen: unknown[] } => {
  const seen: unknown[] = [];
  return { signal: new AbortController().signal, progress: (p) => seen.push(p), seen };
};

describe('a new model family on the shared contract', () => {
  it('trains, saves, lists, scores, explains and runs its actions through the factory', async () => {
    const db = newDb('family');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, ORDERS, 'orders');
    changed();
    const h = familyHandlers(repeatBuyer, () => runtime);
    expect(Object.keys(h).sort()).toEqual(
      [
        'repeat.activate',
        'repeat.count',
        'repeat.explain',
        'repeat.results',
        'repeat.scores',
        'repeat.train',
        'repeat.versions'
      ].sort()
    );
    const c = ctx();
    const trained = await h['repeat.train']({ min: 1 }, c);
    expect(trained.modelId).toBe('repeat@1');
    expect(c.seen.length).toBeGreaterThan(0);
    const res = await h['repeat.results'](undefined, ctx());
    expect(res?.view).toEqual({ customers: trained.scored });
    expect(res?.stale).toBeNull();
    const page = await h['repeat.scores']({ limit: 5 }, ctx());
    expect(page.total).toBe(trained.scored);
    expect(page.rows[0].value).toBeGreaterThanOrEqual(page.rows[4].value);
    const id = page.rows[0].entityId;
    expect(await h['repeat.explain']({ id }, ctx())).toEqual({
      orders: page.rows[0].detail?.orders,
      rule: 1
    });
    expect(await h['repeat.count']({ over: 1 }, ctx())).toBeGreaterThan(0);

    // A second version; the first can be activated again (roll back).
    await h['repeat.train']({ min: 3 }, ctx());
    const versions = await h['repeat.versions'](undefined, ctx());
    expect(versions.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false]
    ]);
    const back = await h['repeat.activate']({ id: 'repeat@1' }, ctx());
    expect(back.find((v) => v.active)?.id).toBe('repeat@1');
  });

  it('says when the data changed and hides entities that no longer exist', async () => {
    const db = newDb('family-stale');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, ORDERS, 'orders');
    changed();
    await runtime.train(repeatBuyer, {});
    const batch = (await db.batches.toArray()).find((b) => b.kind === 'orders')!;
    await undoBatch(db, batch.id!);
    changed();
    const res = await runtime.results(repeatBuyer);
    expect(res?.stale?.removed).toEqual([batch.id]);
    expect((await runtime.scores(repeatBuyer)).total).toBe(0);
  });

  it('refuses a handler name defined twice', () => {
    const db = newDb('family-dup');
    const { runtime } = runtimeOf(db);
    const h = familyHandlers(repeatBuyer, () => runtime);
    expect(() => mergeHandlers(h, { 'repeat.train': async () => 0 })).toThrow(
      /"repeat.train" is defined twice/
    );
    expect(Object.keys(mergeHandlers(h, { 'other.x': async () => 0 }))).toContain('other.x');
  });

  it('a cancelled training saves nothing', async () => {
    const db = newDb('family-cancel');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, ORDERS, 'orders');
    changed();
    const ac = new AbortController();
    const slow = { ...repeatBuyer, train: async (d: Data, c: TrainContext) => {
      ac.abort();
      return repeatBuyer.train(d, c);
    } }; // prettier-ignore
    await expect(runtime.train(slow, {}, { signal: ac.signal })).rejects.toThrow();
    expect(await db.modelVersions.count()).toBe(0);
    expect(await db.modelScores.count()).toBe(0);
  });
});
