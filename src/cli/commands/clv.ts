// `npm run rapport -- clv --summary summary.csv`
//   Fits BG/NBD on a frequency/recency/T table (columns frequency, recency, T; CDNOW layout).
// `npm run rapport -- clv --transactions orders.txt [--calibration-end YYYY-MM-DD]
//   [--observation-end YYYY-MM-DD] [--horizon-days 365] [--unit weeks|days] [--discount 0.1]
//   [--draws 200] [--customer-col c] [--date-col d] [--amount-col a]`
//   Reads customer, date, amount (comma/semicolon CSV with a header, or whitespace columns such as
//   CDNOW_master.txt: id YYYYMMDD cds dollars), summarises, fits BG/NBD + Gamma-Gamma and prints
//   parameters, the top customers by lifetime value and, with a holdout, predicted vs actual.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { fitBgNbd } from '../../lib/core/models/clv/bgnbdFit';
import {
  DAY_MS,
  fitLifetimeValue,
  summariseTransactions,
  type Transaction
} from '../../lib/core/models/clv/index';

type Args = Record<string, string | boolean>;

function str(args: Args, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' ? v : undefined;
}

function num(args: Args, key: string, fallback: number): number {
  const v = str(args, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${key}: not a number: "${v}"`);
  return n;
}

const round = (v: number, d = 4): number => (Number.isFinite(v) ? Number(v.toFixed(d)) : v);

/** YYYYMMDD, YYYY-MM-DD (date-only as UTC midnight), else anything Date.parse understands. */
export function parseDate(s: string): number {
  const t = s.trim();
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return Date.parse(t);
}

/** Rows of cells plus a header (null when the file has none). */
function readTable(file: string): { header: string[] | null; rows: string[][] } {
  const text = readFileSync(file, 'utf8');
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  let rows: string[][];
  if (!first.includes(',') && !first.includes(';') && !first.includes('\t')) {
    rows = text
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
  } else {
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    rows = parsed.data.map((r) => r.map((c) => c.trim()));
  }
  if (!rows.length) throw new Error(`${file}: no rows`);
  const hasHeader = rows[0].some((c) => c !== '' && !Number.isFinite(Number(c)));
  return hasHeader ? { header: rows[0], rows: rows.slice(1) } : { header: null, rows };
}

function pickColumn(
  file: string,
  header: string[] | null,
  width: number,
  given: string | undefined,
  pattern: RegExp,
  fallback: number
): number {
  if (given !== undefined) {
    const byName = header ? header.findIndex((h) => h.toLowerCase() === given.toLowerCase()) : -1;
    if (byName >= 0) return byName;
    if (/^\d+$/.test(given) && +given < width) return +given;
    throw new Error(
      `${file}: no column "${given}" (columns: ${header?.join(', ') ?? `0..${width - 1}`})`
    );
  }
  const guess = header ? header.findIndex((h) => pattern.test(h)) : -1;
  return guess >= 0 ? guess : fallback;
}

export function readTransactions(file: string, args: Args): Transaction[] {
  const { header, rows } = readTable(file);
  const width = rows[0].length;
  // Without a header: first column is the customer, the first date-like column the date, the
  // last column the amount (CDNOW: id [sample-id] YYYYMMDD cds dollars).
  const dateLike = rows[0].findIndex((c) => /^(19|20)\d{2}-?\d{2}-?\d{2}/.test(c));
  const cust = pickColumn(
    file,
    header,
    width,
    str(args, 'customer-col'),
    /cust|client|user|^id$/i,
    0
  );
  const date = pickColumn(
    file,
    header,
    width,
    str(args, 'date-col'),
    /date|time|^ts$/i,
    dateLike >= 0 ? dateLike : 1
  );
  const amount = pickColumn(
    file,
    header,
    width,
    str(args, 'amount-col'),
    /amount|value|revenue|total|spend|sales|dollar|price/i,
    width - 1
  );
  const out: Transaction[] = [];
  const offset = header ? 2 : 1;
  rows.forEach((r, i) => {
    const ts = parseDate(r[date] ?? '');
    const amt = Number((r[amount] ?? '').replace(/[$€£,]/g, ''));
    if (!r[cust] || !Number.isFinite(ts)) {
      throw new Error(
        `${file}: row ${i + offset}, column ${header?.[Number.isFinite(ts) ? cust : date] ?? (Number.isFinite(ts) ? cust : date)}: ` +
          `cannot read ${Number.isFinite(ts) ? 'customer id' : `date "${r[date]}"`}`
      );
    }
    out.push({ customerId: r[cust], ts, amount: Number.isFinite(amt) ? amt : 0 });
  });
  return out;
}

function summaryFromCsv(file: string): { frequency: number; recency: number; T: number }[] {
  const { header, rows } = readTable(file);
  if (!header) throw new Error(`${file}: needs a header with frequency, recency, T`);
  const col = (re: RegExp, name: string): number => {
    const i = header.findIndex((h) => re.test(h));
    if (i < 0) throw new Error(`${file}: no ${name} column (columns: ${header.join(', ')})`);
    return i;
  };
  const fx = col(/^(frequency|x)$/i, 'frequency');
  const fr = col(/^(recency|t_x)$/i, 'recency');
  const fT = col(/^(T|T_cal|age)$/i, 'T');
  return rows.map((r, i) => {
    const v = { frequency: Number(r[fx]), recency: Number(r[fr]), T: Number(r[fT]) };
    if (![v.frequency, v.recency, v.T].every(Number.isFinite))
      throw new Error(`${file}: row ${i + 2}: frequency, recency and T must be numbers`);
    return v;
  });
}

export async function run(args: Args): Promise<unknown> {
  const summaryFile = str(args, 'summary');
  if (summaryFile) {
    const rows = summaryFromCsv(summaryFile);
    const fit = fitBgNbd(rows);
    const p = fit.params;
    return {
      customers: rows.length,
      r: round(p.r),
      alpha: round(p.alpha),
      a: round(p.a),
      b: round(p.b),
      logLik: round(fit.logLik, 2),
      stdErrors: Object.fromEntries(Object.entries(fit.stdErrors).map(([k, v]) => [k, round(v)])),
      regularised: fit.regularised
    };
  }
  const file = str(args, 'transactions');
  if (!file) throw new Error('clv: give --summary <csv> or --transactions <file>');
  const tx = readTransactions(file, args);
  const lastTs = tx.reduce((m, t) => Math.max(m, t.ts), -Infinity);
  const calArg = str(args, 'calibration-end');
  const calibrationEnd = calArg ? parseDate(calArg) : lastTs;
  if (!Number.isFinite(calibrationEnd))
    throw new Error(`--calibration-end: cannot read "${calArg}"`);
  const obsArg = str(args, 'observation-end');
  const observationEnd = obsArg ? parseDate(obsArg) : lastTs > calibrationEnd ? lastTs : undefined;
  const unit = str(args, 'unit') === 'days' ? 'days' : 'weeks';
  const horizonDays = num(args, 'horizon-days', 365);
  const summary = summariseTransactions(tx, { calibrationEnd, unit, observationEnd });
  const model = fitLifetimeValue(summary, {
    unit,
    calibrationEnd,
    draws: num(args, 'draws', 200),
    discountRatePerYear: num(args, 'discount', 0)
  });
  const forecasts = model.predict(summary, horizonDays);
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const top = [...forecasts].sort((a, b) => b.clv - a.clv).slice(0, 10);
  const sum = (f: (x: (typeof forecasts)[number]) => number): number =>
    forecasts.reduce((s, x) => s + f(x), 0);
  const result: Record<string, unknown> = {
    file,
    transactions: tx.length,
    customers: summary.length,
    calibrationEnd: day(calibrationEnd),
    observationEnd: observationEnd === undefined ? null : day(observationEnd),
    unit,
    purchases: {
      model: 'BG/NBD',
      params: roundAll(model.purchaseFit.params),
      stdErrors: roundAll(model.purchaseFit.stdErrors),
      logLik: round(model.purchaseFit.logLik, 2),
      regularised: model.purchaseFit.regularised
    },
    spend: model.spendFit
      ? {
          model: 'Gamma-Gamma',
          repeatCustomers: model.spendFit.n,
          params: roundAll(model.spendFit.params),
          stdErrors: roundAll(model.spendFit.stdErrors),
          logLik: round(model.spendFit.logLik, 2),
          regularised: model.spendFit.regularised
        }
      : null,
    predictions: {
      horizonDays,
      expectedPurchases: round(
        sum((f) => f.expectedPurchases),
        1
      ),
      expectedRevenue: round(
        sum((f) => f.clv),
        2
      ),
      meanProbabilityAlive: round(sum((f) => f.pAlive) / forecasts.length),
      customersWithNextPurchaseInHorizon: forecasts.filter((f) => f.nextPurchaseInDays !== null)
        .length,
      top10: top.map((f) => ({
        customerId: f.customerId,
        clv: round(f.clv, 2),
        clvLow: round(f.clvLow, 2),
        clvHigh: round(f.clvHigh, 2),
        pAlive: round(f.pAlive),
        expectedPurchases: round(f.expectedPurchases, 3),
        expectedSpend: round(f.expectedSpend, 2),
        nextPurchase:
          f.nextPurchaseInDays === null ? null : day(calibrationEnd + f.nextPurchaseInDays * DAY_MS)
      }))
    }
  };
  if (observationEnd !== undefined) {
    const m = model.evaluate(summary);
    result.holdout = {
      lengthDays: Math.round((observationEnd - calibrationEnd) / DAY_MS),
      predictedPurchases: round(m.holdoutPredicted, 1),
      actualPurchases: m.holdoutActual,
      correlation: round(m.holdoutCorrelation),
      meanAbsoluteError: round(m.holdoutMae)
    };
  }
  return result;
}

function roundAll(o: object): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v as number)]));
}
