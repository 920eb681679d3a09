import { describe, expect, it } from 'vitest';
import { sameText, trimmed } from '../../../src/lib/core/ingest/text';

describe('per-line string helpers', () => {
  it('trimmed is String.prototype.trim for every UTF-16 code unit at either end', () => {
    const bad: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `${ch}ab`, `ab${ch}`, `${ch}a b${ch}`, `a${ch}b`]) {
        if (trimmed(s) !== s.trim()) bad.push(`U+${c.toString(16)} in ${JSON.stringify(s)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(trimmed('')).toBe('');
    expect(trimmed(' \u00a0\u3000\ufeff 12/1/2010 8:26\t\r')).toBe('12/1/2010 8:26');
  });

  it('sameText is === for strings', () => {
    const line =
      'BUNTING MUG WOODEN CHRISTMAS,BUNTING MUG WOODEN CHRISTMAS,BUNTING MUG WOODEN CHRISTMAT';
    const [a, b, c] = line.split(',');
    expect(sameText(a, b)).toBe(true);
    expect(sameText(a, c)).toBe(false);
    expect(sameText(a, a.slice(1))).toBe(false);
    expect(sameText('', '')).toBe(true);
  });
});
