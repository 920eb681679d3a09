// Row errors are codes in core and words only in the catalogue: every code is said in English and
// in Chinese, with every placeholder filled, and the import's real errors come out in both.
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../src/lib/i18n/messages';
import { rowErrorText, withMessage } from '../../../src/lib/i18n/rowErrors';
import { runImport } from '../../../src/lib/core/ingest/import';
import type { ImportSink } from '../../../src/lib/core/ingest/sink';
import { bytesOf } from '../../../src/lib/core/ingest/streams';
import { ROW_ERROR_CODES, type RowError } from '../../../src/lib/core/types';

const SAMPLE_PARAMS = { fields: 5, columns: 8, encoding: 'UTF-8', from: '1900-01-01', to: '2026-12-03' }; // prettier-ignore
const HAN = /[\u4e00-\u9fff]/;

const sink: ImportSink = {
  customers: async () => {},
  orders: async () => {},
  products: async () => {},
  interactions: async () => {},
  relationships: async () => {}
};

describe('row error messages', () => {
  it('every code has an English and a Chinese entry, every placeholder filled', () => {
    for (const code of ROW_ERROR_CODES) {
      expect(catalogues.import.en, code).toHaveProperty([`rowError.${code}`]);
      expect(catalogues.import.zh, code).toHaveProperty([`rowError.${code}`]);
      const e = { code, params: { ...SAMPLE_PARAMS, kind: 'orders', field: 'customerId' } };
      const en = rowErrorText('en', e);
      const zh = rowErrorText('zh', e);
      expect(en).not.toMatch(/[{}]|rowError/);
      expect(zh).not.toMatch(/[{}]|rowError/);
      expect(zh, code).toMatch(HAN);
      expect(en).not.toMatch(HAN);
    }
    // Words for fields of files without an import kind (inbox, FAQ, CLI logs).
    for (const key of Object.keys(catalogues.import.en).filter((k) =>
      k.startsWith('rowError.field.')
    ))
      expect(catalogues.import.zh).toHaveProperty([key]);
  });

  it('an import reports codes; English and Chinese messages name what is wrong', async () => {
    const csv =
      'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n' +
      '1,A,2,2010-12-01,1.5,17850\n' +
      '2,B,x,2010-12-01,1.5,17850\n' +
      '3,C,1,yesterday,1.5,17850\n' +
      '4,D,1,2010-12-01,1.5,\n' +
      '5,E,1,12/1/10,1.5,17850\n' +
      '6,F,1,2010-12-01\n';
    const r = await runImport(bytesOf(csv), {
      fileName: 'x.csv',
      kind: 'orders',
      channel: 'shop',
      sink,
      now: Date.UTC(2026, 10, 30)
    });
    const codes = r.errors.map((e: RowError) => [e.row, e.column, e.code]);
    expect(codes).toEqual([
      [3, 'Quantity', 'notANumber'],
      [4, 'InvoiceDate', 'dateInvalid'],
      [5, 'CustomerID', 'orderNoCustomer'],
      [6, 'InvoiceDate', 'dateTwoDigitYear'],
      [7, '', 'fieldCount']
    ]);
    for (const e of r.errors) expect(e).not.toHaveProperty('message');
    const en = r.errors.map((e) => rowErrorText('en', e));
    const zh = r.errors.map((e) => withMessage(e, 'zh').message);
    expect(en).toEqual([
      'not a number',
      'not a valid date',
      'customer id is empty: order lines without a customer are not imported',
      'the year has only two digits: the century is unknown (write the year in full, e.g. 2010)',
      'row has 4 fields but the header has 6'
    ]);
    expect(zh).toEqual([
      '不是数字',
      '不是有效的日期',
      '客户编号为空：没有客户的订单行不会导入',
      '年份只有两位数字，无法确定世纪（请写出完整年份，例如 2010）',
      '这一行有 4 个字段，但表头有 6 列'
    ]);
  });

  it('names a required field by its label, and says when a value was only ignored', () => {
    const empty = { code: 'empty' as const, params: { kind: 'customers', field: 'customerId' } };
    expect(rowErrorText('en', empty)).toBe('Customer id is empty');
    expect(rowErrorText('zh', empty)).toBe('客户编号为空');
    const kept = { code: 'dateRange' as const, params: { from: '1900-01-01', to: '2026-12-03' }, kept: true as const }; // prettier-ignore
    expect(rowErrorText('en', kept)).toBe(
      'date outside the plausible range 1900-01-01 to 2026-12-03 (value ignored, row kept)'
    );
    expect(rowErrorText('zh', kept)).toBe(
      '日期不在合理范围 1900-01-01 至 2026-12-03 之内（已忽略该值，保留此行）'
    );
  });
});
