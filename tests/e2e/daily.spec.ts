// Everyday use, the shop owner's lists: the home dashboard, money in the currency chosen in
// Settings (pages and exports), the directory's lifetime-value and segment columns with sort
// and filter, and a segment opened as a customer list exported as a campaign list.
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { layoutShift, watchLayoutShift } from './pageChecks';

async function text(download: Download): Promise<string> {
  return Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
}

async function loadSample(page: Page) {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
}

test('the home page is a dashboard that says what its numbers mean', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Get started', exact: true })).toBeVisible();
  expect((await page.getByTestId('load-sample').boundingBox())!.y).toBeLessThan(
    (await page.getByTestId('dashboard').boundingBox())!.y
  );
  // Nothing imported: the next step is to import, and no revenue is promised.
  await expect(page.getByTestId('dash-next').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('dash-next').locator('li').first()).toHaveAttribute(
    'data-step',
    'import'
  );
  // "How it works" links every step to a page that exists.
  const how = page.getByTestId('how-it-works').getByRole('link');
  expect(await how.count()).toBeGreaterThanOrEqual(6);
  for (const href of await how.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/\/(import|quality|segments|churn|clv|recommendations|privacy)\/$/);
  }

  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  const tile = page.getByTestId('dash-customers');
  await expect(tile).toHaveAttribute('data-value', /^[1-9]\d*$/, { timeout: 30_000 });
  const all = Number(await tile.getAttribute('data-value'));
  const withOrders = Number(await tile.getAttribute('data-with-orders'));
  expect(withOrders).toBeGreaterThan(0);
  expect(withOrders).toBeLessThanOrEqual(all);
  await expect(tile).toContainText(
    `${withOrders.toLocaleString('en')} with at least one order, out of ${all.toLocaleString('en')} on file`
  );
  const active = Number(await page.getByTestId('dash-active').getAttribute('data-value'));
  const lapsed = Number(await page.getByTestId('dash-lapsed').getAttribute('data-value'));
  expect(active + lapsed).toBe(withOrders);
  // Revenue by month: a chart with a sentence and a table as its text alternative.
  await expect(page.getByTestId('revenue-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('revenue-summary')).toContainText('revenue was highest in');
  const months = page.getByTestId('revenue-table').locator('tbody tr');
  await expect(months.nth(6)).toBeAttached();
  // Value at risk needs both models: the tile says which to train and links there.
  await expect(page.getByTestId('dash-at-risk')).toContainText(
    'Train churn risk and lifetime value'
  );
  await expect(page.getByTestId('dash-next').locator('li').first()).toHaveAttribute(
    'data-step',
    'trainChurn'
  );

  // A returning visit with data: the dashboard comes before the actions to add data, from
  // first paint (the order is decided before the worker answers, ui/dataHint.ts). Without data
  // (above) "Get started" came first.
  const top = async (id: string) => (await page.getByTestId(id).boundingBox())!.y;
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Add data', exact: true })).toBeVisible();
  // …in the document too, so that Tab reaches the dashboard before the actions below it.
  expect(
    await page
      .getByTestId('dashboard')
      .evaluate(
        (d) =>
          !!(
            d.compareDocumentPosition(document.getElementById('start-title')!) &
            Node.DOCUMENT_POSITION_FOLLOWING
          )
      )
  ).toBe(true);
  await expect(page.getByRole('heading', { name: 'Get started' })).toHaveCount(0);
  expect(await top('dashboard')).toBeLessThan(await top('load-sample'));

  // At a width never used before (no kept heights) the dashboard, drawn first, must not push
  // the page around when its figures arrive.
  await watchLayoutShift(page.context());
  await page.setViewportSize({ width: 1350, height: 940 });
  await page.reload();
  await expect(page.getByTestId('dash-customers')).toHaveAttribute('data-value', /^[1-9]/);
  await page.waitForTimeout(1500);
  const { cls, shifts } = await layoutShift(page);
  expect(cls, shifts.join(', ')).toBeLessThan(0.05);

  // In Chinese, the same dashboard with Chinese words and month names.
  await page.getByTestId('lang-switch').first().selectOption('zh');
  await expect(page.getByTestId('dash-customers')).toContainText('至少下过一单');
  await expect(page.getByTestId('revenue-summary')).toContainText('营业额最高');
  await expect(page.getByTestId('revenue-table').locator('tbody th').first()).toContainText('年');
});

test('money in the chosen currency; directory columns; a segment as a campaign list', async ({
  page
}) => {
  test.setTimeout(300_000);
  await loadSample(page);

  // Settings: euros, kept after a reload.
  await page.goto('/settings/');
  await page.getByTestId('currency-select').selectOption('EUR');
  await expect(page.getByTestId('currency-example')).toContainText('€1,234.50');
  await page.reload();
  await expect(page.getByTestId('currency-select')).toHaveValue('EUR');

  // Lifetime value in euros, with names that link to the customer.
  await page.goto('/clv/');
  await page.getByTestId('clv-fit').click();
  const clvRows = page.getByTestId('clv-table').locator('tbody tr');
  await expect(clvRows.first()).toBeVisible({ timeout: 90_000 });
  await expect(clvRows.first().locator('td').nth(5)).toContainText('€');
  const link = clvRows.first().getByRole('link');
  await expect(link).toHaveAttribute('href', /\/customer\/\?id=/);
  expect((await link.textContent())!.trim()).not.toMatch(/^C?\d+$/);

  // The home dashboard follows the currency.
  await page.goto('/');
  await expect(page.getByTestId('dash-revenue')).toContainText('€', { timeout: 30_000 });

  // Directory: lifetime value and segment columns, sortable and filterable.
  await page.goto('/customers/');
  const rows = page.getByTestId('directory-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('directory-scores-hint')).toContainText('train churn risk');
  await page.getByTestId('directory-sort').selectOption('value.desc');
  const valueCell = (i: number) => rows.nth(i).locator('.val');
  await expect(valueCell(0)).toContainText('€');
  const v0 = Number(await valueCell(0).getAttribute('data-value'));
  const v1 = Number(await valueCell(1).getAttribute('data-value'));
  expect(v0).toBeGreaterThanOrEqual(v1);
  const total = Number(await page.getByTestId('directory-total').getAttribute('data-count'));
  const seg = page.getByTestId('directory-segment');
  const options = await seg
    .locator('option')
    .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value).filter((v) => v !== ''));
  expect(options.length).toBeGreaterThan(1);
  await seg.selectOption(options[0]);
  await expect(page.getByTestId('directory-total')).not.toHaveAttribute(
    'data-count',
    String(total)
  );
  const segCells = await rows
    .locator('.seg')
    .evaluateAll((c) => c.map((x) => x.getAttribute('data-value')));
  expect(segCells.length).toBeGreaterThan(0);
  expect(new Set(segCells)).toEqual(new Set([options[0]]));

  // Segments: open one as a list, export it as a campaign list in euros.
  await page.goto('/segments/');
  const open = page.getByTestId('segment-open').first();
  await expect(open).toBeVisible({ timeout: 60_000 });
  const segment = (await open.getAttribute('data-segment'))!;
  const expected = Number(
    (await page
      .getByTestId('rfm-table')
      .locator('tbody tr')
      .first()
      .locator('td')
      .nth(1)
      .textContent())!.replace(/\D/g, '')
  );
  await open.click();
  const list = page.getByTestId('segment-list');
  await expect(list.getByRole('heading')).toBeFocused();
  await expect(page.getByTestId('segment-list-count')).toHaveAttribute(
    'data-count',
    String(expected)
  );
  await expect(page.getByTestId('segment-list-table').locator('tbody tr').first()).toContainText(
    '€'
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('segment-export').click()
  ]);
  const csv = (await text(download))
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('customer_id,name,email,phone,segment,value_EUR');
  expect(csv).toHaveLength(expected + 1);
  expect(csv.slice(1).every((l) => l.includes(`,${segment},`))).toBe(true);
});
