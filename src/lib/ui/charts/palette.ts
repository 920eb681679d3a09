// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442'
];

export function colorAt(i: number, given?: string): string {
  return given ?? PALETTE[i % PALETTE.length];
}

/** Axis styling shared by every uPlot chart (readable on a tablet). */
export const AXIS_FONT = '12px system-ui, sans-serif';
export const LABEL_FONT = '600 12px system-ui, sans-serif';
