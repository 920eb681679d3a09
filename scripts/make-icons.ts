// Renders the app icons from static/icons/icon.svg with Chromium (no image library needed):
// icon-192/512.png ("any": the rounded artwork on a transparent background) and
// icon-maskable-192/512.png (full-bleed background, the figures scaled into the central safe
// circle of 80 % diameter that every launcher mask keeps).
//   node --import tsx scripts/make-icons.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const dir = join(import.meta.dirname, '..', 'static', 'icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const BACKGROUND = /<rect [^>]*fill="(#[0-9a-f]{6})"\/>/i;
const background = BACKGROUND.exec(svg)?.[1] ?? '#1f5f8b';
const figures = svg
  .replace(/^<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '')
  .replace(BACKGROUND, '');
// The figures reach 0.41 of the width from the centre; scaled by 0.8 they keep inside 0.4.
const maskable =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">` +
  `<rect width="512" height="512" fill="${background}"/>` +
  `<g transform="translate(256 256) scale(0.8) translate(-256 -256)">${figures}</g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox']
});
try {
  const page = await browser.newPage();
  for (const [name, source] of [
    ['icon', svg],
    ['icon-maskable', maskable]
  ] as const) {
    for (const size of [192, 512]) {
      await page.setViewportSize({ width: size, height: size });
      const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<html><body style="margin:0">${sized}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, type: 'png' });
      writeFileSync(join(dir, `${name}-${size}.png`), png);
      console.log(`${name}-${size}.png: ${png.length} bytes`);
    }
  }
} finally {
  await browser.close();
}
