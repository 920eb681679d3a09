// Loaders for the fixtures these tests share (Telco slice, CDNOW slice).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Customer, OrderLine } from '../../../src/lib/core/types';

const dir = new URL('../../fixtures/telco/', import.meta.url);

/** Telco customers; every CSV column (customerID included) is kept as an attribute. */
export function telcoCustomers(): Customer[] {
  const text = readFileSync(new URL('telco-head-1200.csv', dir), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true
  }).data;
  return rows.map((r) => ({
    id: r.customerID,
    channel: 'shop',
    attributes: { ...r },
    batchId: 0,
    updatedAt: 0
  }));
}

/** CDNOW sample lines as order lines (one order per line). */
export function cdnowOrders(): OrderLine[] {
  const text = readFileSync(new URL('cdnow-sample-head.txt', dir), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l, i) => {
      const [cust, , date, cds, dollars] = l.trim().split(/\s+/);
      const ts = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8));
      return {
        orderId: `o${i}`,
        customerId: cust,
        productId: 'cd',
        quantity: +cds,
        unitPrice: +dollars / +cds,
        ts,
        channel: 'shop',
        cancelled: false
      };
    });
}
