// A touch phone, with the sample shop loaded and lifetime value fitted. The widths 360–1024 px in
// English and Chinese are walked by every-page.spec.ts (resizing one desktop page); this is the
// phone as the browser emulates it.
import { generateSampleShop } from '../../src/lib/core/sample';
import { expect, test } from './fixtures';
import { loadSampleWithClv, overflow } from './pageChecks';
import type { Page } from '@playwright/test';

const shop = generateSampleShop({ seed: 7, customers: 2000 });
// The customer with the longest name and a product with an id: the pages most likely to widen.
const customer = [...shop.customers].sort(
  (a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0)
)[0];
const product = shop.products[0];
// The pages whose data is widest (tables, long names, ids), plus home and the menu. Every page,
// in both languages, at 360–1024 px is walked by every-page.spec.ts; this walk adds the phone's
// own emulation (meta viewport zoom) where a page could widen.
const PAGES = [
  '/',
  '/history/',
  '/customers/',
  '/clv/',
  '/segments/',
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

/** Opens a page and waits until its data (and the widest content) is on screen. */
async function open(page: Page, route: string): Promise<void> {
  await page.goto(route);
  await expect(page.locator('main#main h1')).toBeVisible();
  // Data loads from IndexedDB after the first paint: wait for the page's own table if any.
  const ready = READY[route];
  if (ready) await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
}

// A phone as the browser emulates it (isMobile: the meta viewport applies, touch events): the
// same pages at 390 px, and the header's and menu's controls at least 44 px in both directions.
test.describe('on a touch phone', () => {
  test.use({ isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });

  test('the widest pages do not scroll sideways at 390 px and touch targets are 44 px', async ({
    page
  }) => {
    test.setTimeout(420_000);
    await loadSampleWithClv(page);
    const failures: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId('lang-switch').first().selectOption(lang);
      await page.goto('/');
      await page.getByRole('button', { name: lang === 'en' ? 'Menu' : '菜单' }).tap();
      const small = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('header a, header button, header select, nav a')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ text: el.textContent?.trim() ?? '', r: el.getBoundingClientRect() }))
          .filter(({ r }) => r.height < 44 || r.width < 44)
          .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`)
      );
      for (const s of small) failures.push(`${lang} touch target ${s}`);
      // Every page in English; Chinese at 390 px is walked by every-page.spec.ts (suite time: the
      // touch emulation adds the viewport meta's zoom, which does not depend on the language).
      for (const route of lang === 'en' ? PAGES : []) {
        await open(page, route);
        const { excess, culprits } = await overflow(page, 390);
        if (excess > 0)
          failures.push(`${lang} 390px touch ${route}: +${excess}px ${culprits.join(', ')}`);
      }
    }
    expect(failures, 'pages wider than the phone, or controls too small to tap').toEqual([]);
  });
});
