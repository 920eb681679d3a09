// Rough write/scan speed of the order store in Node (fake-indexeddb; Chromium's IndexedDB is
// faster). The directory is measured by `npm run bench -- --only directory`.
// Run: npx tsx tests/unit/db/measure.ts   (not a test: no timed assertions)
import { performance } from 'node:perf_hooks';
import { beginImport, orderCount, scanOrders } from '../../../src/lib/core/db';
import type { OrderLine } from '../../../src/lib/core/types';
import { newDb } from './helpers';
import { retailLines } from './retail';

async function orders(total: number) {
  const base = retailLines();
  const lines: OrderLine[] = [];
  for (let k = 0; lines.length < total; k++) {
    for (const l of base)
      lines.push({ ...l, orderId: `${l.orderId}-${k}`, customerId: `${l.customerId}-${k % 50}` });
  }
  lines.length = total;
  const db = newDb('measure');
  await db.open();
  let t = performance.now();
  const s = await beginImport(db, {
    source: 'm',
    fileName: 'm.csv',
    kind: 'orders',
    channel: 'shop',
    mapping: {}
  });
  for (let i = 0; i < total; i += 5000) await s.orders(lines.slice(i, i + 5000));
  const staged = performance.now() - t;
  await s.commit({ rowsRead: total, rowsStored: total, rowsRejected: 0, errorsSample: 0 });
  const write = performance.now() - t;
  t = performance.now();
  let sum = 0;
  const rows = await scanOrders(db, (c) => {
    for (let r = 0; r < c.n; r++) if (c.alive[r]) sum += c.quantity[r] * c.unitPrice[r];
  });
  const scan = performance.now() - t;
  console.log(
    `orders: ${total} lines (${await orderCount(db)} stored, scan sum ${sum.toFixed(0)})`
  );
  console.log(
    `  write ${(total / (write / 1000) / 1e6).toFixed(2)}M rows/s (${write.toFixed(0)} ms, staging ${staged.toFixed(0)} ms, commit ${(write - staged).toFixed(0)} ms)`
  );
  console.log(`  scan  ${(rows / (scan / 1000) / 1e6).toFixed(2)}M rows/s (${scan.toFixed(0)} ms)`);
  // Same file again: every order id supersedes (index sweep + all stats recomputed).
  t = performance.now();
  const s2 = await beginImport(db, {
    source: 'm',
    fileName: 'm2.csv',
    kind: 'orders',
    channel: 'shop',
    mapping: {}
  });
  for (let i = 0; i < total; i += 5000) await s2.orders(lines.slice(i, i + 5000));
  await s2.commit({ rowsRead: total, rowsStored: total, rowsRejected: 0, errorsSample: 0 });
  const again = performance.now() - t;
  console.log(
    `  re-import (supersedes all) ${(total / (again / 1000) / 1e6).toFixed(2)}M rows/s (${again.toFixed(0)} ms), alive ${await orderCount(db)}`
  );
  db.close();
}

await orders(Number(process.argv[2] ?? 200_000));
