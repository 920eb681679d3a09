// Presentation of a 2x2 confusion matrix: each cell's share of its actual class (row rate).
import type { ConfusionCounts } from './types';

export interface ConfusionCell {
  actual: 'positive' | 'negative';
  predicted: 'positive' | 'negative';
  count: number;
  /** count / (size of the actual class); NaN when the class is empty. */
  rate: number;
}

export function confusionCells(c: ConfusionCounts): ConfusionCell[][] {
  const pos = c.tp + c.fn;
  const neg = c.fp + c.tn;
  return [
    [
      { actual: 'positive', predicted: 'positive', count: c.tp, rate: c.tp / pos },
      { actual: 'positive', predicted: 'negative', count: c.fn, rate: c.fn / pos }
    ],
    [
      { actual: 'negative', predicted: 'positive', count: c.fp, rate: c.fp / neg },
      { actual: 'negative', predicted: 'negative', count: c.tn, rate: c.tn / neg }
    ]
  ];
}
