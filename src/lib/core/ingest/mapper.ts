// Turns one CSV record into the entity of an import kind, or into row errors. Compiled once
// per file: column indices and column profiles are resolved up front so the per-row work is
// lookups and parsing only.
import type { AttributeValue, EntityKind, OrderLine, RowError, RowErrorCode } from '../types';
import type {
  NewCustomer,
  NewInteraction,
  NewProduct,
  NewRelationship,
  OrderColumns
} from './sink';
import { dateFailure, isoDay, latestPlausible, MIN_PLAUSIBLE, parseDate } from './dates';
import { parseNumber } from './numbers';
import type { ColumnProfile } from './profile';
import { attributeValue } from './profile';
import { sameText, trimmed } from './text';

export type Entity = NewCustomer | OrderLine | NewProduct | NewInteraction | NewRelationship;

export interface MapperContext {
  file: string;
  kind: EntityKind;
  channel: string;
  headers: string[];
  /** Target field -> header. */
  mapping: Record<string, string>;
  /** One profile per column (same order as headers). */
  profiles: ColumnProfile[];
  /** True once the caller keeps no more errors (rows are still counted as rejected). */
  errorsFull?: () => boolean;
  /** "Today" for the plausible-date check (default: the clock). */
  now?: number;
  /**
   * Orders only: hand each valid line's values to this (a sink's column builder) instead of
   * building an OrderLine; the mapper then returns EMITTED for a kept row.
   */
  emitOrder?: OrderColumns['line'];
}

/** What a mapper with `emitOrder` returns for a row it handed over (null: rejected). */
export const EMITTED = Object.freeze({}) as Entity;

/** Maps a record; pushes problems to `report`. Returns null when the row is rejected. */
export type RowMapper = (
  fields: string[],
  row: number,
  report: (e: RowError) => void
) => Entity | null;

/** Online Retail marks cancellations with invoice numbers like "C536379". */
function cancelledInvoice(id: string): boolean {
  const c = id.charCodeAt(0) | 32; // 'C' or 'c'
  const d = id.charCodeAt(1);
  return c === 99 && d >= 48 && d <= 57;
}

/** 53-bit string hash (cyrb53, public domain) for stable ids of id-less interactions. */
export function hash53(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Per-row parsing helpers. One instance per file, reset for each row (no closures per row:
 * this runs a million times per import).
 */
class RowContext {
  ok = true;
  private fields: string[] = [];
  private row = 0;
  private report: (e: RowError) => void = () => {};
  // Per-column caches: exports repeat the same timestamp on consecutive lines of one invoice.
  private lastDateRaw: string[] = [];
  private lastDate: (number | null)[] = [];

  private readonly latest: number;
  private readonly range: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly kind: EntityKind,
    private readonly headers: string[],
    private readonly profiles: ColumnProfile[],
    private readonly errorsFull: () => boolean,
    now: number
  ) {
    this.latest = latestPlausible(now);
    this.range = { from: isoDay(MIN_PLAUSIBLE), to: isoDay(this.latest) };
  }

  reset(fields: string[], row: number, report: (e: RowError) => void): void {
    this.fields = fields;
    this.row = row;
    this.report = report;
    this.ok = true;
  }

  fail(c: number, code: RowErrorCode, params?: RowError['params'], value?: string): void {
    this.ok = false;
    if (this.errorsFull()) return; // past the error cap: count the row, skip building the error
    const e: RowError = {
      file: this.file,
      row: this.row,
      column: c >= 0 ? this.headers[c] : '',
      code
    };
    if (params) e.params = params;
    if (value !== undefined) e.value = value;
    this.report(e);
  }

  /** Whether the row is rejected and no more of its errors are kept (past the cap). */
  capped(): boolean {
    return !this.ok && this.errorsFull();
  }

  /** A problem with an optional value: the value is ignored, the row kept. */
  warn(c: number, code: RowErrorCode, params: RowError['params'], value: string): void {
    if (this.errorsFull()) return;
    const e: RowError = { file: this.file, row: this.row, column: this.headers[c], code, kept: true, value }; // prettier-ignore
    if (params) e.params = params;
    this.report(e);
  }

  str(c: number): string {
    return c >= 0 && c < this.fields.length ? trimmed(this.fields[c]) : '';
  }

  opt(c: number): string | undefined {
    const v = this.str(c);
    return v === '' ? undefined : v;
  }

  /** A required value: empty is a row error naming the field. */
  need(c: number, field: string): string {
    const v = this.str(c);
    if (v === '') this.fail(c, 'empty', { kind: this.kind, field });
    return v;
  }

  date(c: number, required: boolean): number | undefined {
    const raw = this.str(c);
    if (raw === '') {
      if (required) this.fail(c, 'dateEmpty');
      return undefined;
    }
    let v: number | null;
    const prev = this.lastDateRaw[c];
    if (prev !== undefined && sameText(prev, raw)) v = this.lastDate[c];
    else {
      v = parseDate(raw, this.profiles[c].dateOrder);
      this.lastDateRaw[c] = raw;
      this.lastDate[c] = v;
    }
    let problem: RowErrorCode | null = null;
    if (v === null) problem = dateFailure(raw);
    else if (v < MIN_PLAUSIBLE || v > this.latest) problem = 'dateRange';
    if (problem !== null) {
      const params = problem === 'dateRange' ? this.range : undefined;
      if (required) this.fail(c, problem, params, raw);
      else this.warn(c, problem, params, raw);
      return undefined;
    }
    return v!;
  }

  num(c: number, required: boolean): number | undefined {
    const raw = this.str(c);
    if (raw === '') {
      if (required) this.fail(c, 'numberEmpty');
      return undefined;
    }
    const v = parseNumber(raw, this.profiles[c].decimal);
    if (v === null || !Number.isFinite(v)) {
      if (required) this.fail(c, 'notANumber', undefined, raw);
      else this.warn(c, 'notANumber', undefined, raw);
      return undefined;
    }
    return v;
  }
}

export function createMapper(ctx: MapperContext): RowMapper {
  const { file, headers, mapping, profiles, kind } = ctx;
  const col = (field: string): number => (mapping[field] ? headers.indexOf(mapping[field]) : -1);
  const nCols = headers.length;
  const used = new Set(Object.values(mapping).map((h) => headers.indexOf(h)));
  // Unmapped columns of customer and product exports are kept as typed attributes.
  const attrCols: { index: number; key: string }[] = [];
  if (kind === 'customers' || kind === 'products') {
    const seen = new Map<string, number>();
    headers.forEach((h, index) => {
      if (used.has(index)) return;
      const base = h || `column ${index + 1}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      attrCols.push({ index, key: k > 1 ? `${base} (${k})` : base });
    });
  }

  const m = new RowContext(
    file,
    kind,
    headers,
    profiles,
    ctx.errorsFull ?? (() => false),
    ctx.now ?? Date.now()
  );
  const rowChannel = col('channel');
  const channelOf = (m: RowContext) => (rowChannel >= 0 && m.str(rowChannel)) || ctx.channel;

  const attributes = (fields: string[]): Record<string, AttributeValue> => {
    const a: Record<string, AttributeValue> = {};
    for (const { index, key } of attrCols)
      a[key] = attributeValue(fields[index] ?? '', profiles[index]);
    return a;
  };

  let build: (m: RowContext, fields: string[]) => Entity;
  if (kind === 'customers') {
    const [cId, cName, cEmail, cPhone, cCountry, cCity, cCreated] = [
      'customerId', 'name', 'email', 'phone', 'country', 'city', 'createdAt'
    ].map(col); // prettier-ignore
    build = (m, fields) => {
      const c: NewCustomer = {
        id: m.need(cId, 'customerId'),
        channel: channelOf(m),
        attributes: attributes(fields)
      };
      const name = m.opt(cName);
      if (name !== undefined) c.name = name;
      const email = m.opt(cEmail);
      if (email !== undefined) c.email = email;
      const phone = m.opt(cPhone);
      if (phone !== undefined) c.phone = phone;
      const country = m.opt(cCountry);
      if (country !== undefined) c.country = country;
      const city = m.opt(cCity);
      if (city !== undefined) c.city = city;
      if (cCreated >= 0) {
        const t = m.date(cCreated, false);
        if (t !== undefined) c.createdAt = t;
      }
      return c;
    };
  } else if (kind === 'orders') {
    const [cOrder, cCust, cProd, cName, cQty, cPrice, cAmount, cTs] = [
      'orderId', 'customerId', 'productId', 'productName', 'quantity', 'unitPrice', 'amount', 'ts'
    ].map(col); // prettier-ignore
    const emit = ctx.emitOrder;
    build = (m) => {
      const customerId = m.str(cCust);
      if (customerId === '') {
        m.fail(cCust, 'orderNoCustomer');
        // Past the error cap nothing more of a rejected row is kept: skip its other values.
        if (m.capped()) return EMITTED;
      }
      const ts = m.date(cTs, true);
      const quantity = cQty >= 0 ? m.num(cQty, true) : 1;
      let unitPrice =
        cPrice >= 0 && (cAmount < 0 || m.str(cPrice) !== '') ? m.num(cPrice, true) : undefined;
      if (unitPrice === undefined && cAmount >= 0 && m.ok) {
        // Only a line total: unit price = amount / quantity (quantity 0: the amount itself).
        const amount = m.num(cAmount, true);
        if (amount !== undefined && quantity !== undefined)
          unitPrice = quantity ? amount / quantity : amount;
      }
      const raw = m.str(cOrder);
      const orderId = raw || `${customerId}@${ts}`;
      const cancelled = cancelledInvoice(raw) || (quantity ?? 0) < 0;
      const name = m.opt(cName);
      if (emit) {
        if (m.ok)
          emit(orderId, customerId, m.str(cProd), name, quantity!, unitPrice ?? 0, ts!, channelOf(m), cancelled); // prettier-ignore
        return EMITTED;
      }
      const line: OrderLine = {
        orderId,
        customerId,
        productId: m.str(cProd),
        quantity: quantity ?? 0,
        unitPrice: unitPrice ?? 0,
        ts: ts ?? 0,
        channel: channelOf(m),
        cancelled
      };
      if (name !== undefined) line.productName = name;
      return line;
    };
  } else if (kind === 'products') {
    const [cId, cName, cCat, cPrice] = ['productId', 'name', 'category', 'price'].map(col);
    build = (m, fields) => {
      const p: NewProduct = {
        id: m.need(cId, 'productId'),
        attributes: attributes(fields)
      };
      const name = m.opt(cName);
      if (name !== undefined) p.name = name;
      const cat = m.opt(cCat);
      if (cat !== undefined) p.category = cat;
      if (cPrice >= 0) {
        const price = m.num(cPrice, false);
        if (price !== undefined) p.price = price;
      }
      return p;
    };
  } else if (kind === 'interactions') {
    const [cId, cCust, cTs, cKind, cText, cLabel, cReply] = [
      'interactionId', 'customerId', 'ts', 'kind', 'text', 'label', 'reply'
    ].map(col); // prettier-ignore
    build = (m) => {
      const customerId = m.need(cCust, 'customerId');
      const ts = m.date(cTs, true) ?? 0;
      const text = m.need(cText, 'text');
      const it: NewInteraction = {
        id: m.str(cId) || hash53(`${customerId}\u0000${ts}\u0000${text}`),
        customerId,
        ts,
        channel: channelOf(m),
        kind: m.str(cKind).toLowerCase() || 'message',
        text
      };
      const label = m.opt(cLabel);
      if (label !== undefined) it.label = label;
      const reply = m.opt(cReply);
      if (reply !== undefined) it.reply = reply;
      return it;
    };
  } else {
    const [cFrom, cTo, cKind, cWeight, cTs] = ['from', 'to', 'kind', 'weight', 'ts'].map(col);
    build = (m) => {
      const from = m.need(cFrom, 'from');
      const to = m.need(cTo, 'to');
      const k = m.str(cKind) || 'link';
      const r: NewRelationship = {
        id: `${from}->${to}:${k}`,
        from,
        to,
        kind: k,
        weight: cWeight >= 0 ? (m.num(cWeight, false) ?? 1) : 1
      };
      if (cTs >= 0) {
        const t = m.date(cTs, false);
        if (t !== undefined) r.ts = t;
      }
      return r;
    };
  }

  return (fields, row, report) => {
    if (fields.length !== nCols) {
      // A trailing empty field (line ending in a delimiter) is harmless; anything else is ragged.
      let extra = false;
      for (let i = nCols; i < fields.length; i++) if (fields[i].trim() !== '') extra = true;
      if (fields.length < nCols || extra) {
        report({
          file,
          row,
          column: '',
          code: extra ? 'fieldCountExtra' : 'fieldCount',
          params: { fields: fields.length, columns: nCols }
        });
        return null;
      }
    }
    m.reset(fields, row, report);
    const e = build(m, fields);
    return m.ok ? e : null;
  };
}
