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
