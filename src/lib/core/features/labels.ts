// Churn labels: from an explicit yes/no column, or from what customers did after the cutoff.
import type { AttributeValue, Customer, OrderLine } from '../types';
import { DAY_MS } from './history';
import { quantile } from './stats';

const LABEL_NAMES =
  /^(is[_ ]?)?(churn|churned|流失|是否流失|label|attrition|attrited|exited|target)$/i;
const POSITIVE = new Set(['yes', 'y', 'true', '1', 't', '是', 'churned', 'attrited customer']);
const NEGATIVE = new Set(['no', 'n', 'false', '0', 'f', '否', 'stayed', 'existing customer']);

/** 1, 0, or null when the value is neither a yes-like nor a no-like value. */
export function binaryValue(v: AttributeValue | undefined): 0 | 1 | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = String(v).trim().toLowerCase();
  if (POSITIVE.has(s)) return 1;
  if (NEGATIVE.has(s)) return 0;
  return null;
}

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
  return binaryColumns(customers).find((k) => LABEL_NAMES.test(k.trim())) ?? null;
}

export interface Labels {
  ids: string[];
  /** 1 = churned. */
  y: Uint8Array;
  /** Plain-language description of what the label means. */
  explanation: string;
}

/** Labels from a yes/no column; customers with a blank or unreadable value are left out. */
export function labelsFromColumn(customers: Customer[], column: string): Labels {
  const ids: string[] = [];
  const y: number[] = [];
  for (const c of customers) {
    const b = binaryValue(c.attributes[column]);
    if (b === null) continue;
    ids.push(c.id);
    y.push(b);
  }
  if (!ids.length) throw new Error(`column "${column}" has no yes/no or 0/1 values`);
  return { ids, y: Uint8Array.from(y), explanation: `churned = "${column}" is yes/1` };
}

export interface WindowProposal {
  days: number;
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
      explanation: 'No customer bought twice before the cutoff, so the default of 90 days is used.'
    };
  }
  const p90 = quantile(gaps, 0.9);
  const w = Math.min(365, Math.max(30, Math.ceil(p90 / 7) * 7));
  return {
    days: w,
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
    throw new Error(
      `the orders end ${Math.ceil((end - last) / DAY_MS)} days before the churn window does: choose an earlier cutoff or a shorter window`
    );
  }
  return {
    ids,
    y: Uint8Array.from(ids, (id) => (bought.has(id) ? 0 : 1)),
    explanation: `churned = no purchase in the ${windowDays} days after the cutoff`
  };
}
