// Generative models end to end: sample data -> train the customer map (live loss) -> points on
// the map -> select with the lasso and with the keyboard range form -> save a segment -> the
// unusual customers -> train a small synthesiser -> its report -> download the CSV -> inside
// the networks -> reload offline: the map, the segment and the report come back from IndexedDB.
import { test, expect } from './fixtures';

test('customer map, segments, synthetic data and the networks, offline after training', async ({
  page,
  context
}) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByText('Sample data loaded.')).toBeVisible({ timeout: 90_000 });

  await page.goto('/map/');
  await page.getByTestId('map-train').click();
  await expect(page.getByTestId('map-loss').locator('canvas').first()).toBeVisible({ timeout: 120_000 }); // prettier-ignore
  const chart = page.getByTestId('map-chart');
  await expect(chart.locator('canvas').first()).toBeVisible({ timeout: 240_000 });
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(1000);
  await expect(page.getByTestId('map-evaluation')).toContainText('ROC AUC');
  await expect(page.getByTestId('unusual').locator('tbody tr').first()).toBeVisible();

  // A lasso drawn with the mouse across the middle of the plot selects some customers.
  const over = chart.locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = (await over.boundingBox())!;
  const count = page.getByTestId('selected-count');
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (const [fx, fy] of [
    [0.8, 0.2],
    [0.8, 0.8],
    [0.2, 0.8],
    [0.2, 0.25]
  ])
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy, { steps: 5 });
  await page.mouse.up();
  await expect(count).not.toHaveText(/^0 /);
  const lassoed = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(lassoed).toBeGreaterThan(10);

  // The keyboard alternative: type a range and submit it with Enter.
  const form = page.getByTestId('range-form');
  const xFrom = form.getByRole('spinbutton').first();
  await xFrom.fill('0');
  await xFrom.press('Enter');
  const ranged = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(ranged).toBeGreaterThan(0);
  expect(ranged).not.toBe(lassoed);
  await page.getByTestId('segment-name').fill('Right half');
  await page.getByTestId('segment-name').press('Enter');
  await expect(page.getByTestId('map-notice')).toContainText('Right half');
  await expect(page.getByTestId('saved-segments')).toContainText('Right half');
  await page.getByTestId('colour-by').selectOption('saved');
  await expect(page.locator('.legend')).toContainText('Right half');

  await page.goto('/synthetic/');
  await page.getByTestId('gan-epochs').fill('3');
  await page.getByTestId('synthetic-train').click();
  const report = page.getByTestId('synthetic-report');
  await expect(report).toBeVisible({ timeout: 240_000 });
  await expect(report.getByTestId('copies')).toContainText('0');
  await expect(page.getByTestId('verdict')).toBeVisible();
  await page.getByTestId('export-rows').fill('120');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click()
  ]);
  expect(download.suggestedFilename()).toMatch(/^synthetic-customers-(ctgan|copula)\.csv$/);
  const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  const lines = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toMatch(/^customer_id,.*recency_days/);
  expect(lines).toHaveLength(121);
  await expect(page.getByTestId('export-done')).toContainText('0 exact copies');

  await page.goto('/networks/');
  const pick = page.getByTestId('network-pick');
  await expect(pick.locator('option')).toHaveCount(4); // encoder, decoder, generator, critic
  await expect(page.getByTestId('architecture')).toContainText('mean and log-variance');
  await expect(page.getByTestId('histograms').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('activations').locator('figure')).toHaveCount(3);

  // Offline, everything trained comes back from IndexedDB.
  await context.setOffline(true);
  try {
    await page.goto('/map/');
    await expect(page.getByTestId('map-chart').locator('canvas').first()).toBeVisible({ timeout: 60_000 }); // prettier-ignore
    await expect(page.getByTestId('saved-segments')).toContainText('Right half');
    await page.goto('/synthetic/');
    await expect(page.getByTestId('synthetic-report')).toBeVisible({ timeout: 60_000 });
    // A 360 px phone: nothing wider than the screen (wide tables scroll in their own box).
    await page.setViewportSize({ width: 360, height: 740 });
    for (const [route, ready] of [
      ['/map/', 'map-chart'],
      ['/synthetic/', 'synthetic-report'],
      ['/networks/', 'architecture']
    ]) {
      // prettier-ignore
      await page.goto(route);
      await expect(page.getByTestId(ready)).toBeVisible({ timeout: 60_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), route).toBeLessThanOrEqual(360); // prettier-ignore
    }
  } finally {
    await context.setOffline(false);
  }
});
