// `npm run rapport -- churn --customers data.csv [--label Churn] [--id customerID] [--folds 5]
//   [--seed 42] [--exclude a,b] [--include c]`
// `npm run rapport -- churn --orders orders.csv --cutoff YYYY-MM-DD [--window-days N]`
//   (orders: customer_id, date, quantity/amount; whitespace files like CDNOW_master.txt too).
// Cross-validates logistic regression and the MLP and prints a JSON summary.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Customer, OrderLine } from '../../lib/core/types';
import { buildFeatureTable, type FeatureTable } from '../../lib/core/features/table';
import {
  detectLabelColumn,
  binaryColumns,
  labelsFromColumn,
  labelsFromHistory,
  proposeChurnWindow
} from '../../lib/core/features/labels';
import { DAY_MS } from '../../lib/core/features/history';
import { trainChurn, type CvResult } from '../../lib/core/models/churn/train';

type Args = Record<string, string | boolean>;

function str(args: Args, key: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' ? v : undefined;
}

function list(args: Args, key: string): string[] | undefined {
  return str(args, key)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (!parsed.data.length) throw new Error(`${file}: no rows`);
  return parsed.data;
}

function customersFromCsv(file: string, idCol?: string): Customer[] {
  const rows = readCsv(file);
  const headers = Object.keys(rows[0]);
  const id =
    idCol ??
    headers.find((h) => /^(customer[ _]?id|id|client[ _]?id|user[ _]?id)$/i.test(h.trim())) ??
    headers.find((h) => /id$/i.test(h.trim()));
  if (idCol && !headers.includes(idCol))
    throw new Error(`${file}: no column "${idCol}" (columns: ${headers.join(', ')})`);
  return rows.map((r, i) => {
    const attributes: Record<string, string> = {};
    for (const h of headers) if (h !== id) attributes[h] = r[h];
    return {
      id: id ? r[id] : String(i + 2),
      channel: 'shop',
      attributes,
      batchId: 0,
      updatedAt: 0
    };
  });
}

function parseDate(s: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(s.trim());
  if (!m) return Date.parse(s);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]);
}

/** Orders from a CSV with headers, or a headerless whitespace file (id date qty amount). */
function ordersFromFile(file: string): OrderLine[] {
  const text = readFileSync(file, 'utf8');
  const first = text.split('\n', 1)[0];
  const whitespace = !first.includes(',') && !first.includes(';');
  const rows: string[][] = whitespace
    ? text
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((r) => r.length >= 3)
    : Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const head = rows[0].map((h) => h.toLowerCase());
  const hasHeader = head.some((h) => /[a-z]/.test(h) && Number.isNaN(parseDate(h)));
  const find = (re: RegExp, fallback: number) => {
    const k = hasHeader ? head.findIndex((h) => re.test(h)) : -1;
    return k >= 0 ? k : fallback;
  };
  const cId = find(/customer|client|user/, 0);
  const cDate = find(/date|time/, 1);
  const cQty = find(/qty|quantity|number/, 2);
  const cAmt = find(/amount|value|price|total|revenue/, 3);
  const out: OrderLine[] = [];
  (hasHeader ? rows.slice(1) : rows).forEach((r, i) => {
    const ts = parseDate(r[cDate] ?? '');
    if (!Number.isFinite(ts))
      throw new Error(
        `${file}: row ${i + (hasHeader ? 2 : 1)}, column ${hasHeader ? head[cDate] : 'date'}: cannot read date "${r[cDate]}"`
      );
    const qty = Number(r[cQty] ?? 1) || 1;
    const amount = Number(r[cAmt] ?? 0);
    out.push({
      orderId: `${r[cId]}:${i}`,
      customerId: r[cId],
      productId: 'item',
      quantity: qty,
      unitPrice: amount / qty,
      ts,
      channel: 'shop',
      cancelled: amount < 0 || qty < 0
    });
  });
  return out;
}

function summary(r: CvResult) {
  const ms = (k: string) => ({ mean: +r.mean[k].toFixed(4), sd: +r.sd[k].toFixed(4) });
  return { auc: ms('auc'), prAuc: ms('prAuc'), f1: ms('f1'), trainingMs: Math.round(r.trainingMs) };
}

export async function run(args: Args): Promise<unknown> {
  const folds = Number(str(args, 'folds') ?? 5);
  const seed = Number(str(args, 'seed') ?? 42);
  const customersFile = str(args, 'customers');
  const ordersFile = str(args, 'orders');
  let table: FeatureTable;
  let y: Uint8Array;
  let labelInfo: Record<string, unknown>;
  const customers = customersFile ? customersFromCsv(customersFile, str(args, 'id')) : [];

  if (ordersFile) {
    const cutoffArg = str(args, 'cutoff');
    if (!cutoffArg)
      throw new Error(
        '--orders needs --cutoff YYYY-MM-DD (last day of the history used for features)'
      );
    const cutoff = parseDate(cutoffArg) + DAY_MS; // the cutoff day itself belongs to the history
    const orders = ordersFromFile(ordersFile);
    const proposal = proposeChurnWindow(orders, cutoff);
    const windowDays = Number(str(args, 'window-days') ?? proposal.days);
    table = buildFeatureTable(
      { customers, orders },
      { cutoff, include: list(args, 'include'), exclude: list(args, 'exclude') }
    );
    const labels = labelsFromHistory(table.ids, orders, cutoff, windowDays);
    y = labels.y;
    labelInfo = {
      from: 'history',
      windowDays,
      proposedWindow: proposal,
      meaning: labels.explanation
    };
  } else {
    if (!customersFile)
      throw new Error(
        'give --customers file.csv (with a yes/no label column) or --orders file.csv --cutoff YYYY-MM-DD'
      );
    const label = str(args, 'label') ?? detectLabelColumn(customers);
    if (!label) {
      throw new Error(
        `${customersFile}: no churn label column found; pass --label with one of: ${binaryColumns(customers).join(', ') || '(no yes/no or 0/1 column)'}`
      );
    }
    if (!(label in customers[0].attributes))
      throw new Error(`${customersFile}: no column "${label}"`);
    const labels = labelsFromColumn(customers, label);
    const keep = new Set(labels.ids);
    table = buildFeatureTable(
      { customers: customers.filter((c) => keep.has(c.id)) },
      { label, include: list(args, 'include'), exclude: list(args, 'exclude') }
    );
    y = labels.y;
    labelInfo = {
      from: 'column',
      column: label,
      meaning: labels.explanation,
      unlabelledRows: customers.length - labels.ids.length
    };
  }

  const res = await trainChurn(table, y, { folds, seed });
  const t = performance.now();
  res.model.predict(table.X);
  const scoreMs = performance.now() - t;
  const sources = [...new Set(table.columns.map((c) => c.source))];
  return {
    rows: table.nRows,
    labelRate: +res.labelRate.toFixed(4),
    label: labelInfo,
    columns: {
      kept: sources.map((s) => {
        const cs = table.columns.filter((c) => c.source === s);
        const notes = [...new Set(cs.map((c) => c.reason).filter(Boolean))];
        return {
          name: s,
          kind: cs[0].kind,
          encoded: cs.length,
          ...(notes.length ? { note: notes.join('; ') } : {})
        };
      }),
      dropped: table.dropped.map((d) => ({ name: d.name, kind: d.kind, reason: d.reason })),
      encodedCount: table.nCols
    },
    models: Object.fromEntries(Object.entries(res.results).map(([k, r]) => [k, summary(r!)])),
    chosen: res.chosen,
    backend: res.backend,
    trainingMs: Math.round(res.trainingMs),
    scoringMs: Math.round(scoreMs),
    importance: res.importance
      .slice(0, 10)
      .map((i) => ({ feature: i.feature, aucDrop: +i.aucDrop.toFixed(4), sd: +i.sd.toFixed(4) }))
  };
}
