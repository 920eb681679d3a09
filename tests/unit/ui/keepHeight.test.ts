import { beforeEach, describe, expect, it } from 'vitest';
import { HEIGHTS_KEY, heldHeight, rememberHeight } from '../../../src/lib/ui/keepHeight';

// A Map-backed localStorage for Node.
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v)
  }
});
const saved = () => JSON.parse(store.get(HEIGHTS_KEY) ?? '{}');

describe('keepHeight', () => {
  beforeEach(() => store.clear());

  it('remembers each part per window width, in the shape app.html reads', () => {
    rememberHeight('dash', 1350, 950.4);
    rememberHeight('start', 1350, 332);
    rememberHeight('dash', 412, 1274);
    expect(saved()).toEqual({ w1350: { dash: 950, start: 332 }, w412: { dash: 1274 } });
    rememberHeight('dash', 1350, 700);
    expect(saved().w1350).toEqual({ dash: 700, start: 332 });
  });

  it('keeps the six widths used last', () => {
    for (const w of [1350, 300, 412, 1024, 768, 390, 360]) rememberHeight('dash', w, w);
    rememberHeight('dash', 300, 1);
    expect(Object.keys(saved())).toEqual(['w412', 'w1024', 'w768', 'w390', 'w360', 'w300']);
  });

  it('holds the remembered height only until the part has settled', () => {
    expect(heldHeight('dash', false)).toBe('var(--keep-dash, var(--keep-dash-default, 0px))');
    expect(heldHeight('dash', true)).toBeUndefined();
  });

  it('survives a full or blocked storage', () => {
    store.set(HEIGHTS_KEY, '{not json');
    expect(() => rememberHeight('dash', 1, 1)).not.toThrow();
  });
});
