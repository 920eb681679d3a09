// `npm run rapport -- rules --baskets file.csv [--header] --min-support S --min-confidence C`
//    (one basket per line, items comma-separated; a trailing ",,,," run is not items), or
// `npm run rapport -- rules --baskets lines.csv --order-col InvoiceNo --item-col StockCode ...`
//    (an order-line CSV: the items of each order form a basket)
//   [--top 20]
// FP-Growth and association rules exactly as the app's "bought together" family mines them.
// Prints JSON: transactions, frequent itemsets (every size from 1), rules with a one-item
// right-hand side and confidence >= C, and the top rules by lift.
import { indexBaskets } from '../../lib/core/models/boughtTogether/baskets';
import { mineRules } from '../../lib/core/models/boughtTogether/family';
import { readBasketLines, readOrderBaskets } from '../csv';
import { int, str, type Args } from '../files';

const r4 = (v: number) => +v.toFixed(4);

/** A share in [0, 1] given as a number. */
function share(args: Args, key: string, fallback: number): number {
  const v = args[key];
  if (v === undefined) return fallback;
  const n = typeof v === 'string' ? Number(v) : NaN;
  if (!(n >= 0 && n <= 1)) throw new Error(`--${key} must be a number from 0 to 1, got "${v}"`);
  return n;
}

export async function run(args: Args): Promise<unknown> {
  const file = str(args, 'baskets');
  if (!file) throw new Error('give --baskets file.csv (one basket per line, or an order-line CSV with --order-col and --item-col)'); // prettier-ignore
  const orderCol = str(args, 'order-col');
  const itemCol = str(args, 'item-col');
  if (!!orderCol !== !!itemCol) throw new Error('--order-col and --item-col go together');
  const lists =
    orderCol && itemCol
      ? await readOrderBaskets(file, orderCol, itemCol)
      : await readBasketLines(file, args.header === true);
  const baskets = indexBaskets(lists);
  if (!baskets.baskets.length) throw new Error(`${file}: no baskets with items`);
  const minSupport = share(args, 'min-support', 0.01);
  const minConfidence = share(args, 'min-confidence', 0.1);
  const top = int(args, 'top', 20, 1, 1000);
  const { report } = mineRules(baskets, { minSupport, minConfidence }, top);
  return {
    transactions: report.transactions,
    items: report.items,
    minSupport,
    minConfidence,
    minCount: report.minCount,
    itemsets: report.itemsets,
    itemsetsBySize: report.bySize,
    rules: report.rules,
    top: report.top.map((r) => ({
      lhs: r.lhs,
      rhs: r.rhs,
      support: r4(r.support),
      confidence: r4(r.confidence),
      lift: r4(r.lift),
      count: r.count
    })),
    ms: Math.round(report.ms)
  };
}
