// Issue #8: a strict Content-Security-Policy in the pages and the preview server's headers, no
// wildcard CORS, ready-made header files in the build, an installable app, and a production
// build without the bench hooks or the developer pages.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

const BUILD = join(process.cwd(), 'build');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('every response carries the policy and the isolation headers, and no wildcard CORS', async ({
  page
}) => {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  page.on('response', (r) => seen.push({ url: r.url(), headers: r.headers() }));
  await page.goto('/import/', { waitUntil: 'networkidle' });
  expect(seen.length).toBeGreaterThan(3);
  for (const { url, headers } of seen) {
    expect(headers['access-control-allow-origin'], url).toBeUndefined();
    expect(headers['content-security-policy'], url).toMatch(
      /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/
    );
    expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(headers['cross-origin-embedder-policy'], url).toBe('require-corp');
  }
  // The page carries the policy itself too, for static hosts that send no headers.
  const meta = await page
    .locator('meta[http-equiv="content-security-policy"]')
    .getAttribute('content');
  expect(meta).toMatch(/object-src 'none'/);
  expect(meta).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
});

test('a CSP violation is caught by the fixture every test uses', async ({
  page,
  cspViolations
}) => {
  await page.goto('/');
  await expect(page.locator('main#main h1')).toBeVisible();
  // An inline script the policy does not allow, and a request to another origin.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = 1';
    document.body.append(s);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  expect(cspViolations[0]).toMatch(/script-src/);
  cspViolations.length = 0; // seen and asserted: let this test pass
});

test('Chromium finds the app installable (no installability errors)', async ({
  page,
  baseURL
}, info) => {
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(1);
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const res = await page.request.get('/' + icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type'], icon.src).toContain(icon.type.split('+')[0]);
  }
  // Test contexts are incognito, where nothing installs: ask in a real (persistent) profile.
  const profile = mkdtempSync(join(tmpdir(), 'rapport-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...info.project.use.launchOptions,
    baseURL
  });
  try {
    const p = context.pages()[0] ?? (await context.newPage());
    await p.goto('/');
    await waitForServiceWorker(p);
    const cdp = await context.newCDPSession(p);
    await expect
      .poll(
        async () =>
          (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.map(
            (e) => e.errorId
          ),
        { timeout: 30_000 }
      )
      .toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the production build has no bench hooks and no developer pages, nor does its precache', async ({
  request
}) => {
  const all = files(BUILD);
  const code = all.filter((f) => /\.(js|html)$/.test(f));
  for (const f of code) {
    const text = readFileSync(f, 'utf8');
    expect(text.includes('__rapportBench'), f).toBe(false);
    expect(text.includes('bench.churn'), f).toBe(false);
    expect(text.includes('UI components'), f).toBe(false); // the gallery's heading
  }
  expect(all.some((f) => f.includes(`${join('build', 'dev')}`))).toBe(false);
  const sw = readFileSync(join(BUILD, 'service-worker.js'), 'utf8');
  const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(20);
  expect(urls.filter((u) => /dev\/ui|bench/.test(u))).toEqual([]);
  expect((await request.get('/dev/ui/')).status()).toBe(404);
  // Header files for static hosts, with the same policy as the preview server.
  const headers = readFileSync(join(BUILD, '_headers'), 'utf8');
  expect(headers).toMatch(/Content-Security-Policy: default-src 'self'; .*frame-ancestors 'none'/);
  expect(headers).toContain('Cross-Origin-Embedder-Policy: require-corp');
  expect(readFileSync(join(BUILD, 'nginx-headers.conf'), 'utf8')).toMatch(
    /add_header Content-Security-Policy "default-src 'self';.*" always;/
  );
});
