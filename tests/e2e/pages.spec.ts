import { ROUTES, expect, test } from './fixtures';

test.describe('every page', () => {
  // One page walks every route (a full navigation each, empty database): a context per route
  // cost the suite about a minute for the same checks.
  test('every route loads without console errors, with the shell landmarks', async ({
    page,
    consoleErrors
  }) => {
    const found: string[] = [];
    for (const route of ROUTES) {
      const res = await page.goto(route);
      expect(res?.status(), route).toBe(200);
      await expect(page.locator('main#main h1'), route).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' }), route).toBeVisible();
      await expect(
        page.getByRole('navigation').getByRole('link', { name: 'Settings' }),
        route
      ).toBeVisible();
      await page.waitForLoadState('networkidle');
      for (const e of consoleErrors.splice(0)) found.push(`${route}: ${e}`);
    }
    expect(found, 'console errors').toEqual([]);
  });

  test('isolation headers are served and the page is cross-origin isolated', async ({ page }) => {
    const res = await page.goto('/');
    expect(res?.headers()['cross-origin-opener-policy']).toBe('same-origin');
    expect(res?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  test('keyboard: the first Tab reaches the skip link, which moves focus to main', async ({
    page
  }) => {
    await page.goto('/customers/');
    await expect(page.locator('main#main h1')).toBeVisible(); // rendered client-side (SPA)
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await expect(page.locator('main#main')).toBeFocused();
  });

  test('the nav marks the current page and navigates client-side', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Churn' }).click();
    await expect(page).toHaveURL(/\/churn\/$/);
    await expect(nav.getByRole('link', { name: 'Churn' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('h1')).toHaveText('Churn risk');
  });

  test('home offers the two start actions', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('load-sample')).toContainText('Load sample data');
    await page.getByTestId('import-csv').click();
    await expect(page).toHaveURL(/\/import\/$/);
  });

  test('the web app manifest names Rapport with a maskable icon', async ({ request }) => {
    const m = await (await request.get('/manifest.webmanifest')).json();
    expect(m.name).toBe('Rapport');
    expect(m.display).toBe('standalone');
    expect(m.theme_color).toBe('#1f5f8b');
    expect(m.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
  });
});
