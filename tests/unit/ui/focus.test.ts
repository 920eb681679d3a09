// WCAG 1.4.11: the focus ring needs 3:1 contrast against what it is drawn on. The colours are
// read from the shell's own stylesheet, so changing them there to a paler amber fails this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(
  new URL('../../../src/lib/ui/shell/Shell.svelte', import.meta.url),
  'utf8'
);

function token(name: string): string {
  const m = css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`));
  if (!m) throw new Error(`--${name} not found in Shell.svelte`);
  return m[1];
}

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('focus ring contrast', () => {
  it('computes the WCAG ratio (black on white is 21:1; the old ring was 2.1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#e3a008', '#f6f8fa')).toBeLessThan(3);
  });

  it('is at least 3:1 on the page, on white cards and on the nav hover colour', () => {
    for (const bg of [token('bg'), '#ffffff', '#e8f0f6'])
      expect(contrast(token('focus'), bg), `--focus on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  it('is at least 3:1 on the header brand colour', () => {
    expect(contrast(token('focus-on-brand'), token('brand'))).toBeGreaterThanOrEqual(3);
    expect(contrast(token('focus-on-brand'), token('brand-dark'))).toBeGreaterThanOrEqual(3);
  });
});
