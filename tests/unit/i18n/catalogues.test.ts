import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../src/lib/i18n/messages';
import {
  formatBytes,
  formatNumber,
  interpolate,
  negotiate,
  translate
} from '../../../src/lib/i18n/translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  for (const [area, cat] of Object.entries(catalogues)) {
    const c = cat as { en: Record<string, string>; zh: Record<string, string> };
    it(`${area}: en and zh have exactly the same keys`, () => {
      expect(Object.keys(c.zh).sort()).toEqual(Object.keys(c.en).sort());
    });
    it(`${area}: no empty strings, same {placeholders} in both languages`, () => {
      for (const k of Object.keys(c.en)) {
        expect(c.en[k].trim(), `${area}.${k} en`).not.toBe('');
        expect(c.zh[k]?.trim(), `${area}.${k} zh`).not.toBe('');
        expect(placeholders(c.zh[k]), `${area}.${k}`).toEqual(placeholders(c.en[k]));
      }
    });
  }
  it('has the shell, home and settings areas', () => {
    expect(Object.keys(catalogues)).toEqual(expect.arrayContaining(['shell', 'home', 'settings']));
  });
});

describe('translate', () => {
  it('looks keys up per locale and interpolates', () => {
    expect(translate('en', 'shell.nav.churn')).toBe('Churn');
    expect(translate('zh', 'shell.nav.churn')).toBe('流失');
    expect(translate('en', 'home.sample.failed', { error: 'quota' })).toBe(
      'Could not load the sample data: quota'
    );
  });
  it('falls back to the key for unknown keys', () => {
    expect(translate('zh', 'nope.missing')).toBe('nope.missing');
  });
  it('leaves unknown placeholders visible', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  it('negotiates from browser languages', () => {
    expect(negotiate(['zh-CN', 'en'])).toBe('zh');
    expect(negotiate(['fr-FR', 'en-GB'])).toBe('en');
    expect(negotiate([])).toBe('en');
  });
  it('formats numbers and bytes per locale', () => {
    expect(formatNumber('en', 1234567.5)).toBe('1,234,567.5');
    expect(formatBytes('en', 512)).toBe('512 B');
    expect(formatBytes('en', 5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes('zh', 1536)).toBe('1.5 KB');
  });
});
