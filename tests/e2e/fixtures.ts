// Shared Playwright fixtures: every spec imports { test, expect } from here, never from
// @playwright/test, so that every test fails if any request leaves the app's origin.
import {
  test as base,
  expect,
  type ConsoleMessage,
  type Page,
  type Worker
} from '@playwright/test';

export { expect };

/** Every app route, with the trailing slash the router uses. */
export const ROUTES = [
  '/',
  '/import/',
  '/customers/',
  '/history/',
  '/churn/',
  '/clv/',
  '/segments/',
  '/inbox/',
  '/recommendations/',
  '/products/',
  '/graph/',
  '/map/',
  '/synthetic/',
  '/networks/',
  '/privacy/',
  '/duplicates/',
  '/quality/',
  '/settings/'
] as const;

const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

export interface Fixtures {
  /** Every request URL seen in the browser context (pages, workers, service worker). */
  requests: string[];
  /** console.error messages and uncaught page errors, in order. */
  consoleErrors: string[];
  /** Content-Security-Policy violations in the page or its workers; any fails the test. */
  cspViolations: string[];
}

const CSP = /Content Security Policy|CSP violation/i;

/** Runs in every page before its scripts: a violation is logged where the fixture listens. */
function reportViolations(): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
  });
}

export const test = base.extend<Fixtures>({
  requests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
      const seen: string[] = [];
      context.on('request', (r) => seen.push(r.url()));
      await use(seen);
      const foreign = seen.filter(
        (u) => !LOCAL_SCHEMES.some((s) => u.startsWith(s)) && new URL(u).origin !== origin
      );
      expect(foreign, `requests that left ${origin}`).toEqual([]);
    },
    { auto: true }
  ],
  cspViolations: [
    async ({ context }, use) => {
      const seen: string[] = [];
      await context.addInitScript(reportViolations);
      const listen = (m: ConsoleMessage) => {
        if (CSP.test(m.text())) seen.push(m.text());
      };
      const watch = (page: Page) => {
        page.on('console', listen);
        page.on('worker', (w: Worker) => w.on('console', listen));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(seen);
      expect(seen, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true }
  ],
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await use(errors);
  }
});

/** Waits until the service worker has installed (precache complete) and is active. */
export async function waitForServiceWorker(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active?.state !== 'activated') {
      await new Promise<void>((resolve) => {
        reg.active?.addEventListener('statechange', function check(this: ServiceWorker) {
          if (this.state === 'activated') resolve();
        });
      });
    }
  });
}

/** The data summary's count of `key` (customers, orderLines…), once the worker has answered. It
 * may still be an earlier answer: wait for an expected value with `expect.poll`. */
export async function dataCount(
  page: import('@playwright/test').Page,
  key: string
): Promise<number> {
  const el = page.getByTestId(`count-${key}`);
  await expect(el).toBeVisible();
  return Number(await el.getAttribute('data-value'));
}
