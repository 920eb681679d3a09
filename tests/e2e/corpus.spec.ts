// The malformed-file corpus through the Import page (the browser path; tests/unit/ingest/
// corpus.test.ts runs the same cases through importFile and `rapport check`): whole-file
// problems are explained on the card at once, header-less files are offered as data with the
// user naming the columns, and imports report the manifest's counts and error rows.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { CORPUS, corpusCases, type CorpusCase } from '../unit/ingest/corpus';
import { expect, test } from './fixtures';

const cases = corpusCases().filter((c) => !c.mapping); // a user's own mapping: unit-tested only

async function card(page: Page, c: CorpusCase): Promise<Locator> {
  await page.locator('input[type=file]').setInputFiles(join(CORPUS, c.file));
  const el = page.getByTestId('import-file').filter({ hasText: c.file }).last();
  await expect(el.getByTestId('refused').or(el.getByTestId('kind'))).toBeVisible();
  return el;
}

/** The card's header choices as the case's options say (first row as data, column names). */
async function choose(el: Locator, c: CorpusCase): Promise<void> {
  if (c.options?.hasHeader === false) {
    await expect(el.getByTestId('first-row-data')).toBeChecked();
    const names = el.getByTestId('column-name');
    for (const [i, name] of (c.options.columns ?? []).entries()) {
      await names.nth(i).fill(name);
      await names.nth(i).blur();
      await expect(names.nth(i)).toHaveValue(name);
    }
  }
  const kind = el.getByTestId('kind');
  if ((await kind.inputValue()) !== c.kind) await kind.selectOption(c.kind);
}

/** One case on the page: the card's message, offer or import result as the manifest says. */
async function check(page: Page, c: CorpusCase): Promise<void> {
  const el = await card(page, c);
  const refused = el.getByTestId('refused');
  if (c.fatal && !c.at) {
    // Explained at once, before any mapping.
    await expect(refused).toHaveAttribute('data-message', new RegExp(c.fatal));
    await expect(refused).toContainText(c.file);
    await expect(el.getByTestId('kind')).toHaveCount(0);
    return;
  }
  if (c.at === 'header') {
    // Offered as data: the first row looks like numbers and dates.
    await expect(el.getByTestId('first-row-data')).toBeChecked();
    await expect(el.getByTestId('looks-like-data')).toBeVisible();
    return;
  }
  await choose(el, c);
  const run = el.getByTestId('import-run');
  if (c.at === 'mapping') {
    // Either the mapping cannot be completed, or the import refuses it with the message.
    const missing = el.getByTestId('missing');
    await expect
      .poll(async () => (await missing.isVisible()) || (await run.isEnabled()))
      .toBe(true);
    if (await missing.isVisible()) {
      await expect(run).toBeDisabled();
      return;
    }
    await run.click();
    await expect(refused).toHaveAttribute('data-message', new RegExp(c.fatal!));
    return;
  }
  await run.click();
  const done = el.getByTestId('import-done');
  await expect(done).toHaveAttribute('data-stored', String(c.rowsStored));
  await expect(done).toHaveAttribute('data-rejected', String(c.rowsRead! - c.rowsStored!));
  await expect(done).toHaveAttribute('data-error-rows', c.errors!.map((e) => e.row).join(','));
  if (c.encoding) await expect(done).toHaveAttribute('data-encoding', c.encoding);
  const problems = el.getByRole('table', { name: 'First problems' });
  for (const e of c.errors!.slice(0, 3)) await expect(problems).toContainText(e.column);
}

// A handful of files per page load: each case is a step, its card removed afterwards.
const GROUP = 8;
for (let g = 0; g < cases.length; g += GROUP) {
  const group = cases.slice(g, g + GROUP);
  test(`corpus in the browser: ${group.map((c) => c.file).join(', ')}`, async ({ page }) => {
    await page.goto('/import/');
    for (const c of group) {
      const step = `${c.file}${c.options ? ' (first row is data, columns named)' : ''}`;
      await test.step(step, async () => {
        await check(page, c);
        const el = page.getByTestId('import-file').filter({ hasText: c.file }).last();
        await el.getByRole('button', { name: 'Remove' }).click();
        await expect(page.getByTestId('import-file')).toHaveCount(0);
      });
    }
  });
}

test('a Windows-1252 file shows its accents in the preview; another encoding can be chosen', async ({
  page
}) => {
  await page.goto('/import/');
  const el = await card(
    page,
    cases.find((c) => c.file === 'windows-1252.csv')!
  );
  await expect(el.getByTestId('encoding')).toHaveAttribute('data-detected', 'windows-1252');
  await expect(el.getByText('Café Müller')).toBeVisible();
  await el.getByTestId('encoding').selectOption('utf-8');
  // Read as UTF-8 the accents are unreadable bytes: both rows are rejected, naming their rows.
  await el.getByTestId('import-run').click();
  const done = el.getByTestId('import-done');
  await expect(done).toHaveAttribute('data-stored', '0');
  await expect(done).toHaveAttribute('data-error-rows', '2,3');
});
