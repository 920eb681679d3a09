import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../../src/lib/core/types';
import { generateSampleShop, isoDate, sampleAsCsv } from '../../../src/lib/core/sample';

const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });

describe('sampleAsCsv', () => {
  const shop = generateSampleShop({ seed: 3, customers: 200 });
  const csv = sampleAsCsv(shop);

  it('writes one file per entity kind with one row per record', () => {
    expect(Object.keys(csv).sort()).toEqual([...ENTITY_KINDS].sort());
    for (const kind of ENTITY_KINDS) {
      const res = parse(csv[kind]);
      expect(res.errors).toEqual([]);
      expect(res.data.length).toBe(shop[kind].length);
    }
  });

  it('round-trips text with commas, quotes and Chinese characters', () => {
    const rows = parse(csv.interactions).data;
    expect(rows.some((r) => r.text.includes(','))).toBe(true);
    rows.forEach((r, i) => {
      expect(r.text).toBe(shop.interactions[i].text);
      expect(r.intent).toBe(shop.interactions[i].label);
      expect(Date.parse(r.date)).toBe(shop.interactions[i].ts);
    });
    const cust = parse(csv.customers).data;
    expect(cust[0].customer_id).toBe(shop.customers[0].id);
    expect(cust.map((r) => r.name)).toEqual(shop.customers.map((c) => c.name));
    expect(cust.filter((r) => r.email === '').length).toBe(
      shop.customers.filter((c) => !c.email).length
    );
  });

  it('keeps order lines, cancellations and negative return quantities', () => {
    const rows = parse(csv.orders).data;
    rows.forEach((r, i) => {
      const o = shop.orders[i];
      expect(r.order_id).toBe(o.orderId);
      expect(Number(r.quantity)).toBe(o.quantity);
      expect(Number(r.unit_price)).toBe(o.unitPrice);
      expect(r.cancelled).toBe(o.cancelled ? 'yes' : 'no');
    });
  });

  it('generates from options too, and formats dates as ISO 8601 UTC', () => {
    expect(sampleAsCsv({ seed: 3, customers: 200 })).toEqual(csv);
    expect(isoDate(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02T03:04:05Z');
  });
});
