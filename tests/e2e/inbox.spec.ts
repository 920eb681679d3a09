// The inbox end to end on the sample shop's English and Chinese messages: import (load sample),
// train, see an intent and a suggested reply, correct an intent, reload offline and still see it.
import { test, expect, waitForServiceWorker } from './fixtures';

test('trains on the sample messages, suggests replies, takes a correction, works offline', async ({
  page,
  context
}) => {
  test.setTimeout(540_000);
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });

  await page.goto('/inbox/');
  await page.getByTestId('inbox-train').click();
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 420_000 });
  // Plain words in view; the statistics (accuracy, macro-F1, the confusion matrix) on request.
  await expect(page.getByTestId('eval-headline')).toContainText('right topic for');
  await expect(page.getByTestId('eval-summary')).toBeHidden();
  await expect(page.getByTestId('confusion')).toBeHidden();
  const details = page.getByTestId('inbox-details');
  await details.locator(':scope > summary').click();
  await expect(details.getByTestId('glossary')).toContainText('Macro-F1');
  await expect(page.getByTestId('eval-summary')).toContainText('%');
  await expect(page.getByTestId('confusion')).toBeVisible();
  await expect(page.getByTestId('row-intent').first()).not.toHaveText('–');

  await page.getByTestId('open-message').first().click();
  await expect(page.getByTestId('panel-intent')).not.toBeEmpty();
  await expect(page.getByTestId('reply').first()).toBeVisible();
  await page.getByTestId('reply-insert').first().click();
  await expect(page.getByTestId('reply-draft')).not.toHaveValue('');

  await page.getByTestId('correct-input').fill('praise');
  await page.getByTestId('correct-save').click();
  await expect(page.getByTestId('panel-note')).toBeVisible();

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('row-intent').first()).not.toHaveText('–');
  } finally {
    await context.setOffline(false);
  }
});
