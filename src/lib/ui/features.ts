// A feature column's name in the user's language: "days since last purchase" / "距上次购买的天数",
// never `recency_days`. Columns the user imported ("Contract") keep their own name.
import { catalogues } from '../i18n/messages';
import type { MessageKey, Params } from '../i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

const KNOWN = new Set(Object.keys(catalogues.features.en));
const CHANNEL = 'channel_share_';

/** Whether `name` is a feature Rapport derives itself (and so has words in the catalogue). */
export function isDerivedFeature(name: string): boolean {
  return KNOWN.has(name) || (name.startsWith(CHANNEL) && name.length > CHANNEL.length);
}

/** Human words for a feature column; `fallback` (or the name) for a column the user imported. */
export function featureLabel(name: string, t: T, fallback?: string): string {
  if (name.startsWith(CHANNEL) && name.length > CHANNEL.length)
    return t('features.channel_share', { channel: name.slice(CHANNEL.length) });
  if (KNOWN.has(name) && name !== 'channel_share') return t(`features.${name}` as MessageKey);
  return fallback ?? name;
}
