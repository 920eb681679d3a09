// Column profiles inferred from the first batch of rows: how to read each column's numbers and
// dates, and what type an attribute column has.
import type { AttributeValue } from '../types';
import { detectDateOrder, type DateOrder } from './dates';
import { detectDecimalMark, parseNumber, type DecimalMark } from './numbers';

export type AttributeType = 'number' | 'boolean' | 'string';

export interface ColumnProfile {
  decimal: DecimalMark;
  dateOrder: DateOrder;
  type: AttributeType;
}

/**
 * Profile one column from sample values; `decimalPrior` is ',' for semicolon-separated files.
 * Each distinct value is examined once, weighted by how often it occurs (exports repeat the
 * same timestamps, prices and quantities on many lines): the same answer as value by value.
 */
export function profileColumn(values: string[], decimalPrior: DecimalMark = '.'): ColumnProfile {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const decimal = detectDecimalMark(counts, decimalPrior);
  const dateOrder = detectDateOrder(counts.keys());
  let nonEmpty = 0;
  let numeric = true;
  let boolean = true;
  for (const raw of counts.keys()) {
    const v = raw.trim();
    if (v === '') continue;
    nonEmpty++;
    if (numeric && parseNumber(v, decimal) === null) numeric = false;
    if (boolean && !/^(true|false)$/i.test(v)) boolean = false;
    if (!numeric && !boolean) break;
  }
  const type: AttributeType =
    nonEmpty === 0 ? 'string' : numeric ? 'number' : boolean ? 'boolean' : 'string';
  return { decimal, dateOrder, type };
}

/** An attribute cell as its column's type: numbers as numbers, blanks as null, else text. */
export function attributeValue(raw: string, p: ColumnProfile): AttributeValue {
  const v = raw.trim();
  if (v === '') return null;
  if (p.type === 'number') return parseNumber(v, p.decimal) ?? v;
  if (p.type === 'boolean') return /^true$/i.test(v) ? true : /^false$/i.test(v) ? false : v;
  return v;
}
