// What the map is coloured by, as a colour scale over its points (pure: the page passes text).
import type { MapPoints } from '$lib/core/models/customerMap';
import { categoricalScale, quantileScale, type ColourScale } from '$lib/ui/charts/scatter';

export type ColourBy = 'segment' | 'risk' | 'value' | 'anomaly' | 'saved';

export interface ColourText {
  segment: (s: string) => string;
  none: string;
  unknown: string;
  other: string;
  pct: (v: number) => string;
  num: (v: number) => string;
}

export function colourScale(p: MapPoints, by: ColourBy, text: ColourText): ColourScale {
  switch (by) {
    case 'risk':
      return quantileScale(p.risk ?? new Float32Array(p.ids.length).fill(NaN), text.pct, text.unknown); // prettier-ignore
    case 'value':
      return quantileScale(p.value ?? new Float32Array(p.ids.length).fill(NaN), text.num, text.unknown); // prettier-ignore
    case 'anomaly':
      return quantileScale(p.anomaly, text.num, text.unknown);
    case 'saved': {
      const where = new Map<string, number>();
      p.saved.forEach((s, k) => s.ids.forEach((id) => where.has(id) || where.set(id, k)));
      const codes = Int16Array.from(p.ids, (id) => where.get(id) ?? -1);
      return categoricalScale(
        codes,
        p.saved.map((s) => s.name),
        text.other
      );
    }
    default:
      return categoricalScale(p.segment, p.segments.map(text.segment), text.none);
  }
}

/** The value a point shows in its tip for the colouring chosen. */
export function pointText(p: MapPoints, by: ColourBy, i: number, text: ColourText): string {
  const v =
    by === 'risk' ? p.risk?.[i] : by === 'value' ? p.value?.[i] : by === 'anomaly' ? p.anomaly[i] : undefined; // prettier-ignore
  if (v !== undefined) return `${p.ids[i]} · ${Number.isFinite(v) ? (by === 'risk' ? text.pct(v) : text.num(v)) : text.unknown}`; // prettier-ignore
  if (by === 'segment') return `${p.ids[i]} · ${p.segment[i] >= 0 ? text.segment(p.segments[p.segment[i]]) : text.none}`; // prettier-ignore
  return p.ids[i];
}
