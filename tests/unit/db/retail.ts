// Online Retail sample rows (UCI, first 1,070 lines) as OrderLine objects for db tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { OrderLine } from '../../../src/lib/core/types';

const CSV = fileURLToPath(new URL('../../fixtures/db/online-retail-sample.csv', import.meta.url));

/** "12/1/2010 8:26" (M/D/YYYY H:MM, UTC) -> epoch ms. */
export function retailDate(s: string): number {
  const [d, t] = s.split(' ');
  const [m, day, y] = d.split('/').map(Number);
  const [h, min] = t.split(':').map(Number);
  return Date.UTC(y, m - 1, day, h, min);
}

/** The import mapping of the Online Retail export's columns. */
export const RETAIL_MAPPING = {
  orderId: 'InvoiceNo',
  productId: 'StockCode',
  productName: 'Description',
  quantity: 'Quantity',
  ts: 'InvoiceDate',
  unitPrice: 'UnitPrice',
  customerId: 'CustomerID',
  country: 'Country'
};

export interface RetailRow {
  InvoiceNo: string;
  StockCode: string;
  Description: string;
  Quantity: string;
  InvoiceDate: string;
  UnitPrice: string;
  CustomerID: string;
  Country: string;
}

export function retailRows(): RetailRow[] {
  const text = readFileSync(CSV, 'utf8');
  return Papa.parse<RetailRow>(text, { header: true, skipEmptyLines: true }).data;
}

export function toLine(r: RetailRow, channel = 'shop'): OrderLine {
  const line: OrderLine = {
    orderId: r.InvoiceNo,
    customerId: r.CustomerID,
    productId: r.StockCode,
    quantity: Number(r.Quantity),
    unitPrice: Number(r.UnitPrice),
    ts: retailDate(r.InvoiceDate),
    channel,
    cancelled: r.InvoiceNo.startsWith('C')
  };
  if (r.Description) line.productName = r.Description;
  return line;
}

/** Lines with a customer id (what ingest would store), in file order. */
export function retailLines(channel = 'shop'): OrderLine[] {
  return retailRows()
    .filter((r) => r.CustomerID !== '')
    .map((r) => toLine(r, channel));
}
