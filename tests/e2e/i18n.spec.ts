import { expect, test } from './fixtures';

test('switching to Chinese updates the UI and <html lang>, and persists across reload', async ({
  page
}) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('lang-switch').first().selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('link', { name: '设置' })).toBeVisible();
  await expect(page.locator('h1')).toHaveText('了解并留住您的客户');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('link', { name: '客户', exact: true })).toBeVisible();

  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.locator('h1')).toHaveText('设置');

  await page.getByTestId('lang-switch').first().selectOption('en');
  await expect(page.locator('h1')).toHaveText('Settings');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
