// Charts' text alternatives: the numbers behind a canvas, thinned to a readable table.
import { describe, expect, it } from 'vitest';
import { curveAt, curveTable, lineTable, sampleIndices } from '../../../src/lib/ui/charts/table';

const f = (v: number) => v.toFixed(2);

describe('chart tables', () => {
  it('keeps every point of a short series and thins a long one, first and last kept', () => {
    expect(sampleIndices(5).indices).toEqual([0, 1, 2, 3, 4]);
    const { indices, step } = sampleIndices(100, 20);
    expect(indices.length).toBeLessThanOrEqual(20);
    expect(indices[0]).toBe(0);
    expect(indices.at(-1)).toBe(99);
    expect(step).toBe(6);
    expect(sampleIndices(0).indices).toEqual([]);
  });

  it('lists a line chart by x with one column per series, gaps as a dash', () => {
    const t = lineTable('Epoch', ['train', 'val'], [1, 2, 3], [[0.9, 0.5, 0.3], [1, null, 0.4]], String, f); // prettier-ignore
    expect(t.columns).toEqual(['Epoch', 'train', 'val']);
    expect(t.rows).toEqual([
      ['1', '0.90', '1.00'],
      ['2', '0.50', '–'],
      ['3', '0.30', '0.40']
    ]);
    expect(t.step).toBeUndefined();
    const long = lineTable('x', ['y'], [...Array(50).keys()], [[...Array(50).keys()]], String, String); // prettier-ignore
    expect(long.total).toBe(50);
    expect(long.rows.at(-1)).toEqual(['49', '49']);
  });

  it('reads curves at x = 0, 0.1, …, 1 by interpolation, whatever the order of the points', () => {
    const roc = { label: 'model', x: [1, 0, 0.5], y: [1, 0, 0.8] };
    expect(curveAt(roc, 0.25)).toBeCloseTo(0.4, 10);
    expect(curveAt(roc, 0.75)).toBeCloseTo(0.9, 10);
    expect(curveAt({ x: [0.2, 0.6], y: [0.1, 0.5] }, 0.1)).toBeNull();
    const t = curveTable('FPR', [roc, { label: 'random', x: [0, 1], y: [0, 1] }], f);
    expect(t.columns).toEqual(['FPR', 'model', 'random']);
    expect(t.rows).toHaveLength(11);
    expect(t.rows[5]).toEqual(['0.50', '0.80', '0.50']);
  });
});
