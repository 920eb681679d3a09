// Screen readers and keyboards: every page passes axe-core's WCAG 2.0/2.1 A and AA rules with no
// serious or critical violation, in English and Chinese, with the sample shop loaded, churn
// trained (logistic regression on 2 folds: the fastest honest run) and lifetime value fitted.
// One page is reused for every route; the findings of all pages are reported together.
import AxeBuilder from '@axe-core/playwright';
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

test('every page passes axe (WCAG 2.1 AA) in English and Chinese with data and models', async ({
  page
}) => {
  test.setTimeout(900_000);
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

  const failures: string[] = [];
  const report = (line: string) => {
    failures.push(line);
    console.log(line);
  };
  let t0 = Date.now();
  for (const lang of ['en', 'zh'] as const) {
    await page.getByTestId('lang-switch').first().selectOption(lang);
    for (const route of PAGES) {
      await page.goto(route);
      await expect(page.locator('main#main h1')).toBeVisible();
      const ready = READY[route];
      if (ready) await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      console.log(`${lang} ${route} ${Date.now() - t0} ms`);
      t0 = Date.now();
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical')
          report(
            `${lang} ${route}: ${v.id} (${v.impact}) ×${v.nodes.length}: ` +
              v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')
          );
    }
  }
  expect(failures, 'serious or critical axe violations').toEqual([]);
});
