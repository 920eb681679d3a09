// Everyday use: keyboard focus after navigation, the sample shop removed in one action, all data
// deleted from Settings, empty states that say what to import, and a Chinese interface without
// English words (data, brands and units excepted).
import { join } from 'node:path';
import { generateSampleShop } from '../../src/lib/core/sample';
import { CURRENCIES } from '../../src/lib/ui/format';
import { ROUTES, expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const FIX = join(process.cwd(), 'tests/fixtures/e2e');

async function count(page: Page, key: string): Promise<number> {
  const el = page.getByTestId(`count-${key}`);
  await expect(el).toBeVisible();
  return Number(await el.getAttribute('data-value'));
}

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

test('the sample shop: loading twice adds nothing, one action removes it, Settings deletes everything', async ({
  page
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  const customers = await count(page, 'customers');
  await page.getByTestId('load-sample').click();
  await expect(page.getByText('Sample data loaded.')).toBeVisible({ timeout: 90_000 });
  await page.goto('/history/');
  await expect(page.getByTestId('batch')).toHaveCount(5);
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

// Latin-letter words a Chinese page may show: brands, units, file types and the names of
// methods the statistics sections cite. Anything else in Latin letters is untranslated text.
const ALLOWED = new Set(
  (
    'Rapport CSV TSV TXT ZIP PDF PNG JPEG GIF SQLite UTF ROC AUC PR RFM BG NBD NDCG PageRank ' +
    'GAN VAE MLP CTGAN Copula TreeSHAP WASM SIMD WebGL WebGPU CPU GPU GEXF Gephi KL ReLU Adamic ' +
    'Adar Jaccard Mult EASE kNN k-means means MB KB GB TB Excel xlsx xls gzip NUL SD sd F1 ' +
    'Gamma Gamma-Gamma Pareto BG/NBD Mult-VAE FAQ macro-F1 Telco ' +
    // the ciphers a backup names
    'AES-256-GCM PBKDF2-SHA-256 HMAC-SHA-256 ' +
    // the column names an FAQ file must have, quoted as they are
    'question answer'
  ).split(/\s+/)
);
// Currency symbols as Intl writes them in Chinese ("US$", "HK$", "SGD 1.00"): units, not English.
for (const code of CURRENCIES) {
  const zh = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: code }).format(1);
  for (const w of zh.match(/[A-Za-z]+/g) ?? []) ALLOWED.add(w);
}

/** A test id that shows once a page's data has loaded. */
const READY: Record<string, string> = {
  '/': 'revenue-summary',
  '/history/': 'batch',
  '/customers/': 'directory-total',
  '/segments/': 'rfm-table'
};

test('in Chinese, every page with the sample shop shows no English words', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  // Words that come from the data itself (names, products, cities, channels, messages, ids).
  const shop = generateSampleShop({ seed: 7, customers: 2000 });
  const data = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') for (const w of v.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) data.add(w);
    else if (v && typeof v === 'object') Object.values(v).forEach(add);
  };
  const addKeys = (v: object) => Object.keys(v).forEach(add);
  for (const l of [shop.customers, shop.products, shop.interactions, shop.relationships])
    for (const r of l as object[]) {
      add(r);
      const attrs = (r as { attributes?: object }).attributes;
      if (attrs) addKeys(attrs);
    }
  for (const o of shop.orders) add([o.channel, o.productId]);

  await page.getByTestId('lang-switch').first().selectOption('zh');
  const found: string[] = [];
  const pages = [...ROUTES, `/customer/?id=${shop.customers[0].id}`];
  for (const route of pages) {
    await page.goto(route);
    await expect(page.locator('main#main h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Data loads from IndexedDB after the first paint: wait for the page's own list if it has one.
    const ready = READY[route];
    if (ready) await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 30_000 });
    const text = await page.evaluate(() => {
      // Every text node of the page, separated, without the language menu ("English" on
      // purpose), code (column names in files) and scripts.
      const out: string[] = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode())
        if (!n.parentElement?.closest('option, script, style, code, [lang=en]'))
          out.push(n.textContent ?? '');
      return out.join(' ');
    });
    const words = new Set(text.match(/[A-Za-z][A-Za-z0-9'/-]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? []);
    const english = [...words].filter(
      (w) => w.length > 1 && !ALLOWED.has(w) && !data.has(w) && !/^[A-Z]{1,3}\d+$/.test(w)
    );
    if (english.length) found.push(`${route}: ${english.slice(0, 25).join(' ')}`);
  }
  expect(found, 'English words on Chinese pages').toEqual([]);
});
