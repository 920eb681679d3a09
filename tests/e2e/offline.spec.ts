import { ROUTES, expect, test, waitForServiceWorker } from './fixtures';

test('after the first visit every page reloads offline, wasm comes from the SW cache', async ({
  page,
  context
}) => {
  await page.goto('/');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  try {
    // Each goto is a full navigation, answered by the service worker as a reload would be.
    for (const route of ROUTES) {
      const res = await page.goto(route);
      expect(res?.status(), route).toBe(200);
      expect(res?.fromServiceWorker(), route).toBe(true);
      await expect(page.locator('main#main h1'), route).toBeVisible();
    }
    const again = await page.reload();
    expect(again?.fromServiceWorker()).toBe(true);
    await expect(page.locator('main#main h1')).toBeVisible();

    // The tfjs wasm binary is precached and served by the service worker, from our origin.
    const [wasm] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/wasm/tfjs-backend-wasm-simd.wasm')),
      page.evaluate(() => fetch('/wasm/tfjs-backend-wasm-simd.wasm').then((r) => r.arrayBuffer()))
    ]);
    expect(wasm.status()).toBe(200);
    expect(wasm.fromServiceWorker()).toBe(true);
    expect(wasm.headers()['content-type']).toMatch(/wasm/);
    const cached = await page.evaluate(async () => {
      const r = await caches.match('/wasm/tfjs-backend-wasm-simd.wasm', { ignoreSearch: true });
      return r ? (await r.arrayBuffer()).byteLength : 0;
    });
    expect(cached).toBeGreaterThan(100_000);

    // Offline, the isolation headers still come from the service worker.
    const res = await page.goto('/settings/');
    expect(res?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    // And the worker still trains offline (tfjs chunk and wasm from the cache).
    await page.getByTestId('train-check').click();
    await expect(page.getByTestId('train-result')).not.toHaveAttribute('data-backend', '', {
      timeout: 90_000
    });
  } finally {
    await context.setOffline(false);
  }
});
