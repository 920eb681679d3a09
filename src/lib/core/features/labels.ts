// Churn labels: from an explicit yes/no column, or from what customers did after the cutoff.
import { ModelInputError } from '../errors';
import {
  describeLabelProblem,
  labelColumnProblem,
  looksLikeLabelName,
  readBinary
} from '../ingest/labelColumn';
import type { Customer, OrderLine } from '../types';
import { DAY_MS } from './history';
import { quantile } from './stats';

/** 1, 0, or null when the value is neither a yes-like nor a no-like value (ingest's reading). */
export const binaryValue = readBinary;

/** Attribute columns whose every non-blank value is yes/no, true/false or 0/1 (both present). */
export function binaryColumns(customers: Customer[]): string[] {
  const keys = new Set<string>();
  for (const c of customers) for (const k of Object.keys(c.attributes)) keys.add(k);
  return [...keys].filter((k) => {
    const seen = new Set<number>();
    for (const c of customers) {
      const v = c.attributes[k];
      if (v === null || v === undefined || v === '') continue;
      const b = binaryValue(v);
      if (b === null) return false;
      seen.add(b);
    }
    return seen.size === 2;
  });
}

/** The churn label column, found by name (churn, churned, 流失, label, attrition, exited...). */
export function detectLabelColumn(customers: Customer[]): string | null {
  return binaryColumns(customers).find(looksLikeLabelName) ?? null;
}

export interface LabelColumnCheck {
  column: string;
  positives: number;
  negatives: number;
  /** Non-blank values that are neither yes-like nor no-like, with their row counts. */
  unreadable: { value: string; rows: number }[];
  /** What is wrong, in words, or null when the column can be a label. */
  problem: string | null;
  /** The same as a code and params for the page to translate. */
  code: 'oneClass' | 'notYesNo' | 'empty' | null;
  params: Record<string, string | number>;
}

/** Whether a column can be a churn label, and exactly what is wrong when it cannot. */
export function checkLabelColumn(customers: Customer[], column: string): LabelColumnCheck {
  const values = customers.map((c) => c.attributes[column]);
  let positives = 0;
  let negatives = 0;
  for (const v of values) {
    const b = binaryValue(v);
    if (b === 1) positives++;
    else if (b === 0) negatives++;
  }
  const p = labelColumnProblem(column, values);
  const unreadable = p?.kind === 'otherValues' ? p.others : [];
  const base = { column, positives, negatives, unreadable };
  const problem = describeLabelProblem(p);
  if (!p) return { ...base, problem: null, code: null, params: {} };
  if (p.kind === 'empty') return { ...base, problem, code: 'empty', params: { column } };
  if (p.kind === 'oneClass')
    return { ...base, problem, code: 'oneClass', params: { column, value: p.value } };
  const values3 = unreadable
    .slice(0, 3)
    .map((u) => `"${u.value}" (${u.rows})`)
    .join(', ');
  return {
    ...base,
    problem,
    code: 'notYesNo',
    params: { column, values: values3, rows: unreadable.reduce((s, u) => s + u.rows, 0) }
  };
}

/** Columns named like a churn label that cannot be one, each with what is wrong. */
export function labelColumnProblems(customers: Customer[]): LabelColumnCheck[] {
  const keys = new Set<string>();
  for (const c of customers) for (const k of Object.keys(c.attributes)) keys.add(k);
  return [...keys]
    .filter(looksLikeLabelName)
    .map((k) => checkLabelColumn(customers, k))
    .filter((c) => c.problem !== null);
}

export interface Labels {
  ids: string[];
  /** 1 = churned. */
  y: Uint8Array;
  /** Plain-language description of what the label means. */
  explanation: string;
}

/**
 * Labels from a yes/no column. Customers with a blank value are left out; a column with one
 * class or with values other than yes/no is refused, saying exactly what is wrong.
 */
export function labelsFromColumn(customers: Customer[], column: string): Labels {
  if (!customers.some((c) => column in c.attributes))
    throw new ModelInputError('label.missing', `there is no column "${column}"`, { column });
  const check = checkLabelColumn(customers, column);
  if (check.problem) throw new ModelInputError(`label.${check.code}`, check.problem, check.params);
  const ids: string[] = [];
  const y: number[] = [];
  for (const c of customers) {
    const b = binaryValue(c.attributes[column]);
    if (b === null) continue;
    ids.push(c.id);
    y.push(b);
  }
  return { ids, y: Uint8Array.from(y), explanation: `churned = "${column}" is yes/1` };
}

export interface WindowProposal {
  days: number;
  /** The 90th percentile of gaps between purchase days (null: nobody bought twice). */
  p90: number | null;
  /** How many gaps it was computed from. */
  gaps: number;
  explanation: string;
}

/**
 * Propose the churn window: the 90th percentile of gaps between a customer's consecutive
 * purchase days before the cutoff, rounded up to a week and clamped to [30, 365] days. A
 * customer silent for longer than 9 in 10 observed gaps is unlikely just to be between orders.
 */
export function proposeChurnWindow(orders: OrderLine[], cutoff: number): WindowProposal {
  const days = new Map<string, Set<number>>();
  for (const o of orders) {
    if (!(o.ts < cutoff) || o.cancelled) continue;
    if (!days.has(o.customerId)) days.set(o.customerId, new Set());
    days.get(o.customerId)!.add(Math.floor(o.ts / DAY_MS));
  }
  const gaps: number[] = [];
  for (const set of days.values()) {
    const d = [...set].sort((a, b) => a - b);
    for (let k = 1; k < d.length; k++) gaps.push(d[k] - d[k - 1]);
  }
  if (!gaps.length) {
    return {
      days: 90,
      p90: null,
      gaps: 0,
      explanation: 'No customer bought twice before the cutoff, so the default of 90 days is used.'
    };
  }
  const p90 = quantile(gaps, 0.9);
  const w = Math.min(365, Math.max(30, Math.ceil(p90 / 7) * 7));
  return {
    days: w,
    p90,
    gaps: gaps.length,
    explanation:
      `90% of repeat purchases came within ${Math.round(p90)} days of the previous one ` +
      `(${gaps.length} gaps), so a customer with no purchase in the ${w} days after the cutoff ` +
      `is counted as churned.`
  };
}

/**
 * churned = 1 when the customer has no (non-cancelled) purchase in [cutoff, cutoff + window).
 * Looks only at events on or after the cutoff: features use only events before it.
 */
export function labelsFromHistory(
  ids: string[],
  orders: OrderLine[],
  cutoff: number,
  windowDays: number
): Labels {
  const end = cutoff + windowDays * DAY_MS;
  const bought = new Set<string>();
  for (const o of orders)
    if (o.ts >= cutoff && o.ts < end && !o.cancelled) bought.add(o.customerId);
  const last = orders.reduce((m, o) => Math.max(m, o.ts), -Infinity);
  if (last < end - DAY_MS) {
    const days = Math.ceil((end - last) / DAY_MS);
    throw new ModelInputError(
      'cutoff.windowPastData',
      `the orders end ${days} days before the churn window does: choose an earlier cutoff or a shorter window`,
      { days }
    );
  }
  return {
    ids,
    y: Uint8Array.from(ids, (id) => (bought.has(id) ? 0 : 1)),
    explanation: `churned = no purchase in the ${windowDays} days after the cutoff`
  };
}
