// The customer network end to end: import customers and their referrals, analyse, see the
// communities and influencers, a name full of HTML shown as text (never run), find a customer by
// keyboard, click a node to open the customer, export, and read the saved analysis back offline.
import { join } from 'node:path';
import { test, expect, waitForServiceWorker } from './fixtures';

const FIX = join(process.cwd(), 'tests/fixtures/graph');
const EVIL = '<img src=x onerror=alert(1)>';

test('import links, analyse the network, open a customer from the graph, reload offline', async ({
  page,
  context
}) => {
  test.setTimeout(300_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/');
  await waitForServiceWorker(page);

  await page.goto('/import/');
  await page
    .locator('input[type=file]')
    .setInputFiles([join(FIX, 'karate-customers.csv'), join(FIX, 'karate-relationships.csv')]);
  for (const [name, kind] of [
    ['karate-customers.csv', 'customers'],
    ['karate-relationships.csv', 'relationships']
  ]) {
    const card = page.getByTestId('import-file').filter({ hasText: name });
    await expect(card.getByTestId('kind')).toHaveValue(kind);
    await expect(card.getByTestId('import-run')).toBeEnabled();
    await card.getByTestId('import-run').click();
    await expect(card.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  }

  await page.goto('/graph/');
  await expect(page.getByTestId('graph-empty')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('graph-analyse').click();
  const summary = page.getByTestId('graph-summary');
  await expect(summary).toContainText('34 customers, 78 links', { timeout: 120_000 });
  // Modularity is a statistic: under Details, explained there.
  await expect(summary).not.toContainText('modularity');
  await expect(page.getByTestId('graph-modularity')).toBeHidden();
  const details = page.getByTestId('graph-details');
  await details.locator(':scope > summary').click();
  await expect(details.getByTestId('glossary')).toContainText('Modularity');
  await expect(page.getByTestId('graph-modularity')).toContainText(
    /Modularity of these communities: 0\.\d+/
  );
  const communities = page.getByTestId('communities').locator('tbody tr');
  expect(await communities.count()).toBeGreaterThanOrEqual(2);
  const influencers = page.getByTestId('influencers');
  // Member 33 of the karate club leads by PageRank; its name is HTML, shown as text.
  await expect(influencers.locator('tbody tr').first()).toContainText(EVIL);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByTestId('communities')).toContainText(EVIL);

  // By keyboard: find a customer, focus the drawing on them, their contacts listed as links.
  await page.getByTestId('graph-search').fill('Ana');
  await page.getByTestId('graph-matches').getByRole('button', { name: 'Ana Silva' }).press('Enter');
  await expect(page.getByTestId('graph-focus')).toContainText('Ana Silva and their contacts');
  await expect(page.getByTestId('graph-focus').getByRole('link', { name: EVIL })).toHaveCount(0);
  await expect(page.getByTestId('graph-focus').getByRole('link').first()).toBeVisible();

  // Exports: GEXF for Gephi (the name as escaped XML text) and the node metrics.
  const [gexf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-gexf').click()
  ]);
  expect(gexf.suggestedFilename()).toBe('customer-network.gexf');
  const xml = Buffer.concat(await (await gexf.createReadStream()).toArray()).toString('utf8');
  expect(xml).toContain('&lt;img src=x onerror=alert(1)');
  expect(xml).not.toContain('<img');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click()
  ]);
  const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
  expect(text).toMatch(/^customer_id,name,community,influence/);
  expect(text).toContain(EVIL);

  // Click a node: the customer page opens.
  await page.getByText('Show everyone').click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  await canvas.scrollIntoViewIfNeeded();
  const where = () =>
    canvas.evaluate((el) =>
      JSON.stringify(
        (el as unknown as { rapportNodePosition(id: string): unknown }).rapportNodePosition('K05')
      )
    );
  // The drawing has settled (fitted to the view) once two reads a moment apart agree.
  let at = JSON.parse(await where()) as { x: number; y: number } | null;
  await expect
    .poll(async () => {
      const before = await where();
      await page.waitForTimeout(200);
      const now = await where();
      at = JSON.parse(now);
      return now === before && at !== null;
    })
    .toBe(true);
  // As a hand would: approach the circle, press, release a moment later.
  await page.mouse.move(at!.x - 6, at!.y - 6);
  await page.mouse.move(at!.x, at!.y, { steps: 4 });
  await page.mouse.down();
  await page.waitForTimeout(80);
  await page.mouse.up();
  await expect(page).toHaveURL(/\/customer\/\?id=K05/);
  await expect(page.getByTestId('customer-id')).toHaveText('K05');

  // A phone held upright (360 px): the network page is no wider than the home page (whose
  // shell header sets the width there), whatever the canvas and tables hold.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  const shellWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.goto('/graph/');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-ready', 'true');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(Math.max(360, shellWidth));
  await page.setViewportSize({ width: 1024, height: 768 });

  // Likely new connections: a plain sentence in view, each method's AUC/AP under Details.
  await page.getByTestId('links-train').click();
  await expect(page.getByTestId('links-headline')).toContainText(
    /real link above a pair of strangers \d+%/,
    {
      timeout: 120_000
    }
  );
  await expect(page.getByTestId('links-eval')).toBeHidden();
  const linkDetails = page.getByTestId('links-details');
  await linkDetails.locator(':scope > summary').click();
  await expect(linkDetails.getByTestId('glossary')).toContainText('Average precision');
  await expect(page.getByTestId('method-learned')).toBeVisible();
  await expect(page.getByTestId('method-adamicAdar')).toBeVisible();

  // Offline: the saved analysis comes back from IndexedDB, drawn again.
  await page.goto('/graph/');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(summary).toContainText('34 customers, 78 links', { timeout: 60_000 });
    await expect(communities.first()).toBeVisible();
    await expect(page.getByTestId('links-headline')).toBeVisible();
    await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  } finally {
    await context.setOffline(false);
  }
  expect(dialogs).toEqual([]);
});
