// Data & privacy in the browser: back up the sample shop with its trained models (encrypted),
// clear the site's data, restore offline, and find every page and model as before; then erase
// a customer and export a de-identified table. No request leaves the origin (fixtures check it).
import { readFileSync, writeFileSync } from 'node:fs';
import { ROUTES, dataCount, expect, test, waitForServiceWorker } from './fixtures';

const PASS = 'a long enough passphrase';

test('back up, clear site data, restore offline: pages and trained models as before', async ({
  page,
  context
}, info) => {
  test.setTimeout(480_000);
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 120_000 });
  // The counts asked for at the page's start may still be on screen: wait for the sample's.
  await expect.poll(() => dataCount(page, 'customers')).toBeGreaterThanOrEqual(2000);
  await expect.poll(() => dataCount(page, 'orderLines')).toBeGreaterThan(0);
  const customers = String(await dataCount(page, 'customers'));
  const lines = String(await dataCount(page, 'orderLines'));

  // Two trained models: segments (trained on first visit) and lifetime value.
  await page.goto('/segments/');
  const rfm = page.getByTestId('rfm-table');
  await expect(rfm.locator('tbody tr').first()).toBeVisible({ timeout: 120_000 });
  const rfmText = (await rfm.textContent())!;
  await page.goto('/clv/');
  await page.getByTestId('clv-fit').click();
  const params = page.getByTestId('clv-params');
  // Under "Details", drawn once it is opened.
  await page.getByTestId('clv-details').locator(':scope > summary').click({ timeout: 180_000 });
  await expect(params).toBeVisible({ timeout: 180_000 });
  const paramsText = (await params.textContent())!;
  const clvTop = (await page.getByTestId('clv-table').locator('tbody tr').first().textContent())!;

  // Back up, encrypted.
  await page.goto('/privacy/');
  await expect(page.getByTestId('backup-reminder')).toContainText('no backup yet');
  await page.getByTestId('backup-passphrase').fill(PASS);
  await page.getByTestId('backup-passphrase-again').fill(PASS);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('backup-download').click()
  ]);
  const file = info.outputPath('shop.rapport-backup');
  await download.saveAs(file);
  await expect(page.getByTestId('backup-done')).toContainText('encrypted');
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString()).toBe('RAPPORTB');
  // The customer ids are not readable in the file.
  expect(bytes.includes(Buffer.from('C00001'))).toBe(false);

  // Clear site data (IndexedDB, caches, service worker), then open the app again.
  // Chromium deletes a database only once its connections are gone: the app's worker may still
  // hold one for a moment after the page leaves, so clearing is repeated until the app opens on
  // an empty database (a few tries at most).
  const cdp = await context.newCDPSession(page);
  const origin = new URL(info.project.use.baseURL!).origin;
  for (let attempt = 1; ; attempt++) {
    await page.goto('about:blank');
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
    await page.goto('/');
    const n = await page.getByTestId('count-customers').getAttribute('data-value');
    if (n === '0' || attempt === 5) break;
  }
  await waitForServiceWorker(page);
  await expect(page.getByTestId('count-customers')).toHaveAttribute('data-value', '0');

  await context.setOffline(true);
  try {
    await page.goto('/privacy/');
    await page.getByTestId('restore-file').setInputFiles(file);
    // A wrong passphrase first: refused, nothing changed.
    await page.getByTestId('restore-passphrase').fill('wrong');
    await page.getByTestId('restore-check').click();
    await expect(page.getByTestId('restore-error')).toContainText('Wrong passphrase', {
      timeout: 60_000
    });
    await page.getByTestId('restore-passphrase').fill(PASS);
    await page.getByTestId('restore-check').click();
    await expect(page.getByTestId('restore-summary')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('restore-diff')).toContainText('customers');
    await page.getByTestId('restore-go').click();
    await expect(page.getByTestId('restore-message')).toBeVisible({ timeout: 120_000 });

    await page.goto('/');
    await expect(page.getByTestId('count-customers')).toHaveAttribute('data-value', customers);
    await expect(page.getByTestId('count-orderLines')).toHaveAttribute('data-value', lines);
    await page.goto('/segments/');
    await expect(page.getByTestId('rfm-table')).toHaveText(rfmText, { timeout: 60_000 });
    await page.goto('/clv/');
    await page.getByTestId('clv-details').locator(':scope > summary').click({ timeout: 60_000 });
    await expect(page.getByTestId('clv-params')).toHaveText(paramsText, { timeout: 60_000 });
    await expect(page.getByTestId('clv-table').locator('tbody tr').first()).toHaveText(clvTop);
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);
    for (const route of ROUTES) {
      await page.goto(route);
      await expect(page.locator('main#main h1'), route).toBeVisible();
    }
    await page.goto('/history/');
    await expect(page.getByTestId('batch')).toHaveCount(5);
  } finally {
    await context.setOffline(false);
  }
});

test('erase a customer, and a de-identified export without their contact details', async ({
  page
}) => {
  test.setTimeout(480_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 120_000 });
  await page.goto('/customer/?id=C00001');
  await expect(page.getByTestId('customer-id')).toHaveText('C00001');

  // A plain backup first: it still holds the customer after the erasure (the page says so).
  await page.goto('/privacy/');
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('backup-download').click()
  ]);
  const backup = await saved.path();

  await page.getByTestId('erase-id').fill('C00001');
  await expect(page.getByTestId('erase-go')).toBeDisabled();
  await page.getByTestId('erase-confirm').fill('C00001');
  await page.getByTestId('erase-go').click();
  await expect(page.getByTestId('erase-message')).toContainText('Erased', { timeout: 60_000 });
  await expect(page.getByTestId('erasure-log').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('erasure-log')).not.toContainText('C00001');

  // De-identified customers: names, e-mails and phones removed by default, ids pseudonymised.
  await expect(page.getByTestId('deid-columns')).toContainText('email');
  await page.getByTestId('deid-preview').click();
  const preview = page.getByTestId('deid-preview-table');
  await expect(preview).toBeVisible();
  await expect(preview.locator('thead')).not.toContainText('email');
  await expect(page.getByTestId('deid-k')).toContainText('k =');
  await expect(preview).not.toContainText('C0000');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('deid-export').click()
  ]);
  const text = readFileSync(await csv.path()).toString();
  expect(text.split('\r\n')[0]).not.toMatch(/email|phone|name/);
  expect(text).not.toContain('C00002');
  expect(text).not.toContain('@');

  // Merging the earlier backup, keeping this data on conflicts, brings only what is missing here:
  // the erased customer (their order lines as "Backup merge" imports that the history can undo).
  await page.getByTestId('restore-file').setInputFiles(backup);
  await page.getByTestId('restore-check').click();
  await expect(page.getByTestId('restore-diff')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('merge-keep').check();
  await page.getByTestId('restore-go').click();
  // The merge snapshots the database first (its undo): a backup's worth of work more.
  await expect(page.getByTestId('restore-message')).toContainText('Merged', { timeout: 240_000 });
  await page.goto('/customer/?id=C00001');
  await expect(page.getByTestId('customer-id')).toHaveText('C00001');
  await page.goto('/history/');
  await expect(page.getByTestId('history')).toContainText('Backup merge');
  // The merge's undo survives a reload (a new worker: kept in IndexedDB) and puts the data back.
  await page.goto('/privacy/');
  await page.reload();
  await expect(page.getByTestId('restore-undo')).toHaveText('Undo the merge', { timeout: 60_000 });
  await page.getByTestId('restore-undo').click();
  await expect(page.getByTestId('restore-message')).toContainText('undone', { timeout: 240_000 });
  await expect(page.getByTestId('restore-undo')).toHaveCount(0);
  // Undone: the customer is erased again.
  await page.goto('/customer/?id=C00001');
  await expect(page.getByTestId('customer-missing')).toBeVisible();

  // A 360 px phone: the page, with the restore preview and the export preview open, is no wider
  // than the screen (wide tables scroll in their own box).
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/privacy/');
  await page.getByTestId('restore-file').setInputFiles(backup);
  await page.getByTestId('restore-check').click();
  await expect(page.getByTestId('restore-diff')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('deid-preview').click();
  await expect(page.getByTestId('deid-preview-table')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('save as: the worker streams the backup frame by frame into the chosen file', async ({
  page
}, info) => {
  test.setTimeout(420_000);
  // A stand-in for the File System Access API's save dialog (headless Chromium cannot show one):
  // the chosen "file" records each write the page's stream makes into it.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const state = { name: '', writes: [] as number[], parts: [] as Uint8Array[], closed: false };
    w.__saved = state;
    w.showSaveFilePicker = async (opts: { suggestedName: string }) => {
      state.name = opts.suggestedName;
      return {
        createWritable: async () => ({
          write: async (b: Uint8Array) => {
            state.writes.push(b.byteLength);
            state.parts.push(new Uint8Array(b));
          },
          close: async () => void (state.closed = true),
          abort: async () => {}
        })
      };
    };
    w.__savedBytes = () => {
      const all = new Uint8Array(state.writes.reduce((s, n) => s + n, 0));
      let at = 0;
      for (const p of state.parts) (all.set(p, at), (at += p.length));
      let bin = '';
      for (let i = 0; i < all.length; i += 0x8000)
        bin += String.fromCharCode(...all.subarray(i, i + 0x8000));
      return btoa(bin);
    };
  });
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 120_000 });
  await page.goto('/privacy/');
  await page.getByTestId('backup-save-as').click();
  await expect(page.getByTestId('backup-done')).toBeVisible({ timeout: 120_000 });
  const saved = await page.evaluate(() => {
    const s = (window as unknown as { __saved: { name: string; writes: number[]; closed: boolean } }).__saved; // prettier-ignore
    return { name: s.name, writes: s.writes, closed: s.closed };
  });
  expect(saved.name).toMatch(/^rapport-\d{12}\.rapport-backup$/);
  expect(saved.closed).toBe(true);
  // Header, then frames of at most 1 MiB of content (+ 5 bytes framing + 32 bytes checksum).
  expect(saved.writes.length).toBeGreaterThan(2);
  for (const n of saved.writes) expect(n).toBeLessThanOrEqual((1 << 20) + 37);
  const bytes = Buffer.from(
    await page.evaluate(() => (window as unknown as { __savedBytes: () => string }).__savedBytes()),
    'base64'
  );
  expect(bytes.subarray(0, 8).toString()).toBe('RAPPORTB');
  const file = info.outputPath(saved.name);
  writeFileSync(file, bytes);
  // The file restores (streamed) and the preview finds every customer the same.
  await page.getByTestId('restore-file').setInputFiles(file);
  await page.getByTestId('restore-check').click();
  await expect(page.getByTestId('restore-diff')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('restore-go').click();
  await expect(page.getByTestId('restore-message')).toBeVisible({ timeout: 120_000 });
});
