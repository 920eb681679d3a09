// What the churn page asks besides train / results / scores / explain: the label plan, the
// feature table, one confusion matrix at a chosen threshold, the ranked list joined with value
// and segment, what-ifs, and the CSV export. Each runs on the model runtime.
import type { ColumnInfo, RawValue } from '../../features/columns';
import { encodeTable, featureTableToCsv, rawRecord } from '../../features/table';
import type { ConfusionMatrix } from '../../evaluate/metrics';
import { moneyHeader, toCsv } from '../../ingest/export';
import { riskiestValueShare, type ValueAtRiskShare } from '../headline';
import type { FamilyEnv } from '../runtime';
import { currentSegments } from '../segments/family';
import { churnDataset, planLabel, type ChurnOptions, type LabelPlan } from './dataset';
import type { ChurnModel } from './model';
import { confusionAt, foldConfusion } from './present';
import type { ReasonDetail, StructuredReason } from './reasons';
import type { ChurnReport } from './train';

export interface FeatureTableView {
  rows: number;
  kept: { name: string; origin: string; kind: string; encoded: number; note: string }[];
  dropped: ColumnInfo[];
  /** Columns valued as of the export that the user kept in history mode. */
  leaky: string[];
  csv: string;
}

export interface RankedRow {
  id: string;
  name: string;
  email: string;
  risk: number;
  /** What the customer is worth: lifetime value when fitted, else net spend; null unknown. */
  value: number | null;
  valueAtRisk: number | null;
  reason: string;
  reasonDetail?: ReasonDetail;
  segment: string;
}

export interface RankedPage {
  total: number;
  rows: RankedRow[];
  segments: string[];
  modelId: string | null;
  /** Where `value` comes from. */
  valueSource: 'clv' | 'spend' | null;
  /** The headline: the riskiest tenth of all customers and their share of the value. */
  atRisk?: ValueAtRiskShare;
}

async function rankedRows(env: FamilyEnv, segment?: string): Promise<RankedPage> {
  const rt = env.runtime;
  const inputs = await rt.inputs();
  const seg = currentSegments(inputs);
  const segments = [...new Set(seg.values())].sort();
  const page = await rt.scores(env.family, { limit: Number.MAX_SAFE_INTEGER });
  const clv = await rt.activeScoreMap('clv');
  const spent = new Map((inputs.stats ?? []).map((s) => [s.customerId, s.totalSpent]));
  const valueSource = clv.size ? 'clv' : spent.size ? 'spend' : null;
  const people = new Map(inputs.customers.map((c) => [c.id, c]));
  let rows: RankedRow[] = page.rows.map((s) => {
    const reasons = (s.detail?.reasons ?? []) as StructuredReason[];
    const value =
      valueSource === 'clv'
        ? (clv.get(s.entityId)?.value ?? null)
        : valueSource === 'spend'
          ? (spent.get(s.entityId) ?? null)
          : null;
    const c = people.get(s.entityId);
    return {
      id: s.entityId,
      name: c?.name ?? '',
      email: c?.email ?? '',
      risk: s.value,
      value,
      valueAtRisk: value === null ? null : s.value * value,
      reason: reasons[0]?.text ?? '',
      ...(reasons[0]?.key
        ? { reasonDetail: { key: reasons[0].key, params: reasons[0].params } }
        : {}),
      segment: seg.get(s.entityId) ?? ''
    };
  });
  // Over all customers, before any segment filter: the page's headline.
  const atRisk = valueSource ? riskiestValueShare(rows, 0.1) : undefined;
  if (segment) rows = rows.filter((r) => r.segment === segment);
  rows.sort(
    (a, b) =>
      (b.valueAtRisk ?? -1) - (a.valueAtRisk ?? -1) || b.risk - a.risk || (a.id < b.id ? -1 : 1)
  );
  return {
    total: rows.length,
    rows,
    segments,
    modelId: page.modelId,
    valueSource,
    ...(atRisk ? { atRisk } : {})
  };
}

async function activeRecord(
  env: FamilyEnv,
  id: string
): Promise<{ model: ChurnModel; record: Record<string, RawValue> } | null> {
  const active = await env.runtime.active<ChurnModel>(env.family);
  if (!active) return null;
  const ds = (await env.runtime.dataset(
    env.family,
    active.version.options as ChurnOptions
  )) as ReturnType<typeof churnDataset>;
  const row = ds.scoring.ids.indexOf(id);
  return row < 0 ? null : { model: active.model, record: rawRecord(ds.scoring, row) };
}

/** The family's id (family.ts), here so that code without the family's training part can name it. */
export const CHURN_ID = 'churn';

export const churnActions = {
  /** What the label will be for these options (the page shows it before training). */
  async label(env: FamilyEnv, options: ChurnOptions | undefined): Promise<LabelPlan> {
    return planLabel(await env.runtime.inputs(), options ?? {});
  },

  async features(env: FamilyEnv, options: ChurnOptions | undefined): Promise<FeatureTableView> {
    const ds = churnDataset(await env.runtime.inputs(), options ?? {});
    const table = encodeTable(ds.train.raw);
    const sources = [...new Set(table.columns.map((c) => c.source))];
    return {
      rows: table.nRows,
      kept: sources.map((s) => {
        const cs = table.columns.filter((c) => c.source === s);
        return {
          name: s,
          origin: cs[0].origin,
          kind: cs[0].kind,
          encoded: cs.length,
          note: [...new Set(cs.map((c) => c.reason).filter(Boolean))].join('; ')
        };
      }),
      dropped: table.dropped,
      leaky: ds.train.raw.leaky ?? [],
      csv: featureTableToCsv(table)
    };
  },

  /** Out-of-fold counts: at each fold's own threshold, or at one the user picked. */
  async confusion(
    env: FamilyEnv,
    args: { threshold?: number; modelId?: string } | undefined
  ): Promise<ConfusionMatrix | null> {
    const r = await env.runtime.report<ChurnReport>(env.family, args?.modelId);
    if (!r) return null;
    return args?.threshold === undefined
      ? foldConfusion(r.report)
      : confusionAt(r.report, args.threshold);
  },

  async ranked(
    env: FamilyEnv,
    args: { segment?: string; offset?: number; limit?: number } | undefined
  ): Promise<RankedPage> {
    const all = await rankedRows(env, args?.segment);
    const offset = args?.offset ?? 0;
    return { ...all, rows: all.rows.slice(offset, offset + (args?.limit ?? 50)) };
  },

  async whatIf(
    env: FamilyEnv,
    args: { id: string; changes: Record<string, RawValue> }
  ): Promise<{ before: number; after: number; change: number }> {
    const a = await activeRecord(env, args.id);
    if (!a) throw new Error(`no churn score for customer ${args.id}`);
    return a.model.whatIf(a.record, args.changes);
  },

  /** The ranked list as CSV, with names and e-mails for a campaign (formula-safe); money
   * columns name the currency the user chose ('value_EUR'). */
  async exportCsv(env: FamilyEnv, args?: { currency?: string }): Promise<string> {
    const all = await rankedRows(env);
    const round = (v: number | null, d: number) => (v === null ? '' : +v.toFixed(d));
    return toCsv(
      all.rows.map((r) => [
        r.id,
        r.name,
        r.email,
        +r.risk.toFixed(4),
        round(r.value, 2),
        round(r.valueAtRisk, 2),
        r.segment,
        r.reason
      ]),
      [
        'customer_id',
        'name',
        'email',
        'churn_risk',
        moneyHeader('value', args?.currency),
        moneyHeader('value_at_risk', args?.currency),
        'segment',
        'top_reason'
      ]
    );
  }
};
