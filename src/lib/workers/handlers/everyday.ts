// Everyday handlers: the home dashboard's numbers and a segment as a customer list (rows and a
// CSV campaign list). Thin: the data and the active models' scores are read here, core computes.
// No tfjs: scores are read from the registry, never recomputed.
import { allOrders, listCustomers, listStats } from '../../core/db';
import { dashboard, type Dashboard } from '../../core/features/dashboard';
import { segmentCsv, segmentMembers, type SegmentMember } from '../../core/features/segmentList';
import { currentSegments } from '../../core/models/segments/family';
import { activeVersion, scoresOf, type StoredScore } from '../../core/models/registry';
import { dataVersion, getDb } from '../db';
import type { Handler } from '../protocol';

export interface SegmentListPage {
  /** Every segment name present, sorted. */
  segments: string[];
  total: number;
  rows: SegmentMember[];
  /** Where `value` comes from. */
  valueSource: 'clv' | 'spend';
  /** 'model': the trained segments; 'rfm': computed now from the orders (none trained yet). */
  source: 'model' | 'rfm';
}

export interface EverydayHandlers {
  'dashboard.summary': Handler<undefined, Dashboard>;
  'segmentList.rows': Handler<
    { segment?: string; offset?: number; limit?: number } | undefined,
    SegmentListPage
  >;
  /** The segment's members as CSV; `currency` names the value column ('value_EUR'). */
  'segmentList.csv': Handler<{ segment?: string; currency?: string }, string>;
  /** Names of customers by id (score tables that only store ids); '' for unnamed ones. */
  'directory.names': Handler<{ ids: string[] }, Record<string, string>>;
}

/** The active version's scores of a family, keyed by customer id; read once per version. */
const scoreCache = new Map<string, { id: string; map: Map<string, StoredScore> }>();

export async function activeCustomerScores(family: string): Promise<Map<string, StoredScore>> {
  const db = getDb();
  const v = await activeVersion(db, family);
  if (!v) return new Map();
  const hit = scoreCache.get(family);
  if (hit?.id === v.id + ':' + v.createdAt) return hit.map;
  const rows = await scoresOf(db, v.id, 'customer');
  const map = new Map(rows.filter((s) => s.item === '').map((s) => [s.entityId, s]));
  scoreCache.set(family, { id: v.id + ':' + v.createdAt, map });
  return map;
}

const values = (m: Map<string, StoredScore>, pick: (s: StoredScore) => unknown) => {
  const out = new Map<string, number>();
  for (const [id, s] of m) {
    const v = pick(s);
    if (typeof v === 'number' && Number.isFinite(v)) out.set(id, v);
  }
  return out;
};

/** Lifetime value per customer: the model's `clv` detail, else its score value. */
export const clvValues = (m: Map<string, StoredScore>) =>
  values(m, (s) => (s.detail as { clv?: unknown } | undefined)?.clv ?? s.value);

/** Segment per customer: the trained segments, else RFM segments computed now. */
export async function customerSegments(): Promise<{
  map: Map<string, string>;
  source: 'model' | 'rfm';
}> {
  const trained = await activeCustomerScores('segments');
  if (trained.size) {
    const map = new Map<string, string>();
    for (const [id, s] of trained) {
      const seg = (s.detail as { segment?: unknown } | undefined)?.segment;
      if (typeof seg === 'string') map.set(id, seg);
    }
    return { map, source: 'model' };
  }
  const db = getDb();
  const [customers, orders] = await Promise.all([listCustomers(db), allOrders(db)]);
  return {
    map: currentSegments({ customers, orders, interactions: [], relationships: [], products: [] }),
    source: 'rfm'
  };
}

let summary: { key: string; value: Promise<Dashboard> } | null = null;

async function dashboardSummary(): Promise<Dashboard> {
  const db = getDb();
  const [churnV, clvV] = await Promise.all([activeVersion(db, 'churn'), activeVersion(db, 'clv')]);
  const key = `${dataVersion()}|${churnV?.id}:${churnV?.createdAt}|${clvV?.id}:${clvV?.createdAt}`;
  if (summary?.key !== key) {
    const value = (async () => {
      const [customers, orders, churn, clv] = await Promise.all([
        listCustomers(db),
        allOrders(db),
        activeCustomerScores('churn'),
        activeCustomerScores('clv')
      ]);
      return dashboard({
        customerIds: customers.map((c) => c.id),
        orders,
        churn: churn.size ? values(churn, (s) => s.value) : undefined,
        clv: clv.size ? clvValues(clv) : undefined
      });
    })();
    summary = { key, value };
    value.catch(() => {
      if (summary?.value === value) summary = null;
    });
  }
  return summary.value;
}

async function members(segment?: string): Promise<Omit<SegmentListPage, 'total'>> {
  const db = getDb();
  const [{ map, source }, customers, clv] = await Promise.all([
    customerSegments(),
    listCustomers(db),
    activeCustomerScores('clv')
  ]);
  let valueMap: Map<string, number>;
  let valueSource: 'clv' | 'spend';
  if (clv.size) {
    valueMap = clvValues(clv);
    valueSource = 'clv';
  } else {
    valueMap = new Map((await listStats(db)).map((s) => [s.customerId, s.totalSpent]));
    valueSource = 'spend';
  }
  const rows = segmentMembers({ customers, segments: map, values: valueMap }, segment);
  return { segments: [...new Set(map.values())].sort(), rows, valueSource, source };
}

export const everydayHandlers: EverydayHandlers = {
  'dashboard.summary': () => dashboardSummary(),
  'segmentList.rows': async (args) => {
    const all = await members(args?.segment || undefined);
    const offset = args?.offset ?? 0;
    const limit = args?.limit ?? 100;
    return { ...all, total: all.rows.length, rows: all.rows.slice(offset, offset + limit) };
  },
  'segmentList.csv': async ({ segment, currency }) =>
    segmentCsv((await members(segment || undefined)).rows, currency),
  'directory.names': async ({ ids }) => {
    const found = await getDb().customers.bulkGet(ids);
    const out: Record<string, string> = {};
    ids.forEach((id, i) => (out[id] = found[i]?.name ?? ''));
    return out;
  }
};
