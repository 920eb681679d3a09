// A 1,000,000-line CSV in the Online Retail layout (UCI, Chen et al. 2012) for import benches:
// InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country with
// M/D/YYYY H:MM dates, ~5% of lines on cancelling "C" invoices with negative quantities and
// ~25% of lines without CustomerID, as in the original. Deterministic; written only if missing.
// Standalone: node --import tsx bench/gen-orders.ts [lines]
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/lib/core/sample/rng';

export const ORDERS_LINES = 1_000_000;
/** The generated file's header: Online Retail's columns. */
export const ORDERS_HEADERS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country'
];
const here = dirname(fileURLToPath(import.meta.url));
export const ORDERS_CSV = join(here, 'out', 'online-retail-1m.csv');

const WORDS = [
  'WHITE',
  'RED',
  'VINTAGE',
  'HEART',
  'LANTERN',
  'JUMBO',
  'BAG',
  'SET OF 3',
  'CAKE',
  'CASES',
  'REGENCY',
  'TEACUP',
  'PAPER',
  'CHAIN',
  'KIT',
  'HOT WATER BOTTLE',
  'LUNCH BOX',
  'PARTY',
  'BUNTING',
  'GLASS',
  'STAR',
  'T-LIGHT HOLDER',
  'ALARM CLOCK',
  'BAKELIKE',
  'PINK',
  'BLUE',
  'RETROSPOT',
  'SPOTTY',
  'WOODEN',
  'FRAME',
  'DOORMAT',
  'CHRISTMAS',
  'DECORATION',
  'NAPKINS',
  'CANDLE',
  'MUG',
  'POLKADOT'
];
const COUNTRIES = [
  'United Kingdom',
  'Germany',
  'France',
  'EIRE',
  'Spain',
  'Netherlands',
  'Belgium',
  'Switzerland',
  'Portugal',
  'Australia',
  'Norway',
  'Italy'
];
const COUNTRY_W = [90, 1.8, 1.6, 1.5, 0.5, 0.5, 0.4, 0.4, 0.3, 0.3, 0.2, 0.2];

function fmtDate(ts: number): string {
  const d = new Date(ts);
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${mm}`;
}

function quote(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write the file unless it exists (same seed, same bytes). Returns its path and size. */
export async function ensureOrdersCsv(
  lines = ORDERS_LINES,
  path = ORDERS_CSV
): Promise<{ path: string; bytes: number; created: boolean }> {
  if (existsSync(path)) return { path, bytes: statSync(path).size, created: false };
  mkdirSync(dirname(path), { recursive: true });
  const rng = new Rng(20101201);
  const products = Array.from({ length: 4000 }, (_, i) => {
    const n = 2 + rng.int(3);
    const desc = Array.from({ length: n }, () => rng.pick(WORDS)).join(' ');
    return {
      code: String(10000 + i * 19) + (rng.bool(0.3) ? 'ABCDEFG'[rng.int(7)] : ''),
      desc: rng.bool(0.02) ? `${desc}, ASSORTED` : desc,
      price: Math.max(0.19, Math.round(rng.logNormal(Math.log(2.9), 0.8) * 100) / 100),
      pop: 1 / (i + 10)
    };
  });
  const cum: number[] = [];
  products.reduce((s, p, i) => (cum[i] = s + p.pop), 0);
  const drawProduct = () => {
    const r = rng.next() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return products[lo];
  };
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(ORDERS_HEADERS.join(',') + '\n');
  let t = Date.UTC(2010, 11, 1, 8, 26);
  const step = (373 * 86_400_000) / (lines / 17.3); // ~17 lines per invoice over about a year
  let invoice = 536365;
  let written = 0;
  let buf = '';
  while (written < lines) {
    // 18% of invoices are cancellations of ~5 lines: about 5% of lines (Online Retail has 15%).
    const cancel = rng.bool(0.18);
    const n = Math.min(lines - written, cancel ? 1 + rng.poisson(4) : 1 + rng.poisson(19));
    const customer = rng.bool(0.25) ? '' : String(12346 + rng.int(5942));
    const country = COUNTRIES[rng.weighted(COUNTRY_W)];
    const no = cancel ? `C${invoice}` : String(invoice);
    const date = fmtDate(t);
    for (let k = 0; k < n; k++) {
      const p = drawProduct();
      const q = rng.bool(0.6) ? 1 + rng.int(12) : 12 * (1 + rng.int(4));
      buf += `${no},${p.code},${quote(p.desc)},${cancel ? -q : q},${date},${p.price},${customer},${country}\n`;
    }
    written += n;
    invoice++;
    t += Math.floor(rng.exp(1) * step);
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  renameSync(tmp, path);
  return { path, bytes: statSync(path).size, created: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? ORDERS_LINES);
  ensureOrdersCsv(n).then((r) =>
    console.log(`${r.path}: ${r.bytes} bytes${r.created ? '' : ' (existing)'}`)
  );
}
