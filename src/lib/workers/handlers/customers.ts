// Customer handlers: the directory (search, sort, lazy pages over an in-memory index that is
// rebuilt when the data changes) and everything the customer page shows, scores included.
import {
  customerProfile,
  loadDirectory,
  queryDirectory,
  type CustomerProfile,
  type Directory,
  type DirectoryQuery,
  type DirectoryRow,
  type ScoreRow
} from '../../core/db';
import { dataVersion, getDb } from '../db';
import type { Handler } from '../protocol';

export interface DirectoryPage {
  total: number;
  /** Customers stored, before the search narrows them (0: show the empty state). */
  all: number;
  rows: DirectoryRow[];
}

export interface ScoreReason {
  text: string;
  direction?: 'raises' | 'lowers';
  feature?: string;
  /** Structured form from the churn handler, for translation (src/lib/ui/reasons.ts). */
  key?: string;
  params?: Record<string, string | number | boolean>;
}

/** Latest churn score of a customer, normalised from whatever the churn handler stored. */
export interface ChurnView {
  modelId: string;
  /** Probability of churn in 0..1. */
  risk: number;
  reasons: ScoreReason[];
  scoredAt?: number;
}

/** Latest lifetime-value prediction of a customer. */
export interface ClvView {
  modelId: string;
  value?: number;
  /** 90% credible interval of `value`, when the model gives one. */
  low?: number;
  high?: number;
  expectedPurchases?: number;
  horizonDays?: number;
  pAlive?: number;
  nextPurchaseTs?: number;
  scoredAt?: number;
}

/** Another customer linked to this one, newest link first. */
export interface RelatedCustomer {
  id: string;
  name: string;
  kind: string;
  /** 'out': this customer -> other (e.g. referred them); 'in': other -> this customer. */
  direction: 'out' | 'in';
  ts?: number;
}

export interface CustomerPageData extends CustomerProfile {
  related: RelatedCustomer[];
  churn: ChurnView | null;
  clv: ClvView | null;
}

export interface CustomersHandlers {
  'customers.query': Handler<DirectoryQuery | undefined, DirectoryPage>;
  /** Undefined for an unknown id. */
  'customers.profile': Handler<{ id: string }, CustomerPageData | undefined>;
}

// One directory per data version; concurrent queries share the build.
let cached: { version: number; dir: Promise<Directory> } | null = null;

function directory(): Promise<Directory> {
  const version = dataVersion();
  if (!cached || cached.version !== version) {
    const dir = loadDirectory(getDb());
    cached = { version, dir };
    dir.catch(() => {
      if (cached?.dir === dir) cached = null;
    });
  }
  return cached.dir;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

const first = (row: ScoreRow, keys: string[]): number | undefined => {
  for (const k of keys) {
    const v = num(row[k]);
    if (v !== undefined) return v;
  }
  return undefined;
};

const TIME_KEYS = ['scoredAt', 'ts', 'savedAt', 'createdAt', 'updatedAt'];

function reasonsOf(v: unknown): ScoreReason[] {
  if (!Array.isArray(v)) return [];
  const out: ScoreReason[] = [];
  for (const r of v) {
    if (typeof r === 'string') out.push({ text: r });
    else if (r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string') {
      const o = r as {
        text: string;
        direction?: unknown;
        feature?: unknown;
        key?: unknown;
        params?: unknown;
      };
      // The churn handler writes 'up'/'down'; core/models Reason uses 'raises'/'lowers'.
      const d = o.direction;
      out.push({
        text: o.text,
        direction:
          d === 'raises' || d === 'up'
            ? 'raises'
            : d === 'lowers' || d === 'down'
              ? 'lowers'
              : undefined,
        feature: typeof o.feature === 'string' ? o.feature : undefined,
        ...(typeof o.key === 'string' && o.params && typeof o.params === 'object'
          ? { key: o.key, params: o.params as Record<string, string | number | boolean> }
          : {})
      });
    }
  }
  return out;
}

/**
 * The row of a kind to show: the active model's (core/models/registry.ts), else the newest by
 * the row's own timestamp or its model's save time.
 */
function latest(rows: ScoreRow[], kind: string, models: Map<string, ModelInfo>): ScoreRow | null {
  let best: ScoreRow | null = null;
  let bestKey = [-1, -Infinity];
  for (const r of rows) {
    if (r.kind !== kind) continue;
    const m = models.get(r.modelId);
    const key = [m?.active ? 1 : 0, first(r, TIME_KEYS) ?? m?.ts ?? 0];
    if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] >= bestKey[1])) {
      best = r;
      bestKey = key;
    }
  }
  return best;
}

interface ModelInfo {
  active: boolean;
  ts?: number;
}

export function churnView(row: ScoreRow): ChurnView | null {
  const risk = first(row, ['risk', 'churnRisk', 'probability', 'score', 'p']);
  if (risk === undefined) return null;
  return {
    modelId: row.modelId,
    risk,
    reasons: reasonsOf(row.reasons),
    scoredAt: first(row, TIME_KEYS)
  };
}

function purchases(row: ScoreRow): { expectedPurchases?: number; horizonDays?: number } {
  // registry.ts ClvScore: expectedPurchases90 / expectedPurchases365.
  for (const days of [365, 90]) {
    const v = num(row[`expectedPurchases${days}`]);
    if (v !== undefined) return { expectedPurchases: v, horizonDays: days };
  }
  return {
    expectedPurchases: first(row, ['expectedPurchases', 'purchases', 'expectedTransactions']),
    horizonDays: first(row, ['horizonDays', 'horizon'])
  };
}

export function clvView(row: ScoreRow): ClvView | null {
  const view: ClvView = {
    modelId: row.modelId,
    value: first(row, ['clv', 'value', 'lifetimeValue', 'expectedValue']),
    low: first(row, ['clvLow', 'low']),
    high: first(row, ['clvHigh', 'high']),
    ...purchases(row),
    pAlive: first(row, ['pAlive', 'probabilityAlive']),
    nextPurchaseTs: first(row, ['nextPurchaseTs', 'nextPurchaseDate', 'nextPurchase']),
    scoredAt: first(row, TIME_KEYS)
  };
  const { value, expectedPurchases, pAlive, nextPurchaseTs } = view;
  const any = [value, expectedPurchases, pAlive, nextPurchaseTs].some((v) => v !== undefined);
  return any ? view : null;
}

async function profile(id: string): Promise<CustomerPageData | undefined> {
  const db = getDb();
  const p = await customerProfile(db, id);
  if (!p) return undefined;
  let churn: ChurnView | null = null;
  let clv: ClvView | null = null;
  // Scores are written by the model handlers; a missing or odd table must not break the page.
  try {
    const rows = await db.scores.where('customerId').equals(id).toArray();
    if (rows.length > 0) {
      const models = await db.models.bulkGet([...new Set(rows.map((r) => r.modelId))]);
      const info = new Map<string, ModelInfo>();
      for (const m of models)
        if (m)
          info.set(m.id, { active: m.active === true, ts: num(m.savedAt) ?? num(m.createdAt) });
      const c = latest(rows, 'churn', info);
      const v = latest(rows, 'clv', info);
      churn = c ? churnView(c) : null;
      clv = v ? clvView(v) : null;
      if (churn) churn.scoredAt ??= info.get(churn.modelId)?.ts;
      if (clv) clv.scoredAt ??= info.get(clv.modelId)?.ts;
    }
  } catch {
    churn = null;
    clv = null;
  }
  return { ...p, related: await relatedOf(id, p), churn, clv };
}

async function relatedOf(id: string, p: CustomerProfile): Promise<RelatedCustomer[]> {
  const links = p.relationships
    .filter((r) => r.from !== r.to)
    .map((r) => ({
      id: r.from === id ? r.to : r.from,
      kind: r.kind,
      direction: (r.from === id ? 'out' : 'in') as 'out' | 'in',
      ts: r.ts
    }))
    .sort((a, b) => (b.ts ?? 0) - (a.ts ?? 0));
  const others = await getDb().customers.bulkGet([...new Set(links.map((l) => l.id))]);
  const names = new Map(others.filter((c) => c !== undefined).map((c) => [c.id, c.name ?? '']));
  return links.map((l) => ({ ...l, name: names.get(l.id) ?? '' }));
}

export const customersHandlers: CustomersHandlers = {
  'customers.query': async (args) => {
    const dir = await directory();
    return { ...queryDirectory(dir, args ?? {}), all: dir.rows.length };
  },
  'customers.profile': async ({ id }) => profile(id)
};
