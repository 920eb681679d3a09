import { describe, expect, it } from 'vitest';
import { autoMap, guessKind, headerSimilarity } from '../../../src/lib/core/ingest/mapping';
import { FIELDS } from '../../../src/lib/core/ingest/fields';
import { sniff, detectDelimiter } from '../../../src/lib/core/ingest/sniff';
import { fixture } from './helpers';

const text = (p: string) => new TextDecoder().decode(fixture(p));

describe('sniff', () => {
  it('finds comma, semicolon, tab and whitespace layouts', () => {
    const retail = sniff(text('csv/online-retail-sample.csv'));
    expect(retail.delimiter).toBe(',');
    expect(retail.headers).toEqual([
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country'
    ]);
    expect(retail.rows).toHaveLength(20);
    expect(retail.rows[0][2]).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
    expect(sniff(text('csv/orders-semicolon-comma.csv'), true).delimiter).toBe(';');
    const cd = sniff(text('csv/cdnow-master-head.txt'));
    expect(cd.delimiter).toBe(' ');
    expect(cd.headers).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(cd.rows[0]).toEqual(['00001', '19970101', '1', '11.77']);
    expect(detectDelimiter(['a\tb\tc', '1\t2,5\t3'])).toBe('\t');
    expect(detectDelimiter(['a|b', '1|2'])).toBe('|');
  });

  it('ignores delimiters inside quotes when choosing', () => {
    expect(detectDelimiter(['name;note', 'a;"x, y, z"', 'b;"p, q"'])).toBe(';');
  });
});

describe('autoMap', () => {
  it('maps Online Retail and Telco headers exactly', () => {
    const retail = autoMap(sniff(text('csv/online-retail-sample.csv')).headers, 'orders');
    expect(retail.mapping).toEqual({
      orderId: 'InvoiceNo',
      customerId: 'CustomerID',
      productId: 'StockCode',
      productName: 'Description',
      quantity: 'Quantity',
      unitPrice: 'UnitPrice',
      ts: 'InvoiceDate',
      country: 'Country'
    });
    expect(Object.values(retail.confidence).every((c) => c === 1)).toBe(true);
    const telco = autoMap(sniff(text('csv/telco-slice.csv')).headers, 'customers');
    expect(telco.mapping).toEqual({ customerId: 'customerID' });
    expect(telco.unmapped).toHaveLength(20);
    expect(telco.unmapped).toContain('PhoneService');
  });

  it('maps Chinese and spelled-out synonyms, and typos fuzzily', () => {
    expect(autoMap(['客户编号', '姓名', '手机号'], 'customers').mapping).toEqual({
      customerId: '客户编号',
      name: '姓名',
      phone: '手机号'
    });
    expect(
      autoMap(['会员号', '下单时间', '单价', '数量', '订单号'], 'orders').mapping
    ).toMatchObject({
      customerId: '会员号',
      ts: '下单时间',
      unitPrice: '单价',
      quantity: '数量',
      orderId: '订单号'
    });
    const typo = autoMap(['Customer_Id', 'Quantiy', 'Unit Prise', 'Order Date'], 'orders');
    expect(typo.mapping).toMatchObject({
      customerId: 'Customer_Id',
      quantity: 'Quantiy',
      unitPrice: 'Unit Prise',
      ts: 'Order Date'
    });
    expect(typo.confidence.quantity).toBeLessThan(1);
    expect(typo.confidence.quantity).toBeGreaterThan(0.7);
  });

  it('does not map unrelated headers', () => {
    expect(headerSimilarity('PhoneService', 'phone')).toBe(0);
    expect(headerSimilarity('Contract', 'contact name')).toBe(0);
    expect(autoMap(['gender', 'tenure', 'Churn'], 'customers').mapping).toEqual({});
  });

  it('every field lists its own name and at least one Chinese synonym where it is user-facing', () => {
    for (const specs of Object.values(FIELDS))
      for (const s of specs) expect(s.synonyms[0]).toBe(s.field);
    expect(FIELDS.customers[0].synonyms).toEqual(
      expect.arrayContaining(['客户编号', '客户ID', '会员号', 'cust_id'])
    );
  });
});

describe('guessKind', () => {
  it('recognises each kind of export', () => {
    expect(guessKind(sniff(text('csv/online-retail-sample.csv')).headers)).toBe('orders');
    expect(guessKind(sniff(text('csv/telco-slice.csv')).headers)).toBe('customers');
    expect(guessKind(sniff(text('csv/cdnow-master-head.txt')).headers)).toBe('orders');
    expect(guessKind(sniff(text('csv/interactions.csv'), true).headers)).toBe('interactions');
    expect(guessKind(sniff(text('csv/relationships.csv'), true).headers)).toBe('relationships');
    expect(guessKind(sniff(text('csv/products.csv'), true).headers)).toBe('products');
    expect(guessKind(['foo', 'bar'])).toBeNull();
  });
});
