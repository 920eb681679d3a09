// A sales or support channel in the user's language ("Online shop", "网店"); a channel the user
// named on import keeps its own name.
import { t } from '../i18n/index.svelte';
import type { MessageKey } from '../i18n/translate';

const KNOWN = new Set(['shop', 'pos', 'web', 'social', 'email']);

export function channelLabel(channel: string): string {
  return KNOWN.has(channel) ? t(`import.channel.${channel}` as MessageKey) : channel;
}
