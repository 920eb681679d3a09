// The home page's dashboard in numbers: how many customers (and what the count means), revenue
// by month, active vs lapsed customers, value at risk, and which next steps make sense. Pure: the
// worker handler reads the data and the active scores, this computes; the page only formats.
import type { OrderLine } from '../types';

/** A customer is "active" when their last purchase is at most this many days before the data's
 * last order (the "as of" date: a sample shop from last year is not all lapsed today). */
export const ACTIVE_DAYS = 90;

/** At most this many months are shown, the latest ones. */
export const MAX_MONTHS = 24;

const DAY = 86_400_000;

export interface MonthRevenue {
  /** UTC year and month, e.g. 2024 and 3 for March 2024. */
  year: number;
  month: number;
  /** Start of the month (UTC epoch ms), for formatting. */
  start: number;
  /** Net revenue: quantity × unit price of lines not cancelled, minus returns. */
  revenue: number;
  /** Distinct orders placed that month (not cancelled). */
  orders: number;
}

export type NextStep =
  'import' | 'importOrders' | 'trainChurn' | 'trainClv' | 'reviewRisk' | 'segments' | 'customers';

export interface DashboardInput {
  /** Customer ids on file (records and customers known only from orders). */
  customerIds: readonly string[];
  orders: readonly OrderLine[];
  /** Active churn model's risk per customer (0..1); undefined when none is trained. */
  churn?: ReadonlyMap<string, number>;
  /** Active lifetime-value model's value per customer; undefined when none is trained. */
  clv?: ReadonlyMap<string, number>;
  activeDays?: number;
  maxMonths?: number;
}

export interface ValueAtRisk {
  /** Σ risk × lifetime value over customers with both scores. */
  value: number;
  /** Σ lifetime value over the same customers, for the share. */
  total: number;
  /** Customers with both a risk and a value. */
  customers: number;
  /** Customers whose risk is at least 0.5, and the value they hold. */
  likelyToLeave: number;
}

export interface Dashboard {
  /** Customers on file. */
  customers: number;
  /** Of which with at least one order (not cancelled): the count the model pages use. */
  withOrders: number;
  /** The last order's time (UTC ms); null without orders. */
  asOf: number | null;
  months: MonthRevenue[];
  /** Net revenue over all time (not only the months shown). */
  revenue: number;
  activeDays: number;
  /** Customers with orders whose last purchase is within `activeDays` of `asOf`, and the rest. */
  active: number;
  lapsed: number;
  /** Null unless both churn and lifetime value are trained. */
  valueAtRisk: ValueAtRisk | null;
  /** Models still to train for value at risk, in the order to train them. */
  missing: ('churn' | 'clv')[];
  next: NextStep[];
}

const monthKey = (ts: number) => {
  const d = new Date(ts);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export function dashboard(input: DashboardInput): Dashboard {
  const activeDays = input.activeDays ?? ACTIVE_DAYS;
  const maxMonths = input.maxMonths ?? MAX_MONTHS;
  const ids = new Set(input.customerIds);
  const last = new Map<string, number>();
  const revenue = new Map<number, number>();
  const orders = new Map<number, Set<string>>();
  let total = 0;
  let asOf = -Infinity;
  for (const o of input.orders) {
    const m = monthKey(o.ts);
    // Same rule as the customer stats (core/db/stats.ts): returns subtract, cancellations add nothing.
    const amount = o.quantity < 0 || !o.cancelled ? o.quantity * o.unitPrice : 0;
    revenue.set(m, (revenue.get(m) ?? 0) + amount);
    total += amount;
    if (o.ts > asOf) asOf = o.ts;
    if (o.cancelled || o.quantity < 0) continue;
    let set = orders.get(m);
    if (!set) orders.set(m, (set = new Set()));
    set.add(o.orderId);
    ids.add(o.customerId);
    const prev = last.get(o.customerId);
    if (prev === undefined || o.ts > prev) last.set(o.customerId, o.ts);
  }

  const months: MonthRevenue[] = [];
  if (revenue.size) {
    const keys = [...revenue.keys()];
    const hi = Math.max(...keys);
    const lo = Math.max(Math.min(...keys), hi - maxMonths + 1);
    for (let k = lo; k <= hi; k++) {
      const year = Math.floor(k / 12);
      const month = (k % 12) + 1;
      months.push({
        year,
        month,
        start: Date.UTC(year, month - 1, 1),
        revenue: revenue.get(k) ?? 0,
        orders: orders.get(k)?.size ?? 0
      });
    }
  }

  let active = 0;
  const cutoff = asOf - activeDays * DAY;
  for (const ts of last.values()) if (ts >= cutoff) active++;

  const missing: ('churn' | 'clv')[] = [];
  if (!input.churn?.size) missing.push('churn');
  if (!input.clv?.size) missing.push('clv');
  let valueAtRisk: ValueAtRisk | null = null;
  if (!missing.length) {
    valueAtRisk = { value: 0, total: 0, customers: 0, likelyToLeave: 0 };
    for (const [id, risk] of input.churn!) {
      const v = input.clv!.get(id);
      if (v === undefined || !Number.isFinite(v) || !Number.isFinite(risk)) continue;
      valueAtRisk.value += risk * v;
      valueAtRisk.total += v;
      valueAtRisk.customers++;
      if (risk >= 0.5) valueAtRisk.likelyToLeave++;
    }
  }

  const hasOrders = last.size > 0;
  const next: NextStep[] = [];
  if (!ids.size) next.push('import');
  else if (!hasOrders) next.push('importOrders');
  else {
    if (missing.includes('churn')) next.push('trainChurn');
    if (missing.includes('clv')) next.push('trainClv');
    if (valueAtRisk && valueAtRisk.likelyToLeave > 0) next.push('reviewRisk');
    next.push('segments', 'customers');
  }

  return {
    customers: ids.size,
    withOrders: last.size,
    asOf: hasOrders || revenue.size ? asOf : null,
    months,
    revenue: total,
    activeDays,
    active,
    lapsed: last.size - active,
    valueAtRisk,
    missing,
    next
  };
}
