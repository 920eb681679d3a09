// In-memory customer directory: search, sort and page 100k customers without touching the db.
// Sort orders are permutations built once per key when the directory is built; a search is one pass of
// String.includes over a precomputed lower-case haystack per customer.
import { riskLevel, type RiskBand } from '../features/riskLevel';
import type { Customer } from '../types';
import type { CustomerStats } from './rows';

export type DirectorySort = 'lastPurchase' | 'totalSpent' | 'orders' | 'name' | 'risk' | 'value';

export interface DirectoryRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  country: string;
  channel: string;
  orders: number;
  totalSpent: number;
  /** Last order line timestamp, null without orders. */
  lastTs: number | null;
  /** Active churn model's risk (0..1); null when not trained or not scored. */
  risk: number | null;
  /** Active lifetime-value model's value; null when not fitted or not scored. */
  value: number | null;
  /** Segment name; '' when the customer has none (no orders). */
  segment: string;
}

/** Scores joined onto the directory (see `withScores`). */
export interface DirectoryScores {
  risk: ReadonlyMap<string, number>;
  value: ReadonlyMap<string, number>;
  segment: ReadonlyMap<string, string>;
}

export interface DirectoryQuery {
  search?: string;
  sort?: DirectorySort;
  desc?: boolean;
  offset?: number;
  limit?: number;
  /** Only customers whose churn risk falls in this band. */
  risk?: RiskBand;
  /** Only customers of this segment. */
  segment?: string;
}

export interface Directory {
  rows: DirectoryRow[];
  /** `id \u0001 name \u0001 email \u0001 phone`, folded (see `fold`). */
  hay: string[];
  /** Phone numbers reduced to their digits. */
  digits: string[];
  perms: Partial<Record<DirectorySort, Uint32Array>>;
  /** Last search or filter, so paging through results does not rescan. */
  cache?: { key: string; hits: Uint32Array };
  /** Segment names present, sorted. */
  segments: string[];
  /** Whether any customer has a risk / a value (otherwise the page shows a hint). */
  scored: { risk: boolean; value: boolean };
}

export function buildDirectory(customers: Customer[], stats: CustomerStats[]): Directory {
  const byId = new Map(stats.map((s) => [s.customerId, s]));
  // Rows in id order, so ties in every sort break by position (= by id), cheaply.
  const sorted = [...customers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows: DirectoryRow[] = sorted.map((c) => {
    const s = byId.get(c.id);
    return {
      id: c.id,
      name: c.name ?? '',
      email: c.email ?? '',
      phone: c.phone ?? '',
      country: c.country ?? '',
      channel: c.channel,
      orders: s?.orders ?? 0,
      totalSpent: s?.totalSpent ?? 0,
      lastTs: s ? s.lastTs : null,
      risk: null,
      value: null,
      segment: ''
    };
  });
  const dir: Directory = {
    rows,
    hay: rows.map((r) => fold(`${r.id}\u0001${r.name}\u0001${r.email}\u0001${r.phone}`)),
    digits: rows.map((r) => r.phone.replace(/\D+/g, '')),
    perms: {},
    segments: [],
    scored: { risk: false, value: false }
  };
  // Built up front so that every query, the first included, stays in milliseconds.
  for (const s of SORTS) permutation(dir, s);
  return dir;
}

const SORTS: DirectorySort[] = ['lastPurchase', 'totalSpent', 'orders', 'name'];

/**
 * The directory with the active models' scores joined on: new rows (the search index and the
 * data sorts are shared), risk and value sorts built. Customers without a score keep null.
 */
export function withScores(dir: Directory, scores: DirectoryScores): Directory {
  const rows = dir.rows.map((r) => ({
    ...r,
    risk: scores.risk.get(r.id) ?? null,
    value: scores.value.get(r.id) ?? null,
    segment: scores.segment.get(r.id) ?? ''
  }));
  const perms: Directory['perms'] = {};
  for (const s of SORTS) perms[s] = dir.perms[s];
  const out: Directory = {
    rows,
    hay: dir.hay,
    digits: dir.digits,
    perms,
    segments: [...new Set(rows.map((r) => r.segment).filter((s) => s !== ''))].sort(),
    scored: {
      risk: rows.some((r) => r.risk !== null),
      value: rows.some((r) => r.value !== null)
    }
  };
  permutation(out, 'risk');
  permutation(out, 'value');
  return out;
}

/** Accents folded, lower case: 'Zoë' ~ 'zoe'. Also the name sort key (plain code-unit
 * comparison of folded keys is ~10x faster than an Intl.Collator on 100k names). */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

function permutation(dir: Directory, sort: DirectorySort): Uint32Array {
  const cached = dir.perms[sort];
  if (cached) return cached;
  const { rows } = dir;
  const idx = Array.from({ length: rows.length }, (_, i) => i);
  if (sort === 'name') {
    // Customers without a name sort after named ones (by id among themselves).
    const keys = rows.map((r) => (r.name ? fold(r.name) : ''));
    idx.sort((i, j) => {
      const a = keys[i];
      const b = keys[j];
      if (!a !== !b) return a ? -1 : 1;
      return a < b ? -1 : a > b ? 1 : i - j;
    });
  } else {
    // Unscored customers sort below every scored one (ascending), so "highest first" lists
    // the scored ones first.
    const key =
      sort === 'orders'
        ? (r: DirectoryRow) => r.orders
        : sort === 'totalSpent'
          ? (r: DirectoryRow) => r.totalSpent
          : sort === 'risk'
            ? (r: DirectoryRow) => r.risk ?? -Infinity
            : sort === 'value'
              ? (r: DirectoryRow) => r.value ?? -Infinity
              : (r: DirectoryRow) => r.lastTs ?? -Infinity;
    const k = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) k[i] = key(rows[i]);
    idx.sort((i, j) => k[i] - k[j] || i - j);
  }
  return (dir.perms[sort] = Uint32Array.from(idx));
}

/** Positions (in sort order) of rows matching `search` and the risk and segment filters. */
function matches(
  dir: Directory,
  search: string,
  perm: Uint32Array,
  filter: Pick<DirectoryQuery, 'risk' | 'segment'>
): Uint32Array {
  const q = fold(search.trim());
  // A query made of phone characters also matches the phone's digits ("020 7946" ~ "+44207946").
  const qDigits = /^[\d\s+().-]+$/.test(q) ? q.replace(/\D+/g, '') : '';
  const out = new Uint32Array(perm.length);
  let n = 0;
  for (let p = 0; p < perm.length; p++) {
    const i = perm[p];
    const r = dir.rows[i];
    if (filter.segment && r.segment !== filter.segment) continue;
    if (filter.risk && (r.risk === null || riskLevel(r.risk) !== filter.risk)) continue;
    if (q === '' || dir.hay[i].includes(q) || (qDigits !== '' && dir.digits[i].includes(qDigits)))
      out[n++] = i;
  }
  return out.slice(0, n);
}

export function queryDirectory(
  dir: Directory,
  query: DirectoryQuery = {}
): { total: number; rows: DirectoryRow[] } {
  const sort = query.sort ?? 'lastPurchase';
  const desc = query.desc ?? false;
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.max(0, query.limit ?? 50);
  const perm = permutation(dir, sort);
  const search = (query.search ?? '').trim();
  const filter = { risk: query.risk, segment: query.segment || undefined };
  let order = perm;
  if (search !== '' || filter.risk || filter.segment) {
    const key = JSON.stringify([search, sort, filter.risk ?? '', filter.segment ?? '']);
    if (dir.cache?.key !== key) dir.cache = { key, hits: matches(dir, search, perm, filter) };
    order = dir.cache.hits;
  }
  const total = order.length;
  const rows: DirectoryRow[] = [];
  for (let k = offset; k < Math.min(total, offset + limit); k++) {
    rows.push(dir.rows[order[desc ? total - 1 - k : k]]);
  }
  return { total, rows };
}
