// Duplicate customers end to end: two channels' customer exports with overlapping people (see
// tests/fixtures/identity/SOURCE.txt), review the suggestions, merge one, undo it, and the page
// and its journal still work after an offline reload.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForServiceWorker } from './fixtures';

const FIX = join(process.cwd(), 'tests/fixtures/identity');

async function importFile(page: Page, name: string, channel: string) {
  await page.locator('input[type=file]').setInputFiles(join(FIX, name));
  const card = page.getByTestId('import-file').filter({ hasText: name }).last();
  await card.getByTestId('channel').selectOption(channel);
  await expect(card.getByTestId('import-run')).toBeEnabled();
  await card.getByTestId('import-run').click();
  await expect(card.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
}

async function customers(page: Page): Promise<string | null> {
  await page.goto('/customers/');
  const total = page.getByTestId('directory-total');
  await expect(total).toBeVisible();
  return total.getAttribute('data-count');
}

test('import two channels, review suggestions, merge, undo, reload offline', async ({
  page,
  context
}) => {
  test.setTimeout(240_000);
  // Identity resolution after each import is on by default; bulk-accept is off.
  await page.goto('/settings/');
  await expect(page.getByTestId('auto-match')).toBeChecked();
  await expect(page.getByTestId('auto-merge')).not.toBeChecked();
  await page.goto('/import/');
  await waitForServiceWorker(page);
  await importFile(page, 'shop-customers.csv', 'shop');
  await importFile(page, 'pos-customers.csv', 'pos');
  // After each customer import (setting on by default) the card looks for duplicates by itself
  // and reports what the import matched, with a link to review them; nothing is merged.
  const pos = page.getByTestId('import-file').filter({ hasText: 'pos-customers.csv' }).last();
  await expect(pos.getByTestId('import-matches-box')).toHaveAttribute('data-auto', 'true');
  const matches = pos.getByTestId('import-matches');
  await expect(matches).toBeVisible({ timeout: 120_000 });
  expect(Number(await matches.getAttribute('data-matched'))).toBeGreaterThanOrEqual(20);
  await expect(matches.getByRole('link')).toHaveAttribute('href', /\/duplicates\/$/);
  await importFile(page, 'orders.csv', 'shop');
  await expect.poll(() => customers(page)).toBe('66');

  await page.goto('/duplicates/');
  await page.getByTestId('find-duplicates').click();
  const groups = page.getByTestId('duplicate-group');
  await expect(groups.first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('duplicates-summary')).toBeVisible();

  // The Chinese customer typed differently in each channel is suggested, with its evidence.
  const wang = groups.filter({ hasText: '王小明' });
  await expect(wang).toHaveCount(1);
  await expect(wang).toContainText('P031');
  await expect(wang).toContainText('S031');
  await wang.locator('summary').first().click();
  await expect(wang.locator('table.evidence')).toBeVisible();

  // Keep the shop record and merge.
  await wang.getByRole('radio', { name: /S031/ }).check();
  await wang.getByTestId('merge-group').click();
  await expect(page.getByTestId('duplicates-notice')).toContainText('S031');
  await expect(page.getByTestId('merge-row')).toHaveCount(1);
  await expect(groups.filter({ hasText: '王小明' })).toHaveCount(0);
  await expect.poll(() => customers(page)).toBe('65');

  // Undo brings both records back, and the pair is suggested again.
  await page.goto('/duplicates/');
  await page.getByTestId('undo-merge').click();
  await expect(page.getByTestId('duplicates-notice')).toContainText('#1');
  await expect(groups.filter({ hasText: '王小明' })).toHaveCount(1);
  await expect.poll(() => customers(page)).toBe('66');

  // The quality and channels page: both channels, their overlap, and the column report.
  await page.goto('/quality/');
  await expect(page.getByTestId('channels-table')).toContainText('Point of sale');
  await expect(page.getByTestId('multi-channel')).toContainText('66');
  await expect(page.locator('[data-column="orders.amount"]')).toBeVisible();
  await expect(page.locator('[data-column="customers.email"]')).toBeVisible();
  await expect(page.getByTestId('quality-duplicates')).toContainText(/\d+ groups/);

  // One-click clip of order-line amounts (12 lines outside Tukey's fences), then its undo.
  const amount = page.locator('[data-column="orders.amount"]');
  await amount.getByTestId('fix-clip').click();
  await expect(page.getByTestId('fix-journal')).toContainText('12');
  await expect(amount.getByTestId('fix-clip')).toHaveCount(0);
  await page.getByTestId('fix-journal').getByRole('button').click();
  await expect(amount.getByTestId('fix-clip')).toBeVisible();

  // "Not the same person" removes a suggestion for good.
  await page.goto('/duplicates/');
  const first = groups.first();
  await expect(first.getByTestId('member-id').first()).toBeVisible();
  const firstIds = await first.getByTestId('member-id').allTextContents();
  expect(firstIds.length).toBeGreaterThanOrEqual(2);
  await first.getByTestId('dismiss-group').click();
  await expect(page.getByTestId('duplicates-notice')).toBeVisible();
  await page.getByTestId('find-duplicates').click();
  await expect(groups.first()).toBeVisible({ timeout: 120_000 });
  await expect(groups.filter({ hasText: firstIds[0] }).filter({ hasText: firstIds[1] })).toHaveCount(0); // prettier-ignore
  const shown = await groups.count();

  // Offline reload: the page, its suggestions and the journal come back from this device.
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.locator('main#main h1')).toBeVisible();
    await expect(groups).toHaveCount(shown, { timeout: 60_000 });
    await expect(page.getByTestId('merge-row')).toContainText('S031');
  } finally {
    await context.setOffline(false);
  }
});
