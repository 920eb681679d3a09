// The map's scatter helpers: lasso and range selection, colour scales and groups.
import { describe, expect, it } from 'vitest';
import {
  byColour,
  categoricalScale,
  insidePolygon,
  insideRange,
  pointInPolygon,
  quantileScale,
  UNKNOWN_COLOUR
} from '../../../src/lib/ui/charts/scatter';

describe('scatter helpers', () => {
  it('selects the points inside a lasso, concave ones included', () => {
    // An L-shaped polygon: the notch at (3, 3) is outside.
    const L: [number, number][] = [[0, 0], [4, 0], [4, 2], [2, 2], [2, 4], [0, 4]]; // prettier-ignore
    expect(pointInPolygon(1, 1, L)).toBe(true);
    expect(pointInPolygon(3, 3, L)).toBe(false);
    expect(pointInPolygon(1, 3, L)).toBe(true);
    expect(insidePolygon([1, 3, 1, 5, 3], [1, 3, 3, 1, 1], L)).toEqual([0, 2, 4]);
    expect(insidePolygon([1], [1], [[0, 0], [1, 1]])).toEqual([]); // prettier-ignore
    expect(insideRange([0, 1, 2], [0, 1, 2], { xMin: 0.5, xMax: 2, yMin: 0, yMax: 1.5 })).toEqual([1]); // prettier-ignore
  });

  it('colour scales: categories with a grey "none", numbers in quantile bins', () => {
    const c = categoricalScale([0, 1, -1, 1], ['a', 'b'], 'none');
    expect(Array.from(c.index)).toEqual([0, 1, 2, 1]);
    expect(c.legend.map((l) => l.label)).toEqual(['a', 'b', 'none']);
    expect(c.colours[2]).toBe(UNKNOWN_COLOUR);
    const values = Float32Array.from({ length: 100 }, (_, i) => (i === 99 ? NaN : i));
    const q = quantileScale(values, (v) => String(Math.round(v)), 'unknown');
    expect(q.index[0]).toBe(0);
    expect(q.index[98]).toBe(4);
    expect(q.index[99]).toBe(5); // NaN: grey
    expect(q.legend.map((l) => l.label)).toEqual(['0 – 19', '19 – 39', '39 – 59', '59 – 79', '79 – 98', 'unknown']); // prettier-ignore
    const groups = byColour(c.index, 3);
    expect(groups.map((g) => Array.from(g))).toEqual([[0], [1, 3], [2]]);
  });
});
