// Names the graph page shows: communities numbered from 1, link kinds (co-purchase translated,
// imported kinds as written), plural-aware reasons, and the customer page's address.
import { base } from '$app/paths';
import { locale, t } from '$lib/i18n/index.svelte';
import { LOCALE_TAGS } from '$lib/i18n/translate';
import { CO_PURCHASE } from '$lib/core/models/socialGraph/graph';

export const communityName = (c: number): string => t('graph.community', { n: c + 1 });

export const kindName = (kind: string): string =>
  kind === CO_PURCHASE ? t('graph.kind.co-purchase') : kind;

export const customerHref = (id: string): string =>
  `${base}/customer/?id=${encodeURIComponent(id)}`;

/** "3 shared contacts: Ana, Ben, Chen" with the plural form of the current language. */
export function sharedText(n: number, via: string[]): string {
  const form = new Intl.PluralRules(LOCALE_TAGS[locale.current]).select(n);
  return t(form === 'one' ? 'graph.reason.one' : 'graph.reason.other', {
    n,
    via: new Intl.ListFormat(LOCALE_TAGS[locale.current], { type: 'conjunction' }).format(via)
  });
}

/** Save text as a file the browser downloads. */
export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
