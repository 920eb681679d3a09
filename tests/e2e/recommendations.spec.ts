// Recommendations end to end: sample data -> train and compare the models -> every model's
// held-out figures side by side -> each customer's top 10 with reasons -> feedback recorded and
// counted per model -> CSV export -> products, bought-together rules, a product page, the
// customer page's list -> offline reload shows the saved recommendations and feedback -> 360 px.
import { test, expect } from './fixtures';

test('train recommenders, see reasons, record feedback, and read them back offline', async ({
  page,
  context
}) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByText('Sample data loaded.')).toBeVisible({ timeout: 90_000 });

  await page.goto('/recommendations/');
  await expect(page.getByTestId('recommend-none')).toBeVisible({ timeout: 60_000 });
  // The VAE is covered by the unit tests; here the four fast models keep the test short.
  await page.getByTestId('model-mult-vae').uncheck();
  await page.getByTestId('recommend-train').click();
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation).toBeVisible({ timeout: 300_000 });
  // Plain words in view; every model's figures on request.
  await expect(page.getByTestId('eval-headline')).toContainText('at least one of their 10');
  await expect(page.getByTestId('eval-popular')).toBeHidden();
  const details = page.getByTestId('recommend-details');
  await details.locator(':scope > summary').click();
  await expect(details.getByTestId('glossary')).toContainText('NDCG@10');
  await expect(page.getByTestId('eval-popular')).toBeVisible();
  for (const kind of ['popular', 'popular-recent', 'item-knn', 'ease']) {
    const row = page.getByTestId(`eval-${kind}`);
    const ndcg = Number((await row.locator('td').first().textContent())!.trim());
    expect(ndcg).toBeGreaterThan(0.05);
  }
  await expect(evaluation).toContainText('in use');

  const first = page.getByTestId('rec-customer-block').first();
  await expect(first.getByTestId('rec-item')).toHaveCount(10);
  const reason = first.getByTestId('rec-reason').first();
  await expect(reason).toHaveText(/Customers who bought|Popular|purchases like/);
  const product = (await first.getByTestId('rec-item').first().locator('a').textContent())!;

  // Feedback: the button stays pressed and the acceptance table counts it.
  const accept = first.getByTestId('rec-item').first().getByTestId('fb-accepted');
  await accept.click();
  await expect(accept).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('acc-rate').first()).toHaveText('100%');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('rec-export').click()
  ]);
  expect(download.suggestedFilename()).toBe('recommendations.csv');
  const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  expect(csv).toMatch(/^customer_id,name,email,segment,rank,product_id,product_name/);
  expect(csv.split('\n').length).toBeGreaterThan(1000);

  // Reasons follow the UI language.
  await page.getByTestId('lang-switch').first().selectOption('zh');
  await expect(first.getByTestId('rec-reason').first()).toHaveText(/[\u4e00-\u9fff]/);
  await page.getByTestId('lang-switch').first().selectOption('en');

  // Products, bought-together rules and a product page.
  await page.goto('/products/');
  await expect(page.getByTestId('products-table').locator('tbody tr').first()).toBeVisible({
    timeout: 60_000
  });
  await page.getByTestId('find-rules').click();
  await expect(page.getByTestId('rules-summary')).toContainText('rules', { timeout: 60_000 });
  await page.getByTestId('rules').locator('tbody tr').first().locator('a').first().click();
  await expect(page).toHaveURL(/\/product\/\?id=/);
  await expect(page.getByTestId('product-name')).toBeVisible();
  await expect(page.getByTestId('product-together').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('product-buyers').locator('tbody tr').first()).toBeVisible();

  // The customer page lists what to offer next.
  await page.goto('/recommendations/');
  await page.getByTestId('rec-customer-block').first().locator('h3 a').click();
  await expect(page).toHaveURL(/\/customer\/\?id=/);
  await expect(page.getByTestId('customer-recommendations').locator('li').first()).toBeVisible({
    timeout: 60_000
  });

  // Offline: the saved model, its figures, the lists and the feedback come back.
  await page.goto('/recommendations/');
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 60_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('evaluation')).toBeVisible({ timeout: 60_000 });
  const again = page.getByTestId('rec-customer-block').first();
  await expect(again.getByTestId('rec-item').first().locator('a')).toHaveText(product);
  await expect(again.getByTestId('rec-item').first().getByTestId('fb-accepted')).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  await expect(again.getByTestId('rec-reason').first()).not.toBeEmpty();

  // A phone-sized screen: nothing wider than the viewport.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(again.getByTestId('rec-item').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.setOffline(false);
});
