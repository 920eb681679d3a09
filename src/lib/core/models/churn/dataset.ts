// The churn dataset: which label (an explicit yes/no column, else "no purchase within N days of
// the cutoff"), which cutoff, and the feature tables to train on (as of the training cutoff)
// and to score (as of the last data). Same code for the app, the CLI and the bench.
import { ModelInputError } from '../../errors';
import type { RawTable } from '../../features/columns';
import { DAY_MS } from '../../features/history';
import {
  binaryColumns,
  detectLabelColumn,
  labelColumnProblems,
  labelsFromColumn,
  labelsFromHistory,
  proposeChurnWindow,
  type LabelColumnCheck
} from '../../features/labels';
import { buildRawTable } from '../../features/table';
import { lastOrderTs, type DataInputs } from '../inputs';
import type { LearnerKind, LearnerOverrides, TabularData } from '../learners/tabular';

export interface ChurnOptions {
  /** A yes/no customer column (null: from purchase history; absent: detected). */
  labelColumn?: string | null;
  /** History mode: churned = no purchase within this many days after the cutoff. */
  windowDays?: number;
  /** History mode: the training cutoff (epoch ms; features before it, the window after it).
   * Default: the last order date minus the window. */
  cutoff?: number;
  /** Columns to keep although profiling (or the history-mode guard) would drop them. */
  include?: string[];
  exclude?: string[];
  /** Outer folds of the nested cross-validation (default 5). */
  folds?: number;
  seed?: number;
  learners?: LearnerKind[];
  /** Expert use: parameters replacing a learner's defaults (e.g. fewer epochs). */
  learnerParams?: LearnerOverrides;
  /**
   * History mode: the user's "left anyway" (churned) and "saved" (not churned) signals on the
   * churn page, as labels: one dated inside the training label window replaces that customer's
   * label from purchases (the latest wins); others are ignored. The challenger passes them.
   */
  feedbackLabels?: FeedbackLabel[];
}

export interface FeedbackLabel {
  customerId: string;
  ts: number;
  churned: boolean;
}

/** Apply feedback labels dated inside [cutoff, cutoff + window) to history labels; returns how many. */
export function applyFeedbackLabels(
  ids: readonly string[],
  y: Uint8Array,
  labels: readonly FeedbackLabel[],
  cutoff: number,
  windowDays: number
): number {
  const end = cutoff + windowDays * DAY_MS;
  const at = new Map(ids.map((id, i) => [id, i]));
  const last = new Map<string, FeedbackLabel>();
  for (const f of [...labels].sort((a, b) => a.ts - b.ts))
    if (f.ts >= cutoff && f.ts < end && at.has(f.customerId)) last.set(f.customerId, f);
  for (const [id, f] of last) y[at.get(id)!] = f.churned ? 1 : 0;
  return last.size;
}

export interface LabelPlan {
  mode: 'column' | 'history' | 'none';
  column: string | null;
  /** Yes/no columns the user could pick instead. */
  candidates: string[];
  /** Columns named like a label that cannot be one, with what is wrong. */
  problems: LabelColumnCheck[];
  windowDays: number;
  proposedWindowDays: number;
  /** Why that window: 90% of repeat purchases came within `p90` days (`gaps` gaps). */
  proposal: { p90: number | null; gaps: number };
  /** History mode: features before this (epoch ms), label window after it. */
  trainCutoff: number;
  /** Scores describe customers as of this (the end of the data). */
  scoreCutoff: number;
  /** First and last order dates (epoch ms), null without orders. */
  firstTs: number | null;
  lastTs: number | null;
  customers: number;
  orders: number;
}

function firstOrderTs(inputs: DataInputs): number | null {
  let first = Infinity;
  for (const o of inputs.orders) if (o.ts < first) first = o.ts;
  return Number.isFinite(first) ? first : null;
}

/** What the label will be, from the options and the data. */
export function planLabel(inputs: DataInputs, o: ChurnOptions = {}): LabelPlan {
  const candidates = binaryColumns(inputs.customers);
  const lastTs = lastOrderTs(inputs.orders);
  const hasOrders = lastTs !== null;
  const column =
    o.labelColumn === undefined ? detectLabelColumn(inputs.customers) : o.labelColumn || null;
  const scoreCutoff = hasOrders ? lastTs + 1 : Date.now();
  // Proposed from the history the model may see: before the chosen cutoff, else all of it.
  const proposal = hasOrders
    ? proposeChurnWindow(inputs.orders, o.cutoff ?? scoreCutoff)
    : { days: 90, p90: null, gaps: 0 };
  const windowDays = Math.max(1, Math.round(o.windowDays ?? proposal.days));
  const mode = column ? 'column' : hasOrders ? 'history' : 'none';
  return {
    mode,
    column,
    candidates,
    problems: labelColumnProblems(inputs.customers),
    windowDays,
    proposedWindowDays: proposal.days,
    proposal: { p90: proposal.p90, gaps: proposal.gaps },
    trainCutoff: o.cutoff ?? scoreCutoff - windowDays * DAY_MS,
    scoreCutoff,
    firstTs: firstOrderTs(inputs),
    lastTs,
    customers: inputs.customers.length,
    orders: inputs.orders.length
  };
}

export interface ChurnDataset {
  options: ChurnOptions;
  plan: LabelPlan;
  /** Training rows: features as of the training cutoff (history) or the file (column). */
  train: TabularData;
  /** Every customer as of the scoring cutoff. */
  scoring: RawTable;
  /** What "churned" means here, in words. */
  explanation: string;
}

const dateText = (ts: number) => new Date(ts).toISOString().slice(0, 10);

export function churnDataset(inputs: DataInputs, options: ChurnOptions = {}): ChurnDataset {
  const plan = planLabel(inputs, options);
  const cols = { include: options.include, exclude: options.exclude };
  if (plan.mode === 'none') {
    const p = plan.problems[0];
    if (p) throw new ModelInputError(`label.${p.code}`, p.problem!, p.params);
    throw new ModelInputError(
      'label.none',
      'no churn label: import orders, or customers with a yes/no churn column'
    );
  }
  if (plan.mode === 'column') {
    const column = plan.column!;
    const labels = labelsFromColumn(inputs.customers, column);
    const keep = new Set(labels.ids);
    const opts = { label: column, ...cols };
    const raw = buildRawTable({ customers: inputs.customers.filter((c) => keep.has(c.id)) }, opts);
    return {
      options,
      plan,
      train: { raw, y: labels.y, cache: new Map() },
      scoring: buildRawTable({ customers: inputs.customers }, opts),
      explanation: labels.explanation
    };
  }
  if (plan.firstTs !== null && plan.trainCutoff <= plan.firstTs)
    throw new ModelInputError(
      'cutoff.beforeData',
      `the cutoff ${dateText(plan.trainCutoff)} is before the first order (${dateText(plan.firstTs)}): choose a later cutoff or a shorter window`,
      { cutoff: plan.trainCutoff, first: plan.firstTs }
    );
  const input = { ...inputs };
  const raw = buildRawTable(input, { cutoff: plan.trainCutoff, ...cols });
  const labels = labelsFromHistory(raw.ids, inputs.orders, plan.trainCutoff, plan.windowDays);
  const fromFeedback = options.feedbackLabels?.length
    ? applyFeedbackLabels(raw.ids, labels.y, options.feedbackLabels, plan.trainCutoff, plan.windowDays) // prettier-ignore
    : 0;
  return {
    options,
    plan,
    train: { raw, y: labels.y, cache: new Map() },
    scoring: buildRawTable(input, { cutoff: plan.scoreCutoff, ...cols }),
    explanation:
      labels.explanation +
      (fromFeedback ? ` (${fromFeedback} labels from your "saved" / "left anyway" marks)` : '')
  };
}
