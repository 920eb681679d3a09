// Names that come with the data, in the user's language where Rapport has words for them: a
// sales or support channel ("Online shop", "网店") and an RFM segment ("Champions", "冠军客户").
// A channel or segment named otherwise keeps its own name.
import { BUILTIN_CHANNELS } from '../core/types';
import type { MessageKey, Params } from '../i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

export function channelLabel(channel: string, t: T): string {
  return BUILTIN_CHANNELS.includes(channel)
    ? t(`import.channel.${channel}` as MessageKey)
    : channel;
}

export function segmentName(segment: string, t: T): string {
  const key = `models.segments.seg.${segment}` as MessageKey;
  const text = t(key);
  return text === key ? segment : text;
}
