// Model names, training phases and reasons in the user's language (the recommendations page, the
// products pages and the customer page share them).
import type { MessageKey, Params } from '$lib/i18n/translate';
import type { Reason } from '$lib/core/models/recommendations/model';
import type { ReasonWording } from '$lib/core/models/recommendations/actions';

type T = (key: MessageKey, params?: Params) => string;

export const MODELS = ['popular', 'popular-recent', 'item-knn', 'ease', 'mult-vae'] as const;

export function modelName(kind: string, t: T): string {
  const k = kind.replace(/^recommend-/, '');
  return (MODELS as readonly string[]).includes(k) ? t(`recommend.model.${k}` as MessageKey) : k;
}

/** "Tuning EASE on the validation split" (or the VAE's epoch) from a progress payload. */
export function phaseText(
  data: { phase?: string; params?: Record<string, string | number> } | undefined,
  t: T
): string {
  if (!data?.phase || !['tune', 'test', 'final'].includes(data.phase)) return '';
  const p = data.params ?? {};
  const model = modelName(String(p.model ?? ''), t);
  const phase = t(`recommend.phase.${data.phase}` as MessageKey, { model });
  return p.epoch === undefined
    ? phase
    : `${phase} · ${t('recommend.phase.epoch', { model, epoch: p.epoch, epochs: p.epochs })}`;
}

/** "{n} customers" with the plural form Intl.PluralRules picks for the locale (`key.one`...). */
export function countText(key: string, n: number, t: T, localeTag: string): string {
  const form = new Intl.PluralRules(localeTag).select(n);
  const k = `${key}.${form}` as MessageKey;
  const text = t(k, { n: new Intl.NumberFormat(localeTag).format(n) });
  return text === k ? t(`${key}.other` as MessageKey, { n: new Intl.NumberFormat(localeTag).format(n) }) : text; // prettier-ignore
}

/** Chosen settings as "λ = 300, recency decay = 0.8" in the user's language. */
export function paramsText(p: Record<string, number>, t: T, num: (v: number) => string): string {
  return Object.entries(p)
    .map(([k, v]) => {
      const key = `recommend.param.${k}` as MessageKey;
      const name = t(key);
      return `${name === key ? k : name} = ${num(v)}`;
    })
    .join(', ');
}

/** Each reason's wording, `{product}` and `{place}` left to fill (the CSV export takes these). */
export function reasonWording(t: T): ReasonWording {
  const keep = { product: '{product}', place: '{place}' };
  return {
    also: t('recommend.reason.also', keep),
    similar: t('recommend.reason.similar'),
    popular: t('recommend.reason.popular'),
    trending: t('recommend.reason.trending'),
    place: t('recommend.reason.place', keep)
  };
}

export function reasonText(r: Reason, t: T, becauseName?: string): string {
  switch (r.kind) {
    case 'also':
      return t('recommend.reason.also', { product: becauseName || r.because });
    case 'place':
      return t('recommend.reason.place', { place: r.place });
    default:
      return t(`recommend.reason.${r.kind}` as MessageKey);
  }
}

/** The worker's error in the user's language: this area's sentences first, then the shared ones. */
export function recommendError(e: unknown, t: T, fallback: (e: unknown) => string): string {
  const code = (e as { code?: unknown })?.code;
  const params = (e as { params?: Params })?.params;
  if (typeof code === 'string') {
    const key = `recommend.err.${code}` as MessageKey;
    const text = t(key, params);
    if (text !== key) return text;
  }
  return fallback(e);
}
