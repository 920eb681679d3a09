// A sales or support channel in the user's language ("Online shop", "网店"); a channel the user
// named on import keeps its own name.
import type { MessageKey, Params } from '../i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

const KNOWN = new Set(['shop', 'pos', 'web', 'social', 'email']);

export function channelLabel(channel: string, t: T): string {
  return KNOWN.has(channel) ? t(`import.channel.${channel}` as MessageKey) : channel;
}
