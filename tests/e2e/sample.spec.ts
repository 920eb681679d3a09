// "Load sample data" on the home page: works offline in the worker, shows progress, then links.
import { test, expect } from './fixtures';

test('loads the sample shop and offers next steps', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('sample-next').getByRole('link')).toHaveCount(2);
  const customers = Number(await page.getByTestId('count-customers').getAttribute('data-value'));
  expect(customers).toBeGreaterThanOrEqual(2000);
  for (const k of ['orderLines', 'products', 'interactions', 'relationships'])
    expect(Number(await page.getByTestId(`count-${k}`).getAttribute('data-value'))).toBeGreaterThan(
      0
    );

  // The sample is in the history as one batch per kind, source "Sample shop".
  await page.goto('/history/');
  await expect(page.getByTestId('batch')).toHaveCount(5);
  await expect(page.getByTestId('history')).toContainText('Sample shop');
});
