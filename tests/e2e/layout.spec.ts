// Phones and tablets: no page scrolls sideways at 360, 390, 768 or 1024 px, in English or
// Chinese, with the sample shop loaded and lifetime value fitted. One page is reused: each route
// is opened once per language and measured at every width by resizing, not reloading.
import { generateSampleShop } from '../../src/lib/core/sample';
import { ROUTES, expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const WIDTHS = [360, 390, 768, 1024] as const;
const shop = generateSampleShop({ seed: 7, customers: 2000 });
// The customer with the longest name and a product with an id: the pages most likely to widen.
const customer = [...shop.customers].sort(
  (a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0)
)[0];
const product = shop.products[0];
const PAGES = [
  ...ROUTES,
  `/customer/?id=${encodeURIComponent(customer.id)}`,
  `/product/?id=${encodeURIComponent(product.id)}`
];

/** A test id that shows once a page's data has loaded (the widest content on these pages). */
const READY: Record<string, string> = {
  '/history/': 'batch',
  '/customers/': 'directory-total',
  '/clv/': 'clv-table',
  '/segments/': 'rfm-table'
};

/** Waits for two frames so that a resize has been laid out. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))
  );
}

/** The page's width beyond the viewport, and the widest elements that stick out (for the report). */
async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const excess = document.documentElement.scrollWidth - vw;
    const culprits: string[] = [];
    if (excess > 0)
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        const r = el.getBoundingClientRect();
        // Inside a box that scrolls or clips on its own, overflowing is fine (wide tables).
        // (An absolutely positioned element escapes a box that is not its containing block.)
        const clipped = (e: HTMLElement) => {
          if (getComputedStyle(e).position === 'absolute') return false;
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== 'visible') return true;
          return false;
        };
        if (r.right > vw + 1 && r.width > 0 && !clipped(el)) {
          const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
          const cls = typeof el.className === 'string' && el.className ? `.${el.className}` : '';
          const up = el.parentElement;
          const parent = up ? `${up.tagName.toLowerCase()}.${up.className}` : '';
          culprits.push(
            `${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)} in ${parent}`
          );
          if (culprits.length >= 4) break;
        }
      }
    return { excess, culprits };
  });
}

test('no page scrolls sideways on phones and tablets, in English and Chinese', async ({ page }) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  // Lifetime value fitted: its table and the churn page's value column are then on screen.
  await page.goto('/clv/');
  await page.getByTestId('clv-fit').click();
  await expect(page.getByTestId('clv-table').locator('tbody tr').first()).toBeVisible({
    timeout: 90_000
  });

  const failures: string[] = [];
  for (const lang of ['en', 'zh'] as const) {
    await page.getByTestId('lang-switch').first().selectOption(lang);
    for (const route of PAGES) {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(route);
      await expect(page.locator('main#main h1')).toBeVisible();
      // Data loads from IndexedDB after the first paint: wait for the page's own table if any.
      const ready = READY[route];
      if (ready) await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await settle(page);
        const { excess, culprits } = await overflow(page);
        if (excess > 0)
          failures.push(`${lang} ${width}px ${route}: +${excess}px ${culprits.join(', ')}`);
      }
    }
  }
  expect(failures, 'pages wider than the screen').toEqual([]);
});
