// Rough speed figures of the db layer in Node (fake-indexeddb; Chromium is much faster for
// IndexedDB). Run: npx tsx tests/unit/db/measure.ts   (not a test: no timed assertions)
import { performance } from 'node:perf_hooks';
import {
  beginImport,
  buildDirectory,
  orderCount,
  queryDirectory,
  scanOrders,
  type CustomerStats
} from '../../../src/lib/core/db';
import type { Customer, OrderLine } from '../../../src/lib/core/types';
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

function directory(n: number) {
  const customers: Customer[] = [];
  const stats: CustomerStats[] = [];
  const first = ['Ada', 'Wei', 'Zoë', 'Omar', 'Lena', 'Ravi', 'Mei', 'Tom'];
  const last = ['Smith', 'Li', 'Garcia', 'Müller', 'Khan', 'Wang', 'Brown', 'Rossi'];
  for (let i = 0; i < n; i++) {
    const id = `C${String(i).padStart(6, '0')}`;
    const name = `${first[i % 8]} ${last[(i * 7) % 8]} ${i}`;
    customers.push({
      id,
      name,
      email: `user${i}@example.org`,
      phone: `+44 20 ${String(7946000 + i)}`,
      channel: 'shop',
      attributes: {},
      batchId: 1,
      updatedAt: 0
    });
    stats.push({
      customerId: id,
      orders: i % 17,
      lines: i % 31,
      totalSpent: (i * 7919) % 10007,
      firstTs: i,
      lastTs: (i * 104729) % 1e9,
      chunkIds: []
    });
  }
  let t = performance.now();
  const dir = buildDirectory(customers, stats);
  const build = performance.now() - t;
  const time = (label: string, f: () => unknown) => {
    const t0 = performance.now();
    f();
    console.log(`  ${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  };
  console.log(`directory: ${n} customers, build ${build.toFixed(0)} ms`);
  time('sort by lastPurchase, page 1', () =>
    queryDirectory(dir, { sort: 'lastPurchase', desc: true })
  );
  time('page 2 by lastPurchase', () =>
    queryDirectory(dir, { sort: 'lastPurchase', desc: true, offset: 50 })
  );
  time('sort by name, page 1', () => queryDirectory(dir, { sort: 'name' }));
  time('search "müller" sorted by name', () =>
    queryDirectory(dir, { search: 'müller', sort: 'name' })
  );
  time('search "7946123" digits', () => queryDirectory(dir, { search: '7946 123', sort: 'name' }));
  time('search "user99" by totalSpent', () =>
    queryDirectory(dir, { search: 'user99', sort: 'totalSpent' })
  );
  time('same search, next page (cached)', () =>
    queryDirectory(dir, { search: 'user99', sort: 'totalSpent', offset: 50 })
  );
}

await orders(Number(process.argv[2] ?? 200_000));
directory(100_000);
