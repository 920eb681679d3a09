// Pure helpers of the scatter chart: colour scales (categories, quantile bins of a number),
// the points inside a lasso polygon or a typed range, and points grouped by colour so a canvas
// draws each colour in one path (10,000+ points stay fast).
import { PALETTE } from './palette';

/** Viridis at five stops: ordered, readable with the common colour-vision deficiencies. */
export const SEQUENTIAL = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
export const UNKNOWN_COLOUR = '#b8b8b8';

export interface ColourScale {
  colours: string[];
  /** Colour index of each point. */
  index: Uint8Array;
  legend: { colour: string; label: string }[];
}

/** Categories by code (−1: none, drawn grey). */
export function categoricalScale(
  codes: ArrayLike<number>,
  names: string[],
  none: string
): ColourScale {
  // prettier-ignore
  const k = Math.min(names.length, PALETTE.length - 1);
  const colours = [...PALETTE.slice(0, k), UNKNOWN_COLOUR];
  const index = Uint8Array.from({ length: codes.length }, (_, i) => (codes[i] >= 0 && codes[i] < k ? codes[i] : k)); // prettier-ignore
  const legend = names.slice(0, k).map((label, i) => ({ colour: colours[i], label }));
  if (Array.prototype.some.call(codes, (c: number) => c < 0 || c >= k)) legend.push({ colour: UNKNOWN_COLOUR, label: none }); // prettier-ignore
  return { colours, index, legend };
}

/** A number cut at its quantiles into up to five bins (NaN: unknown, grey). */
export function quantileScale(
  values: ArrayLike<number>,
  fmt: (v: number) => string,
  unknown: string
): ColourScale {
  // prettier-ignore
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  const bins = SEQUENTIAL.length;
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const q = finite[Math.min(finite.length - 1, Math.floor((b / bins) * finite.length))];
    if (q !== undefined && (!edges.length || q > edges[edges.length - 1])) edges.push(q);
  }
  const colours = [...SEQUENTIAL.slice(0, edges.length + 1), UNKNOWN_COLOUR];
  const unknownIdx = colours.length - 1;
  const index = Uint8Array.from({ length: values.length }, (_, i) => {
    const v = values[i];
    if (!Number.isFinite(v)) return unknownIdx;
    let b = 0;
    while (b < edges.length && v >= edges[b]) b++;
    return b;
  });
  const lo = finite[0];
  const hi = finite[finite.length - 1];
  const legend = finite.length
    ? colours.slice(0, unknownIdx).map((colour, b) => ({
        colour,
        label: `${fmt(b ? edges[b - 1] : lo)} – ${fmt(b < edges.length ? edges[b] : hi)}`
      }))
    : [];
  if (finite.length < values.length) legend.push({ colour: UNKNOWN_COLOUR, label: unknown });
  return { colours, index, legend };
}

/** Ray casting: whether (x, y) lies inside the polygon. */
export function pointInPolygon(x: number, y: number, poly: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function insidePolygon(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  poly: readonly [number, number][]
): number[] {
  // prettier-ignore
  if (poly.length < 3) return [];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of poly) [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)]; // prettier-ignore
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && pointInPolygon(x, y, poly)) out.push(i);
  }
  return out;
}

export interface Range {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export function insideRange(xs: ArrayLike<number>, ys: ArrayLike<number>, r: Range): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++)
    if (xs[i] >= r.xMin && xs[i] <= r.xMax && ys[i] >= r.yMin && ys[i] <= r.yMax) out.push(i);
  return out;
}

/** Point indices per colour index. */
export function byColour(index: Uint8Array, colours: number): Int32Array[] {
  const counts = new Int32Array(colours);
  for (const c of index) counts[c]++;
  const out = Array.from({ length: colours }, (_, c) => new Int32Array(counts[c]));
  const at = new Int32Array(colours);
  index.forEach((c, i) => (out[c][at[c]++] = i));
  return out;
}
