// Churn reasons in the user's language: core stores { key, params } next to the English text;
// this turns them into words with the page's `t`. Shared by the churn and customer pages.
import type { MessageKey, Params } from '../i18n/translate';
import { channelLabel } from './dataNames';
import { featureLabel } from './features';

export interface ReasonLike {
  text: string;
  key?: string;
  params?: Record<string, string | number | boolean>;
}

type T = (key: MessageKey, params?: Params) => string;

const KEYS = new Set([
  'unknown',
  'categorical',
  'recency',
  'orders',
  'spent',
  'avgOrder',
  'customerFor',
  'interval',
  'cancelled',
  'contactDays',
  'supportContacts',
  'channelShare',
  'numeric'
]);

/**
 * One reason as a sentence. Falls back to the stored English text for reasons saved before
 * they carried a key (or with a key this build does not know).
 */
export function formatReason(
  r: ReasonLike,
  t: T,
  num: (n: number) => string = (n) => String(n)
): string {
  if (!r.key || !r.params || !KEYS.has(r.key)) return r.text;
  const p: Params = {};
  for (const [k, v] of Object.entries(r.params))
    if (typeof v === 'number') p[k] = num(v);
    else if (typeof v === 'string') p[k] = v;
  // "different products bought" in English, "购买过的不同商品数" in Chinese: never mixed.
  if (typeof r.params.feature === 'string')
    p.column = featureLabel(r.params.feature, t, String(p.column ?? r.params.feature));
  if (typeof r.params.channel === 'string') p.channel = channelLabel(r.params.channel, t);
  let key = r.key;
  if (key === 'recency' && r.params.usual !== undefined) key = 'recencyUsual';
  // Every reason is measured against a typical customer: say so where the sentence does not.
  const typical =
    r.params.typical === undefined || key === 'numeric'
      ? ''
      : t('models.reason.typical', {
          typical:
            typeof r.params.typical === 'number' ? num(r.params.typical) : String(r.params.typical)
        });
  if (key === 'numeric') {
    const unit = r.params.unit;
    p.unit =
      unit === 'months' || unit === 'days'
        ? t(`models.reason.unit.${unit}`)
        : typeof unit === 'string'
          ? ` ${unit}`
          : '';
    if (r.params.typical !== undefined && r.params.typical !== r.params.value)
      key = r.params.higher ? 'numericHigher' : 'numericLower';
  }
  return t(`models.reason.${key}` as MessageKey, p) + typical;
}

/** "raises risk" / "lowers risk" for a stored direction ('up'/'down' or 'raises'/'lowers'). */
export function formatDirection(direction: string | undefined, t: T): string {
  if (direction === 'up' || direction === 'raises') return t('models.reason.up');
  if (direction === 'down' || direction === 'lowers') return t('models.reason.down');
  return '';
}
