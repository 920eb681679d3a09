// Transactions -> the per-customer summary the BG/NBD and Gamma-Gamma models take, following
// Fader, Hardie & Lee (2005): purchases are counted per distinct day (several orders on one day
// are one purchase), the first purchase is not a repeat, and times run from the first purchase.

export const DAY_MS = 86_400_000;

export interface Transaction {
  customerId: string;
  /** Epoch ms (UTC); only the UTC day counts. */
  ts: number;
  amount: number;
}

export interface SummariseOptions {
  /** Last moment of the calibration period (epoch ms); its whole UTC day is included. */
  calibrationEnd: number;
  unit: 'weeks' | 'days';
  /** End of the holdout period (epoch ms, whole UTC day included), for validation. */
  observationEnd?: number;
}

export interface CustomerSummary {
  customerId: string;
  /** x: repeat purchase days in the calibration period. */
  frequency: number;
  /** t_x: time from the first to the last purchase day. */
  recency: number;
  /** Time from the first purchase day to the calibration end. */
  T: number;
  /** Mean spend per repeat purchase day (0 when frequency is 0): the Gamma-Gamma input. */
  meanSpend: number;
  /** Mean spend over all purchase days including the first. */
  meanSpendAll: number;
  /** Epoch ms of the first purchase day (UTC midnight). */
  firstPurchase: number;
  /** Purchase days in the holdout period (only with observationEnd). */
  holdoutFrequency?: number;
  /** Length of the holdout period in `unit` (only with observationEnd). */
  holdoutLength?: number;
}

export function unitDays(unit: 'weeks' | 'days'): number {
  return unit === 'weeks' ? 7 : 1;
}

/**
 * One row per customer whose first purchase falls on or before the calibration end, in
 * first-seen order. Spend per day is the sum of that day's amounts.
 */
export function summariseTransactions(
  rows: readonly Transaction[],
  opts: SummariseOptions
): CustomerSummary[] {
  const calDay = Math.floor(opts.calibrationEnd / DAY_MS);
  const obsDay =
    opts.observationEnd === undefined ? undefined : Math.floor(opts.observationEnd / DAY_MS);
  if (obsDay !== undefined && obsDay < calDay)
    throw new Error('observationEnd must not be before calibrationEnd');
  const perUnit = unitDays(opts.unit);
  // customer -> day -> spend
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of rows) {
    if (!Number.isFinite(t.ts)) continue;
    const day = Math.floor(t.ts / DAY_MS);
    if (obsDay !== undefined ? day > obsDay : day > calDay) continue;
    let days = byCustomer.get(t.customerId);
    if (!days) byCustomer.set(t.customerId, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + (Number.isFinite(t.amount) ? t.amount : 0));
  }
  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const cal: [number, number][] = [];
    let holdout = 0;
    for (const [d, spend] of days) {
      if (d <= calDay) cal.push([d, spend]);
      else holdout++;
    }
    if (cal.length === 0) continue; // first purchase after the calibration end
    cal.sort((a, b) => a[0] - b[0]);
    const first = cal[0][0];
    const last = cal[cal.length - 1][0];
    const total = cal.reduce((s, c) => s + c[1], 0);
    const frequency = cal.length - 1;
    const row: CustomerSummary = {
      customerId,
      frequency,
      recency: (last - first) / perUnit,
      T: (calDay - first) / perUnit,
      meanSpend: frequency > 0 ? (total - cal[0][1]) / frequency : 0,
      meanSpendAll: total / cal.length,
      firstPurchase: first * DAY_MS
    };
    if (obsDay !== undefined) {
      row.holdoutFrequency = holdout;
      row.holdoutLength = (obsDay - calDay) / perUnit;
    }
    out.push(row);
  }
  return out;
}
