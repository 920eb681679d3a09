// CSV import through the UI: real exports (Online Retail, Telco), re-import, undo from history,
// cancel halfway, and a malformed file's message. Counts come from the data summary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, dataCount } from './fixtures';

const FIX = join(process.cwd(), 'tests/fixtures/e2e');

const count = dataCount;

async function expectCount(page: Page, key: string, n: number) {
  await expect(page.getByTestId(`count-${key}`)).toHaveAttribute('data-value', String(n));
}

/** Pick files with the page's file input and wait for the last card's preview. */
async function pick(page: Page, files: string | string[]) {
  await page.locator('input[type=file]').setInputFiles(files);
}

async function importCard(page: Page, name: string) {
  const card = page.getByTestId('import-file').filter({ hasText: name }).last();
  await expect(card.getByTestId('import-run')).toBeEnabled();
  await card.getByTestId('import-run').click();
  return card;
}

test('imports Online Retail and Telco, re-import keeps counts, undo brings them back', async ({
  page
}) => {
  await page.goto('/import/');
  await pick(page, [join(FIX, 'OnlineRetail-sample.csv'), join(FIX, 'telco-customer-churn.csv')]);
  const retail = page.getByTestId('import-file').filter({ hasText: 'OnlineRetail-sample.csv' });
  await expect(retail.getByTestId('kind')).toHaveValue('orders');
  await expect(retail.getByTestId('delimiter')).toBeVisible();
  const telco = page.getByTestId('import-file').filter({ hasText: 'telco-customer-churn.csv' });
  await expect(telco.getByTestId('kind')).toHaveValue('customers');

  await importCard(page, 'OnlineRetail-sample.csv');
  await expect(retail.getByTestId('import-done')).toContainText('1,070');
  await expect(retail.getByTestId('import-done')).toContainText('1 rejected');
  // The rejected row is listed with its file and message.
  const problems = retail.getByRole('table', { name: 'First problems' });
  await expect(problems).toContainText('OnlineRetail-sample.csv');
  await expect(problems).toContainText('624');
  await expect(problems).toContainText('customer id is empty');
  await expectCount(page, 'orderLines', 1070);

  await importCard(page, 'telco-customer-churn.csv');
  await expect(telco.getByTestId('import-done')).toContainText('7,043');
  // The counts refresh after the import settles (the look for duplicates runs after it).
  await expect.poll(() => count(page, 'customers')).toBeGreaterThanOrEqual(7043);
  const customers = await count(page, 'customers');

  // Same file again: the same orders supersede, counts unchanged.
  await pick(page, join(FIX, 'OnlineRetail-sample.csv'));
  const again = page.getByTestId('import-file').filter({ hasText: 'OnlineRetail-sample.csv' });
  await expect(again).toHaveCount(2);
  await expect(again.last().getByTestId('source')).toHaveValue('OnlineRetail-sample.csv');
  await again.last().getByTestId('import-run').click();
  await expect(again.last().getByTestId('import-done')).toBeVisible();
  await expectCount(page, 'orderLines', 1070);
  await expectCount(page, 'customers', customers);

  // History: newest first; undoing the re-import keeps the first import's lines.
  await page.goto('/history/');
  const rows = page.getByTestId('batch');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toHaveAttribute('data-file', 'OnlineRetail-sample.csv');
  // Undoing the first Online Retail import is refused: the re-import superseded its lines.
  await rows.last().getByTestId('undo').click();
  await page.getByTestId('confirm-undo').click();
  await expect(page.getByTestId('undo-error')).toContainText('newer import');
  await rows.first().getByTestId('undo').click();
  await page.getByTestId('confirm-undo').click();
  await expect(page.getByTestId('undo-done')).toBeVisible();
  await expect(rows.first()).toHaveAttribute('data-status', 'undone');
  await expectCount(page, 'orderLines', 1070);
  // The directory lists every customer once: Telco's 7,043 plus Online Retail's 50 buyers.
  await page.goto('/customers/');
  await expect(page.getByTestId('directory-total')).toHaveAttribute('data-count', '7093');
  await page.getByRole('searchbox').fill('7590-VHVEG');
  await expect(page.getByTestId('directory-total')).toHaveAttribute('data-count', '1');
  // A customer known only from order lines (no customer record): its page shows its orders.
  await page.goto('/customer/?id=17850');
  await expect(page.getByTestId('customer-id')).toHaveText('17850');
  await expect(page.getByTestId('history-counts')).not.toHaveAttribute('data-orders', '0');
  await expect(page.getByTestId('customer-history').locator('.event.order').first()).toBeVisible();
  await page.goto('/history/');
  // Undo Telco and the first Online Retail import: nothing left.
  await rows.nth(1).getByTestId('undo').click();
  await page.getByTestId('confirm-undo').click();
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'undone');
  await rows.nth(2).getByTestId('undo').click();
  await page.getByTestId('confirm-undo').click();
  await expect(rows.nth(2)).toHaveAttribute('data-status', 'undone');
  await expectCount(page, 'orderLines', 0);
  await expectCount(page, 'customers', 0);
});

test('cancelling a large import leaves the counts unchanged', async ({ page }, info) => {
  const big = info.outputPath('big-orders.csv');
  const lines = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID'];
  for (let i = 0; i < 600_000; i++)
    lines.push(
      `${100000 + (i >> 2)},SKU${i % 500},${1 + (i % 5)},2011-03-0${1 + (i % 9)} 10:00,1.5,${10000 + (i % 4000)}`
    );
  writeFileSync(big, lines.join('\n') + '\n');

  await page.goto('/import/');
  await pick(page, join(FIX, 'OnlineRetail-sample.csv'));
  await importCard(page, 'OnlineRetail-sample.csv');
  await expectCount(page, 'orderLines', 1070);

  await pick(page, big);
  const card = await importCard(page, 'big-orders.csv');
  const cancel = card.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(card.getByTestId('import-cancelled')).toBeVisible();
  await expectCount(page, 'orderLines', 1070);
  await page.reload();
  await expectCount(page, 'orderLines', 1070);
});

test('a malformed CSV shows a clear message naming the file', async ({ page }) => {
  await page.goto('/import/');
  await pick(page, join(FIX, 'malformed.csv'));
  const card = page.getByTestId('import-file').filter({ hasText: 'malformed.csv' });
  await card.getByTestId('kind').selectOption('orders');
  await expect(card.getByTestId('import-run')).toBeEnabled();
  await card.getByTestId('import-run').click();
  const err = card.getByTestId('refused');
  await expect(err).toContainText('malformed.csv');
  await expect(err).toContainText('row 1');
  await expect(err).toContainText('CustomerID');
});

test('row errors are said in the UI language: Chinese on the page and in the download', async ({
  page
}) => {
  await page.goto('/import/');
  await page.getByTestId('lang-switch').first().selectOption('zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await pick(page, join(process.cwd(), 'tests/fixtures/bad-csv/bad-dates.csv'));
  const card = page.getByTestId('import-file').filter({ hasText: 'bad-dates.csv' });
  await expect(card.getByTestId('kind')).toHaveValue('orders');
  await importCard(page, 'bad-dates.csv');
  await expect(card.getByTestId('import-done')).toHaveAttribute('data-error-rows', '3,4,5');
  const problems = card.getByRole('table', { name: '前几个问题' });
  await expect(problems).toContainText('InvoiceDate');
  await expect(problems).toContainText('不是有效的日期');
  await expect(problems).not.toContainText('not a valid date');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByTestId('download-errors').click()
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('不是有效的日期');
  // Back in English, the same rows say it in English.
  await page.getByTestId('lang-switch').first().selectOption('en');
  await expect(card.getByRole('table', { name: 'First problems' })).toContainText(
    'not a valid date'
  );
});
