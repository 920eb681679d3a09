// Prints the JS the home page loads before any interaction (gzipped), from a production build.
// Usage: npx vite build && npx vite preview --port 4173 & npx tsx scripts/measure-initial-js.ts
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';

const url = process.argv[2] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox']
});
const page = await browser.newPage();
const files: { url: string; raw: number; gz: number }[] = [];
page.on('response', async (r) => {
  if (r.request().resourceType() !== 'script') return;
  const body = await r.body().catch(() => Buffer.alloc(0));
  files.push({ url: r.url(), raw: body.length, gz: gzipSync(body).length });
});
await page.goto(url, { waitUntil: 'networkidle' });
await browser.close();
const kb = (n: number) => (n / 1024).toFixed(1) + ' KB';
for (const f of files) console.log(kb(f.gz).padStart(10), new URL(f.url).pathname);
const total = files.reduce((a, f) => a + f.gz, 0);
console.log(`initial JS: ${files.length} files, ${kb(total)} gzipped`);
