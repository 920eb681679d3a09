// Screen readers and keyboards: every page passes axe-core's WCAG 2.0/2.1 A and AA rules with no
// serious or critical violation, in English and Chinese, with the sample shop loaded, churn
// trained (logistic regression on 2 folds: the quickest honest run) and lifetime value fitted.
// One browser context is set up once and shared by the two language passes (serial tests); the
// findings of all pages are reported together. The Chinese pass skips colour contrast: colours
// and layout do not depend on the language, and contrast is axe's slowest rule.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { generateSampleShop } from '../../src/lib/core/sample';
import { ROUTES, expect, test } from './fixtures';

const shop = generateSampleShop({ seed: 7, customers: 2000 });
const PAGES = [
  ...ROUTES,
  `/customer/?id=${encodeURIComponent(shop.customers[0].id)}`,
  `/product/?id=${encodeURIComponent(shop.products[0].id)}`
];

/** A test id that shows once a page's data has loaded, so axe sees the full page. */
const READY: Record<string, string> = {
  '/history/': 'batch',
  '/customers/': 'directory-total',
  '/churn/': 'churn-results',
  '/clv/': 'clv-table',
  '/segments/': 'rfm-table'
};

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let origin: string;
const foreign: string[] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(480_000);
  // The port playwright.config.ts chose for this run's preview server.
  origin = `http://127.0.0.1:${process.env.E2E_PORT}`;
  context = await browser.newContext({ baseURL: origin, viewport: { width: 1024, height: 768 } });
  // The shared fixtures watch their own context: this one is watched here the same way.
  context.on('request', (r) => {
    const u = r.url();
    if (!/^(data|blob|about):/.test(u) && new URL(u).origin !== origin) foreign.push(u);
  });
  page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });

  await page.goto('/churn/');
  const learners = page.locator('fieldset').first().getByRole('checkbox');
  await expect(learners.first()).toBeVisible({ timeout: 60_000 });
  for (let i = 1; i < (await learners.count()); i++) await learners.nth(i).uncheck();
  await page.locator('fieldset').first().locator('input[type=number]').fill('2');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('churn-results')).toBeVisible({ timeout: 240_000 });

  await page.goto('/clv/');
  await page.getByTestId('clv-fit').click();
  await expect(page.getByTestId('clv-table').locator('tbody tr').first()).toBeVisible({
    timeout: 90_000
  });
});

test.afterAll(async () => {
  await context?.close();
  expect(foreign, `requests that left ${origin}`).toEqual([]);
});

for (const lang of ['en', 'zh'] as const) {
  test(`every page passes axe (WCAG 2.1 AA) in ${lang} with data and models`, async () => {
    // axe takes 3–50 s a page on a loaded 2-core machine.
    test.setTimeout(900_000);
    await page.goto('/');
    await page.getByTestId('lang-switch').first().selectOption(lang);
    const failures: string[] = [];
    for (const route of PAGES) {
      await page.goto(route);
      await expect(page.locator('main#main h1')).toBeVisible();
      const ready = READY[route];
      if (ready) await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
      if (lang === 'zh') axe = axe.disableRules(['color-contrast']);
      const { violations } = await axe.analyze();
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical') {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
          failures.push(`${route}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${where.join(' | ')}`);
          console.log(`${lang} ${failures.at(-1)}`);
        }
    }
    expect(failures, `serious or critical axe violations (${lang})`).toEqual([]);
  });
}
