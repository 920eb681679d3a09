// Customer handlers: the directory (search, sort, lazy pages over an in-memory index that is
// rebuilt when the data changes) and everything the customer page shows, scores included.
import {
  customerProfile,
  loadDirectory,
  queryDirectory,
  withScores,
  type CustomerProfile,
  type Directory,
  type DirectoryQuery,
  type DirectoryRow
} from '../../core/db';
import type { StructuredReason } from '../../core/models/churn/reasons';
import {
  activeScoresOf,
  activeVersion,
  type ModelVersion,
  type StoredScore
} from '../../core/models/registry';
import { activeCustomerScores, clvValues, customerSegments } from './everyday';
import { dataVersion, getDb } from '../db';
import type { Handler } from '../protocol';

export interface DirectoryPage {
  total: number;
  /** Customers stored, before the search narrows them (0: show the empty state). */
  all: number;
  rows: DirectoryRow[];
  /** Segment names for the filter. */
  segments: string[];
  /** Whether churn risk / lifetime value are trained (otherwise the page says where to). */
  scored: { risk: boolean; value: boolean };
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

// The directory with the active churn, lifetime-value and segment scores joined on, rebuilt
// when the data or an active model changes.
let scored: { key: string; dir: Promise<Directory> } | null = null;

async function scoredDirectory(): Promise<Directory> {
  const db = getDb();
  const versions = await Promise.all(['churn', 'clv', 'segments'].map((f) => activeVersion(db, f)));
  const key = [dataVersion(), ...versions.map((v) => (v ? `${v.id}:${v.createdAt}` : ''))].join(
    '|'
  );
  if (scored?.key !== key) {
    const dir = (async () => {
      const [base, churn, clv, seg] = await Promise.all([
        directory(),
        activeCustomerScores('churn'),
        activeCustomerScores('clv'),
        customerSegments()
      ]);
      const risk = new Map([...churn].map(([id, s]) => [id, s.value]));
      return withScores(base, { risk, value: clvValues(clv), segment: seg.map });
    })();
    scored = { key, dir };
    dir.catch(() => {
      if (scored?.dir === dir) scored = null;
    });
  }
  return scored.dir;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

function reasonsOf(v: unknown): ScoreReason[] {
  if (!Array.isArray(v)) return [];
  return (v as StructuredReason[]).map((r) => ({
    text: r.text,
    direction: r.direction === 'up' ? 'raises' : 'lowers',
    feature: r.feature,
    ...(r.key ? { key: r.key, params: r.params } : {})
  }));
}

export function churnView(s: StoredScore, v: ModelVersion): ChurnView {
  return {
    modelId: s.modelId,
    risk: s.value,
    reasons: reasonsOf(s.detail?.reasons),
    scoredAt: v.createdAt
  };
}

export function clvView(s: StoredScore, v: ModelVersion): ClvView {
  const d = s.detail ?? {};
  return {
    modelId: s.modelId,
    value: num(d.clv) ?? s.value,
    low: num(d.clvLow),
    high: num(d.clvHigh),
    expectedPurchases: num(d.expectedPurchases365),
    horizonDays: 365,
    pAlive: num(d.pAlive),
    nextPurchaseTs: num(d.nextPurchaseTs),
    scoredAt: v.createdAt
  };
}

async function profile(id: string): Promise<CustomerPageData | undefined> {
  const db = getDb();
  const p = await customerProfile(db, id);
  if (!p) return undefined;
  const scores = await activeScoresOf(db, 'customer', id);
  const churn = scores.get('churn');
  const clv = scores.get('clv');
  return {
    ...p,
    related: await relatedOf(id, p),
    churn: churn ? churnView(churn.score, churn.version) : null,
    clv: clv ? clvView(clv.score, clv.version) : null
  };
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
    const dir = await scoredDirectory();
    return {
      ...queryDirectory(dir, args ?? {}),
      all: dir.rows.length,
      segments: dir.segments,
      scored: dir.scored
    };
  },
  'customers.profile': async ({ id }) => profile(id)
};
