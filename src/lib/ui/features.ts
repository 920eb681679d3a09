// A feature column's name in the user's language: "days since last purchase" / "距上次购买的天数",
// never `recency_days`. Columns the user imported ("Contract") keep their own name.
import { areaKeys, type MessageKey, type Params } from '../i18n/translate';
import { channelLabel } from './dataNames';

type T = (key: MessageKey, params?: Params) => string;

const KNOWN = new Set(areaKeys('features'));
const CHANNEL = 'channel_share_';

/** Whether `name` is a feature Rapport derives itself (and so has words in the catalogue). */
export function isDerivedFeature(name: string): boolean {
  return KNOWN.has(name) || (name.startsWith(CHANNEL) && name.length > CHANNEL.length);
}

/** Human words for a feature column; `fallback` (or the name) for a column the user imported. */
export function featureLabel(name: string, t: T, fallback?: string): string {
  if (name.startsWith(CHANNEL) && name.length > CHANNEL.length)
    return t('features.channel_share', { channel: channelLabel(name.slice(CHANNEL.length), t) });
  if (KNOWN.has(name) && name !== 'channel_share') return t(`features.${name}` as MessageKey);
  return fallback ?? name;
}

/**
 * A number as the what-if box starts it: plain digits the number input accepts (no grouping,
 * "1,234.5" would be read as nothing), rounded to what the owner would type: whole days, whole
 * numbers from 10 up, two decimals below (shares such as 0.25).
 */
export function editableNumber(v: number, name = ''): string {
  if (!Number.isFinite(v)) return '';
  const whole = name.endsWith('_days') || Math.abs(v) >= 10;
  return String(whole ? Math.round(v) : Math.round(v * 100) / 100);
}
