// Plain-language phrasing of one feature value, from the raw (unencoded) value.
import type { RawValue } from '../../features/columns';

export interface ColumnMeta {
  name: string;
  label: string;
  origin: 'history' | 'attribute';
  kind: 'numeric' | 'categorical';
  unit?: string;
}

/** Units some well-known exports use without saying so (Telco `tenure` is in months). */
const UNIT_HINTS: Record<string, string> = { tenure: 'months' };

function fmt(x: number): string {
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  return Math.abs(x) >= 100
    ? Math.round(x).toLocaleString('en-US')
    : x.toFixed(2).replace(/\.?0+$/, '');
}

function plural(n: number, one: string, many: string): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/**
 * `phrase` plus the typical value the reason is measured against: "tenure 2 months (typical:
 * 29)", "contract: two year (typical: month-to-month)".
 */
export function phraseWithTypical(
  meta: ColumnMeta,
  record: Record<string, RawValue>,
  typical: RawValue
): string {
  const base = phrase(meta, record);
  if (typical === null || typical === undefined) return base;
  const t = typeof typical === 'number' ? fmt(round2(typical)) : String(typical).toLowerCase();
  return `${base} (typical: ${t})`;
}

/** "no purchase for 94 days, usually buys every 21", "month-to-month contract", "tenure 2 months". */
export function phrase(meta: ColumnMeta, record: Record<string, RawValue>): string {
  const v = record[meta.name];
  if (v === null || v === undefined || v === '') return `${meta.label} unknown`;
  if (meta.kind === 'categorical') {
    const s = String(v);
    const yesNo = /^(yes|no|true|false|0|1)$/i.test(s);
    const short = meta.label.split(' ').length <= 2 && !/\d/.test(s);
    return !yesNo && short
      ? `${s.toLowerCase()} ${meta.label}`
      : `${meta.label}: ${s.toLowerCase()}`;
  }
  const x = Number(v);
  const usual = record['ipi_median_days'];
  switch (meta.name) {
    case 'recency_days': {
      const base = `no purchase for ${plural(Math.round(x), 'day', 'days')}`;
      return typeof usual === 'number'
        ? `${base}, usually buys every ${fmt(Math.round(usual))}`
        : base;
    }
    case 'frequency':
      return plural(x, 'order', 'orders');
    case 'monetary_total':
      return `spent ${fmt(x)} in total`;
    case 'avg_order_value':
      return `average order ${fmt(x)}`;
    case 'tenure_days':
      return `customer for ${plural(Math.round(x), 'day', 'days')}`;
    case 'ipi_median_days':
    case 'ipi_mean_days':
      return `usually buys every ${plural(Math.round(x), 'day', 'days')}`;
    case 'cancelled_share':
      return `${Math.round(x * 100)}% of lines cancelled or returned`;
    case 'days_since_contact':
      return `last contacted support ${plural(Math.round(x), 'day', 'days')} ago`;
    case 'support_contacts':
      return plural(x, 'support contact', 'support contacts');
  }
  if (meta.name.startsWith('channel_share_'))
    return `${Math.round(x * 100)}% ${meta.label.replace(/^share of /, '')}`;
  const unit = meta.unit ?? UNIT_HINTS[meta.name.toLowerCase()];
  const u = unit && x === 1 ? unit.replace(/s$/, '') : unit;
  return `${meta.label} ${fmt(x)}${u ? ' ' + u : ''}`;
}

/** Which sentence a reason is: the UI turns `key` + `params` into words in the user's language. */
export type ReasonKey =
  | 'unknown'
  | 'categorical'
  | 'recency'
  | 'orders'
  | 'spent'
  | 'avgOrder'
  | 'customerFor'
  | 'interval'
  | 'cancelled'
  | 'contactDays'
  | 'supportContacts'
  | 'channelShare'
  | 'numeric';

export type ReasonParams = Record<string, string | number | boolean>;

export interface ReasonDetail {
  key: ReasonKey;
  params: ReasonParams;
}

/** A reason as stored with scores: English `text` (CLI, CSV) plus the structured form. */
export interface StructuredReason extends ReasonDetail {
  feature: string;
  text: string;
  direction: 'up' | 'down';
  /** How far setting this input to its typical value moves the risk (0..1). */
  weight: number;
  /** The risk with this input at its typical value (what the effect is measured against). */
  riskIfTypical?: number;
}

const round2 = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

/**
 * The structured twin of `phraseWithTypical`: same cases, numbers left unformatted. `typical`
 * is the training median of a numeric column or the most common level of a categorical one:
 * the value the reason's effect is measured against.
 */
export function reasonDetail(
  meta: ColumnMeta,
  record: Record<string, RawValue>,
  typical?: RawValue
): ReasonDetail {
  const d = reasonDetailOf(meta, record, typical);
  if (typical !== undefined && typical !== null && d.params.typical === undefined)
    d.params.typical = typeof typical === 'number' ? round2(typical) : String(typical);
  return d;
}

function reasonDetailOf(
  meta: ColumnMeta,
  record: Record<string, RawValue>,
  typical?: RawValue
): ReasonDetail {
  const v = record[meta.name];
  // The user's own column name ("Contract"): recognisable in any UI language.
  const column = meta.origin === 'attribute' ? meta.name : meta.label;
  // A derived column also carries its name, so the page can say it in the user's language.
  const named: ReasonParams = meta.origin === 'history' ? { feature: meta.name } : {};
  if (v === null || v === undefined || v === '')
    return { key: 'unknown', params: { column, ...named } };
  if (meta.kind === 'categorical')
    return { key: 'categorical', params: { column, value: String(v) } };
  const x = Number(v);
  const days = Math.round(x);
  const usual = record['ipi_median_days'];
  switch (meta.name) {
    case 'recency_days':
      return {
        key: 'recency',
        params: typeof usual === 'number' ? { days, usual: Math.round(usual) } : { days }
      };
    case 'frequency':
      return { key: 'orders', params: { count: x } };
    case 'monetary_total':
      return { key: 'spent', params: { amount: round2(x) } };
    case 'avg_order_value':
      return { key: 'avgOrder', params: { amount: round2(x) } };
    case 'tenure_days':
      return { key: 'customerFor', params: { days } };
    case 'ipi_median_days':
    case 'ipi_mean_days':
      return { key: 'interval', params: { days } };
    case 'cancelled_share':
      return { key: 'cancelled', params: { pct: Math.round(x * 100) } };
    case 'days_since_contact':
      return { key: 'contactDays', params: { days } };
    case 'support_contacts':
      return { key: 'supportContacts', params: { count: x } };
  }
  if (meta.name.startsWith('channel_share_'))
    return {
      key: 'channelShare',
      params: { channel: meta.name.slice('channel_share_'.length), pct: Math.round(x * 100) }
    };
  const unit = meta.unit ?? UNIT_HINTS[meta.name.toLowerCase()];
  const params: ReasonParams = { column, ...named, value: round2(x) };
  if (typeof typical === 'number' && Number.isFinite(typical)) {
    params.typical = round2(typical);
    params.higher = x > typical;
  }
  if (unit) params.unit = unit;
  return { key: 'numeric', params };
}
