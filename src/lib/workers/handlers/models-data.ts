// Data the model handlers share: everything read from the db once per data version, the churn
// label choice (explicit yes/no column, else "no purchase within N days") and the feature tables.
import {
  allInteractions,
  allOrders,
  allRelationships,
  getProducts,
  listCustomers,
  listStats
} from '../../core/db';
import type { CustomerStats } from '../../core/db';
import { DAY_MS } from '../../core/features/history';
import {
  binaryColumns,
  detectLabelColumn,
  labelsFromColumn,
  labelsFromHistory,
  proposeChurnWindow
} from '../../core/features/labels';
import { buildFeatureTable, buildRawTable, type FeatureTable } from '../../core/features/table';
import type { RawTable } from '../../core/features/columns';
import { rfmScores, type RfmRow } from '../../core/models/segments/rfm';
import type { Customer, Interaction, OrderLine, Product, Relationship } from '../../core/types';
import { dataVersion, getDb } from '../db';

export interface Inputs {
  customers: Customer[];
  orders: OrderLine[];
  interactions: Interaction[];
  relationships: Relationship[];
  products: Product[];
  stats: CustomerStats[];
  /** Timestamp of the last order line, or now when there are no orders. */
  lastTs: number;
}

let cache: { version: number; inputs: Promise<Inputs> } | null = null;

export function loadInputs(): Promise<Inputs> {
  const v = dataVersion();
  if (cache?.version === v) return cache.inputs;
  const db = getDb();
  const inputs = (async () => {
    const [customers, orders, interactions, relationships, products, stats] = await Promise.all([
      listCustomers(db),
      allOrders(db),
      allInteractions(db),
      allRelationships(db),
      getProducts(db),
      listStats(db)
    ]);
    let lastTs = -Infinity;
    for (const o of orders) if (o.ts > lastTs) lastTs = o.ts;
    if (!Number.isFinite(lastTs)) lastTs = Date.now();
    return { customers, orders, interactions, relationships, products, stats, lastTs };
  })();
  cache = { version: v, inputs };
  inputs.catch(() => (cache = null));
  return inputs;
}

/** What the user may choose about the churn label. */
export interface LabelChoice {
  /** A yes/no customer column, or null for "from purchase history". */
  column?: string | null;
  windowDays?: number;
}

export interface LabelPlan {
  mode: 'column' | 'history' | 'none';
  column: string | null;
  /** Yes/no columns the user could pick instead. */
  candidates: string[];
  windowDays: number;
  proposedWindowDays: number;
  /** Why this window (from proposeChurnWindow). */
  windowExplanation: string;
  /** Training cutoff (features before, label after) and scoring cutoff (features before). */
  trainCutoff: number;
  scoreCutoff: number;
  customers: number;
  orders: number;
}

export function planLabel(inp: Inputs, choice: LabelChoice = {}): LabelPlan {
  const candidates = binaryColumns(inp.customers);
  const detected = detectLabelColumn(inp.customers);
  const hasOrders = inp.orders.length > 0;
  const column = choice.column === undefined ? (detected ?? null) : choice.column || null;
  const scoreCutoff = inp.lastTs + 1;
  const proposal = hasOrders
    ? proposeChurnWindow(inp.orders, scoreCutoff)
    : { days: 90, explanation: '' };
  const windowDays = Math.max(1, Math.round(choice.windowDays ?? proposal.days));
  const mode = column ? 'column' : hasOrders ? 'history' : 'none';
  return {
    mode,
    column,
    candidates,
    windowDays,
    proposedWindowDays: proposal.days,
    windowExplanation: proposal.explanation,
    // The label window ends at the last order: features come from before it.
    trainCutoff: scoreCutoff - windowDays * DAY_MS,
    scoreCutoff,
    customers: inp.customers.length,
    orders: inp.orders.length
  };
}

export interface ChurnData {
  plan: LabelPlan;
  table: FeatureTable;
  y: Uint8Array;
  explanation: string;
  /** The table every customer is scored on (features up to the scoring cutoff). */
  scoring: RawTable;
}

export function churnData(
  inp: Inputs,
  plan: LabelPlan,
  cols: { include?: string[]; exclude?: string[] } = {}
): ChurnData {
  if (plan.mode === 'none')
    throw new Error('no churn label: import orders, or customers with a yes/no churn column');
  const base = {
    customers: inp.customers,
    interactions: inp.interactions,
    relationships: inp.relationships,
    products: inp.products
  };
  if (plan.mode === 'column') {
    const labels = labelsFromColumn(inp.customers, plan.column!);
    const keep = new Set(labels.ids);
    const opts = { label: plan.column!, ...cols };
    const table = buildFeatureTable(
      { customers: inp.customers.filter((c) => keep.has(c.id)) },
      opts
    );
    return {
      plan,
      table,
      y: labels.y,
      explanation: labels.explanation,
      scoring: buildRawTable({ customers: inp.customers }, opts)
    };
  }
  const input = { ...base, orders: inp.orders };
  const table = buildFeatureTable(input, { cutoff: plan.trainCutoff, ...cols });
  const labels = labelsFromHistory(table.ids, inp.orders, plan.trainCutoff, plan.windowDays);
  return {
    plan,
    table,
    y: labels.y,
    explanation: labels.explanation,
    scoring: buildRawTable(input, { cutoff: plan.scoreCutoff, ...cols })
  };
}

/** RFM rows of every customer with orders, as of the last order. */
export function rfmRows(inp: Inputs): RfmRow[] {
  const rows = inp.stats
    .filter((s) => s.orders > 0)
    .map((s) => ({
      id: s.customerId,
      recencyDays: (inp.lastTs - s.lastTs) / DAY_MS,
      frequency: s.orders,
      monetary: s.totalSpent
    }));
  return rows.length ? rfmScores(rows) : [];
}
