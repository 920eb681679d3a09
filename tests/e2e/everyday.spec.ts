// Everyday use: keyboard focus after navigation, the sample shop loaded (with next steps) and
// removed in one action, all data deleted from Settings, and empty states that say what to import.
import { join } from 'node:path';
import { expect, test, dataCount } from './fixtures';

const FIX = join(process.cwd(), 'tests/fixtures/e2e');

const count = dataCount;

test('keyboard: after moving to another page the focus is on its heading', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main#main h1')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Import', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/import\/$/);
  await expect(page.locator('main#main h1')).toBeFocused();
  // The next Tab continues inside the page, not from the top of the navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('the sample shop: loads with next steps, loading twice adds nothing, one action removes it, Settings deletes everything', async ({
  page
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('sample-next').getByRole('link')).toHaveCount(2);
  // The counts are asked for when the loader finishes: wait for that answer, not the first one.
  await expect.poll(() => count(page, 'customers')).toBeGreaterThanOrEqual(2000);
  for (const k of ['orderLines', 'products', 'interactions', 'relationships'])
    await expect.poll(() => count(page, k)).toBeGreaterThan(0);
  const customers = await count(page, 'customers');
  await page.getByTestId('load-sample').click();
  await expect(page.getByText('Sample data loaded.')).toBeVisible({ timeout: 90_000 });
  // In the history as one batch per kind, source "Sample shop".
  await page.goto('/history/');
  await expect(page.getByTestId('batch')).toHaveCount(5);
  await expect(page.getByTestId('history')).toContainText('Sample shop');
  await expect(page.getByTestId('count-customers')).toHaveAttribute(
    'data-value',
    String(customers)
  );

  // One action, confirmed, removes all five imports.
  await page
    .getByTestId('remove-sample')
    .getByRole('button', { name: 'Remove the sample shop' })
    .click();
  await expect(page.getByTestId('confirm-remove-sample')).toBeFocused();
  await page.getByTestId('confirm-remove-sample').click();
  await expect(page.getByText('The sample shop was removed.')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid=batch][data-status=undone]')).toHaveCount(5);
  await expect(page.getByTestId('count-customers')).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId('count-orderLines')).toHaveAttribute('data-value', '0');

  // Settings: delete all data on this device, after a confirmation; cancel first keeps it.
  await page.goto('/settings/');
  const del = page.getByTestId('delete-all');
  await del.getByRole('button', { name: /Delete all data on this device/ }).click();
  await del.getByRole('button', { name: 'Cancel' }).click();
  await page.goto('/history/');
  await expect(page.getByTestId('batch')).toHaveCount(5);
  await page.goto('/settings/');
  await del.getByRole('button', { name: /Delete all data on this device/ }).click();
  await expect(page.getByTestId('confirm-delete-all')).toBeFocused();
  await page.getByTestId('confirm-delete-all').click();
  await expect(del.getByText('All data on this device was deleted.')).toBeVisible();
  await page.goto('/history/');
  await expect(page.getByTestId('batch')).toHaveCount(0);
});

test('with only a Telco customer file, Segments and Lifetime value say what to import', async ({
  page
}) => {
  await page.goto('/import/');
  await page.locator('input[type=file]').setInputFiles(join(FIX, 'telco-customer-churn.csv'));
  const card = page.getByTestId('import-file').filter({ hasText: 'telco-customer-churn.csv' });
  await expect(card.getByTestId('import-run')).toBeEnabled();
  await card.getByTestId('import-run').click();
  await expect(card.getByTestId('import-done')).toContainText('7,043', { timeout: 60_000 });
  for (const [route, title] of [
    ['/segments/', 'Segments need orders'],
    ['/clv/', 'Lifetime value needs orders']
  ]) {
    await page.goto(route);
    const needs = page.getByTestId('needs-data');
    await expect(needs.getByRole('heading', { name: title })).toBeVisible();
    await expect(needs.getByTestId('needs-have')).toContainText('7,043 customers');
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  await page.getByTestId('lang-switch').first().selectOption('zh');
  await expect(page.getByTestId('needs-data')).toContainText('7,043 位客户');
});
