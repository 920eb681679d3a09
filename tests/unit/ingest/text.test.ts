import { describe, expect, it } from 'vitest';
import { Interner, ownCopy, sameAt, sameText, trimmed } from '../../../src/lib/core/ingest/text';
import { parseNumber, plainDecimalAt } from '../../../src/lib/core/ingest/numbers';

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

  it('sameAt and ownCopy read a range of a line in place', () => {
    const line = 'C536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6';
    const [a, b] = [15, 49];
    expect(ownCopy(line, a, b)).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
    expect(ownCopy(line, 0, 7)).toBe('C536365');
    expect(ownCopy(line, 3, 3)).toBe('');
    expect(ownCopy('x' + 'é'.repeat(2000), 1, 2001)).toBe('é'.repeat(2000));
    expect(sameAt(line, a, b, 'WHITE HANGING HEART T-LIGHT HOLDER')).toBe(true);
    expect(sameAt(line, a, b, 'WHITE HANGING HEART T-LIGHT HOLDEr')).toBe(false);
    expect(sameAt(line, a, b - 1, 'WHITE HANGING HEART T-LIGHT HOLDER')).toBe(false);
    expect(sameAt(line, 8, 8, '')).toBe(true);
  });

  it('Interner: one string per distinct text, indices in order of first appearance', () => {
    const t = new Interner(300);
    const line = Array.from({ length: 400 }, (_, i) => `P${i % 250}`).join(',');
    const got: string[] = [];
    const idx: number[] = [];
    let at = 0;
    for (const v of line.split(',')) {
      const s = t.get(line, at, at + v.length);
      expect(s).toBe(v);
      got.push(s);
      idx.push(t.index);
      at += v.length + 1;
    }
    // Every value seen again is found (by index) where it was first put.
    expect(idx.slice(0, 250)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(idx.slice(250)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(t.clears).toBe(0);
    // Past its limit it starts afresh.
    const more = Array.from({ length: 60 }, (_, i) => `Q${i}`).join(',');
    at = 0;
    for (const v of more.split(',')) {
      expect(t.get(more, at, at + v.length)).toBe(v);
      at += v.length + 1;
    }
    expect(t.clears).toBe(1);
    expect(t.index).toBe(9);
  });

  it('plainDecimalAt reads what parseNumber reads, or gives NaN', () => {
    const values = ['6', '-2', '+3', '0', '-0', '007', '2.55', '.5', '5.', '-.5', '.', '-', '+', '',
      '-.', '1e3', '1,5', '1.2.3', '12345678901234', '123456789012345', '1234567890123456',
      '0.000000000000001', '99999999999999.9', ' 4', '4 ', '$3', '٣', '1_0', '0x10']; // prettier-ignore
    for (const v of values) {
      const line = `a,${v},b`;
      const got = plainDecimalAt(line, 2, 2 + v.length);
      if (got === got) expect(Object.is(got, parseNumber(v)), v).toBe(true);
      else expect(['.', '-', '+', '', '-.', '1e3', '1,5', '1.2.3', '1234567890123456', ' 4', '4 ', '$3', '٣', '1_0', '0x10']).toContain(v); // prettier-ignore
    }
    for (let i = 0; i < 20_000; i++) {
      const v = (((i * 7919) % 200_003) / 10 ** (i % 6) - 1000).toFixed(i % 6);
      expect(plainDecimalAt(`;${v};`, 1, 1 + v.length)).toBe(Number(v));
    }
  });
});
