import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../src/lib/i18n/messages';
import { catalogueAreas, sliceCatalogue } from '../../../scripts/vite-plugins';
import en from '../../../src/lib/i18n/messages/en';
import zh from '../../../src/lib/i18n/messages/zh';
import { hasCatalogue, translate } from '../../../src/lib/i18n/translate';

const DIR = path.resolve('src/lib/i18n/messages');

// The app loads one language's messages at a time, cut out of the files that hold both
// (in Vite, as here, by scripts/vite-plugins.ts; in plain Node by messages/en.ts and zh.ts).
describe('per-language catalogues', () => {
  it('cover exactly the registered areas', () => {
    expect(catalogueAreas(DIR)).toEqual(Object.keys(catalogues).sort());
    expect(Object.keys(en).sort()).toEqual(Object.keys(catalogues).sort());
    expect(Object.keys(zh).sort()).toEqual(Object.keys(catalogues).sort());
  });
  for (const [area, cat] of Object.entries(catalogues)) {
    it(`${area}: each language's slice is that language's messages, nothing else`, () => {
      const c = cat as Record<string, Record<string, string>>;
      expect(en[area]).toEqual(c.en);
      expect(zh[area]).toEqual(c.zh);
    });
  }
  it('refuses a file of another shape', () => {
    expect(() => sliceCatalogue('export default { en: {} };', 'en')).toThrow();
    const src = readFileSync(path.join(DIR, 'home.ts'), 'utf8');
    expect(() => sliceCatalogue(src, 'fr')).toThrow();
  });
  it('the English slice holds no Chinese text', () => {
    expect(JSON.stringify(en)).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });
  it('translate has Chinese once loaded (tests/unit/setup.ts)', () => {
    expect(hasCatalogue('zh')).toBe(true);
    expect(translate('zh', 'shell.nav.churn')).toBe('流失');
  });
});

describe('the language guard in app.html', () => {
  it('is allowed by the CSP: its hash is in script-src, quoted in the header', async () => {
    const { createHash } = await import('node:crypto');
    const { CSP_DIRECTIVES } = await import('../../../scripts/flavour.js');
    const { cspHeader } = await import('../../../scripts/vite-plugins');
    const html = readFileSync('src/app.html', 'utf8');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    const hash = `sha256-${createHash('sha256').update(scripts[0]).digest('base64')}`;
    expect(CSP_DIRECTIVES['script-src']).toContain(hash);
    expect(cspHeader([hash])).toContain(`'${hash}'`);
    expect(cspHeader([hash]).split(hash)).toHaveLength(2); // once, not twice
  });
});
