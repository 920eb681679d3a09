// Imports that race or die: two imports started together run one after the other (the second
// shows that it waits), and a browser killed in the middle of an import leaves no trace after it
// is reopened on the same profile (no "in progress" row, no staged chunks, counts as before).
import { readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

const FIX = join(process.cwd(), 'tests/fixtures/e2e');

/** An orders CSV big enough to take several seconds to import. */
function bigOrders(path: string, lines = 600_000): string {
  const out = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID'];
  for (let i = 0; i < lines; i++)
    out.push(
      `${100000 + (i >> 2)},SKU${i % 500},${1 + (i % 5)},2011-03-0${1 + (i % 9)} 10:00,1.5,${10000 + (i % 4000)}`
    );
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

async function startImport(page: Page, file: string | string[]) {
  await page.locator('input[type=file]').setInputFiles(file);
}

test('two imports started together run in turn, the second one showing it waits', async ({
  page
}, info) => {
  const big = bigOrders(info.outputPath('big-a.csv'));
  await page.goto('/import/');
  await startImport(page, [big, join(FIX, 'OnlineRetail-sample.csv')]);
  const first = page.getByTestId('import-file').filter({ hasText: 'big-a.csv' });
  const second = page.getByTestId('import-file').filter({ hasText: 'OnlineRetail-sample.csv' });
  await expect(first.getByTestId('import-run')).toBeEnabled();
  await expect(second.getByTestId('import-run')).toBeEnabled();
  await first.getByTestId('import-run').click();
  await expect(first.getByRole('progressbar')).toBeVisible();
  await second.getByTestId('import-run').click();
  await expect(second.getByTestId('import-queued')).toContainText('1 import(s) ahead');
  await expect(first.getByTestId('import-done')).toBeVisible({ timeout: 90_000 });
  await expect(second.getByTestId('import-done')).toHaveAttribute('data-stored', '1070');
  await page.goto('/history/');
  const rows = page.getByTestId('batch');
  await expect(rows).toHaveCount(2);
  // Newest first, in the order they committed.
  await expect(rows.first()).toHaveAttribute('data-file', 'OnlineRetail-sample.csv');
});

/** Chromium's main process for a profile directory (Linux /proc). */
function browserPid(profile: string): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(`--user-data-dir=${profile}`) && !cmd.some((a) => a.startsWith('--type=')))
        return Number(d);
    } catch {
      /* gone */
    }
  }
  return null;
}

/** What IndexedDB holds, read without the app: pending batches and staged chunks. */
async function storage(page: Page): Promise<{ pending: number; chunks: number; batches: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('rapport');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['batches', 'orderChunks'], 'readonly');
          const all = tx.objectStore('batches').getAll();
          const chunks = tx.objectStore('orderChunks').count();
          tx.oncomplete = () => {
            const rows = all.result as { status: string }[];
            resolve({
              pending: rows.filter((b) => b.status === 'pending').length,
              chunks: chunks.result,
              batches: rows.length
            });
            db.close();
          };
        };
      })
  );
}

test('a browser killed mid-import leaves nothing behind once reopened', async ({
  baseURL
}, info) => {
  test.skip(process.platform !== 'linux', 'finds the browser process in /proc');
  const big = bigOrders(info.outputPath('big-crash.csv'), 900_000);
  const profile = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, { ...info.project.use.launchOptions, baseURL });
  let context: BrowserContext | null = await launch();
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/import/');
    await startImport(page, join(FIX, 'OnlineRetail-sample.csv'));
    const retail = page.getByTestId('import-file').filter({ hasText: 'OnlineRetail-sample.csv' });
    await retail.getByTestId('import-run').click();
    await expect(retail.getByTestId('import-done')).toBeVisible();
    const before = await storage(page);

    await startImport(page, big);
    const card = page.getByTestId('import-file').filter({ hasText: 'big-crash.csv' });
    await card.getByTestId('import-run').click();
    // Wait until chunks of the dying import are on disk.
    await expect.poll(async () => (await storage(page)).chunks, { timeout: 60_000 }).toBeGreaterThan(before.chunks); // prettier-ignore
    expect((await storage(page)).pending).toBe(1);
    const pid = browserPid(profile);
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    await context.close().catch(() => {});
    context = null;

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/history/');
    const rows = page.getByTestId('batch');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-status', 'committed');
    await expect(page.locator('[data-status="pending"]')).toHaveCount(0);
    await expect(page.getByTestId('count-orderLines')).toHaveAttribute('data-value', '1070');
    // The worker's start-up removed the dead import's chunks and batch row.
    await expect.poll(() => storage(page)).toEqual(before);
  } finally {
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
});
