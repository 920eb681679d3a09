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
import { parseNumber, plainDecimalAt } from './numbers';
import type { ColumnProfile } from './profile';
import { attributeValue } from './profile';
import { Interner, ownCopy, sameAt, sameText, trimmed } from './text';
import { cancelledInvoice, orderBytes, type OrderBytes } from './orderBytes';

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
  /** With emitOrder, the sink's OrderColumns.repeat when it has one (the byte path uses it). */
  repeatOrder?: OrderColumns['repeat'];
  /** The file's delimiter: with emitOrder, the mapper also reads lines in place (RowMapper.line). */
  delimiter?: string;
  /** Distinct product codes the line reader interns before it starts again (tests: small). */
  internLimit?: number;
}

/** What a mapper with `emitOrder` returns for a row it handed over (null: rejected). */
export const EMITTED = Object.freeze({}) as Entity;

/** Maps a record; pushes problems to `report`. Returns null when the row is rejected. */
export type RowMapper = ((
  fields: string[],
  row: number,
  report: (e: RowError) => void
) => Entity | null) & {
  /**
   * Orders with emitOrder: maps the unquoted line `s.slice(start, end)` read in place, without
   * splitting it into strings. Returns 1 (emitted), 0 (rejected) or -1: not taken, because the
   * row needs what only the field-wise mapper does (a row error, trimming, an unusual number or
   * date); the caller then splits the line and maps its fields, which gives the same result.
   */
  line?: (s: string, start: number, end: number) => number;
  /** Orders with `line`: the same for lines the WebAssembly scanner pre-read (orderBytes.ts). */
  lineBytes?: OrderBytes;
};

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

  const now = ctx.now ?? Date.now();
  const errorsFull = ctx.errorsFull ?? (() => false);
  const m = new RowContext(file, kind, headers, profiles, errorsFull, now);
  let line: RowMapper['line'];
  let lineBytes: OrderBytes | undefined;
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
    const d = ctx.delimiter;
    if (
      emit &&
      d &&
      d.length === 1 &&
      d !== ' ' &&
      nCols > 1 &&
      cCust >= 0 &&
      cTs >= 0 &&
      cOrder >= 0 &&
      (cPrice >= 0 || cAmount < 0)
    ) {
      // Both readers share the product interner: its index names a code to the column builder.
      const products = new Interner(ctx.internLimit);
      const latest = latestPlausible(now);
      // prettier-ignore
      line = orderLines(d, nCols, [cOrder, cCust, cProd, cName, cQty, cPrice, cTs, rowChannel], {
        profiles,
        channel: ctx.channel,
        latest,
        errorsFull,
        emit,
        products
      });
      const comma = (c: number) => c >= 0 && profiles[c].decimal === ',';
      // prettier-ignore
      lineBytes = orderBytes({
        nCols, delimiter: d, order: cOrder, customer: cCust, product: cProd, name: cName,
        quantity: cQty, unitPrice: cPrice, ts: cTs, channel: rowChannel,
        commaQuantity: comma(cQty), commaPrice: comma(cPrice)
      }, { dateOrder: profiles[cTs].dateOrder, channel: ctx.channel, latest, errorsFull, emit, repeat: ctx.repeatOrder, products });
    }
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

  const mapper: RowMapper = (fields, row, report) => {
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
  if (line) mapper.line = line;
  if (lineBytes) mapper.lineBytes = lineBytes;
  return mapper;
}

/**
 * RowMapper.line for orders: the order mapper's work on a line read in place. Only rows that the
 * field-wise mapper would keep without a word (or reject silently past the error cap) are
 * taken; each value is read exactly as the field-wise path reads it: a field whose first or last
 * character trim could remove is not taken, numbers are plainDecimal's (parseNumber's first
 * step), dates parseDate's. Repeated texts (an order's lines, a product's code and name) are
 * handed on as the same string object, which the column builder matches by identity.
 */
function orderLines(
  delimiter: string,
  nCols: number,
  cols: number[],
  o: {
    profiles: ColumnProfile[];
    channel: string;
    latest: number;
    errorsFull: () => boolean;
    emit: NonNullable<MapperContext['emitOrder']>;
    products: Interner;
  }
): NonNullable<RowMapper['line']> {
  const [cOrder, cCust, cProd, cName, cQty, cPrice, cTs, cChannel] = cols;
  const { emit, latest, errorsFull } = o;
  const starts = new Int32Array(nCols);
  const ends = new Int32Array(nCols);
  const used = cols.filter((c) => c >= 0);
  const dateOrder = o.profiles[cTs].dateOrder;
  const commaQty = cQty >= 0 && o.profiles[cQty].decimal === ',';
  const commaPrice = cPrice >= 0 && o.profiles[cPrice].decimal === ',';
  const products = o.products;
  /** Per product (its interner index), its last name. */
  let names: string[] = [];
  let clears = 0;
  let noProductName: string | undefined;
  let lastOrder = '';
  let lastCustomer = '';
  let lastChannel = '';
  let lastTsRaw = '';
  let lastTs = 0;
  /** plainDecimal of a column's value, NaN where parseNumber might read it otherwise. */
  const number = (s: string, c: number, comma: boolean): number => {
    const a = starts[c];
    const b = ends[c];
    // In a decimal-comma column "1.234" is a thousand: parseNumber's business.
    if (comma) for (let i = a; i < b; i++) if (s.charCodeAt(i) === 46) return NaN;
    return plainDecimalAt(s, a, b);
  };
  return (s, start, end) => {
    let p = start;
    for (let c = 0; c < nCols - 1; c++) {
      const q = s.indexOf(delimiter, p);
      if (q === -1 || q >= end) return -1;
      starts[c] = p;
      ends[c] = q;
      p = q + 1;
    }
    starts[nCols - 1] = p;
    ends[nCols - 1] = end;
    const extra = s.indexOf(delimiter, p);
    if (extra !== -1 && extra < end) return -1;
    for (let k = 0; k < used.length; k++) {
      const a = starts[used[k]];
      const b = ends[used[k]];
      if (a === b) continue;
      const x = s.charCodeAt(a);
      const y = s.charCodeAt(b - 1);
      if (!(x > 32 && x < 128 && y > 32 && y < 128)) return -1; // trim might change it
    }
    const orderAt = starts[cOrder];
    const orderEnd = ends[cOrder];
    if (orderAt === orderEnd) return -1; // no order id: one is made up (field-wise)
    if (starts[cCust] === ends[cCust]) {
      // No customer: a row error, or past the cap only a rejected row (the line is not blank:
      // its order id is not).
      return errorsFull() ? 0 : -1;
    }
    let ts: number;
    const tsAt = starts[cTs];
    const tsEnd = ends[cTs];
    if (tsAt === tsEnd) return -1;
    if (lastTsRaw !== '' && sameAt(s, tsAt, tsEnd, lastTsRaw)) ts = lastTs;
    else {
      const v = parseDate(s.slice(tsAt, tsEnd), dateOrder);
      if (v === null || v < MIN_PLAUSIBLE || v > latest) return -1;
      lastTsRaw = ownCopy(s, tsAt, tsEnd);
      lastTs = ts = v;
    }
    let quantity = 1;
    if (cQty >= 0) {
      quantity = number(s, cQty, commaQty);
      if (quantity !== quantity) return -1;
    }
    let unitPrice = 0;
    if (cPrice >= 0) {
      unitPrice = number(s, cPrice, commaPrice);
      if (unitPrice !== unitPrice) return -1;
    }
    const orderId = sameAt(s, orderAt, orderEnd, lastOrder)
      ? lastOrder
      : (lastOrder = ownCopy(s, orderAt, orderEnd));
    const customerId = sameAt(s, starts[cCust], ends[cCust], lastCustomer)
      ? lastCustomer
      : (lastCustomer = ownCopy(s, starts[cCust], ends[cCust]));
    const productId =
      cProd >= 0 && starts[cProd] < ends[cProd] ? products.get(s, starts[cProd], ends[cProd]) : '';
    let name: string | undefined;
    if (cName >= 0 && starts[cName] < ends[cName]) {
      if (products.clears !== clears) {
        names = [];
        clears = products.clears;
      }
      // Without a product code, index -1: a name of its own, compared all the same.
      const at = productId === '' ? -1 : products.index;
      name = at >= 0 ? names[at] : noProductName;
      if (name === undefined || !sameAt(s, starts[cName], ends[cName], name)) {
        name = ownCopy(s, starts[cName], ends[cName]);
        if (at >= 0) names[at] = name;
        else noProductName = name;
      }
    }
    let channel = o.channel;
    if (cChannel >= 0 && starts[cChannel] < ends[cChannel])
      channel = sameAt(s, starts[cChannel], ends[cChannel], lastChannel)
        ? lastChannel
        : (lastChannel = ownCopy(s, starts[cChannel], ends[cChannel]));
    const cancelled = cancelledInvoice(orderId) || quantity < 0;
    // The interner's index names the product code until the interner is first cleared (past
    // `internLimit` distinct codes); after that indices repeat, and the sink hashes the code.
    const key = productId !== '' && products.clears === 0 ? products.index : -1;
    emit(orderId, customerId, productId, name, quantity, unitPrice, ts, channel, cancelled, key);
    return 1;
  };
}
