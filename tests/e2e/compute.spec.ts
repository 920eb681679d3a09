import { expect, test } from './fixtures';

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'];

test('settings shows the measured backend, the timings and the threads status', async ({
  page
}, testInfo) => {
  await page.goto('/settings/');
  const inUse = page.getByTestId('backend-in-use');
  await expect(inUse).toBeVisible({ timeout: 90_000 });
  expect(BACKENDS).toContain(await inUse.getAttribute('data-backend'));
  // Shown by the engine's own name ("WebGL", not "webgl").
  expect(['WebGPU', 'WebGL', 'WASM', 'CPU']).toContain(await inUse.textContent());
  await expect(page.getByTestId('threads')).toHaveText(/^(on|off) \(\d+\)$/);
  await expect(page.getByTestId('isolated')).toHaveText('on');

  // The picker chose by measurement: the backend in use has the smallest time in the table.
  const rows = await page.getByTestId('timings').locator('tbody tr').all();
  const timings: Record<string, number | null> = {};
  for (const r of rows) {
    const name = (await r.getAttribute('data-backend')) as string;
    const text = (await r.locator('td').textContent()) ?? '';
    const ms = text.match(/([\d.,]+) ms/);
    timings[name] = ms ? Number(ms[1].replace(/,/g, '')) : null;
  }
  testInfo.annotations.push({ type: 'backend timings (ms)', description: JSON.stringify(timings) });
  console.log(
    'backend timings (ms):',
    JSON.stringify(timings),
    'in use:',
    await inUse.getAttribute('data-backend')
  );
  expect(timings.wasm).toBeGreaterThan(0);
  const measured = Object.entries(timings).filter(([, v]) => v !== null) as [string, number][];
  const fastest = measured.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  expect(await inUse.getAttribute('data-backend')).toBe(fastest);
});

test('the worker initialises the WASM backend and trains a small model (loss decreases)', async ({
  page,
  consoleErrors
}) => {
  await page.goto('/settings/');
  const override = page.getByTestId('backend-override');
  await expect(override).toBeEnabled({ timeout: 90_000 });
  await override.selectOption('wasm');
  await expect(page.getByTestId('backend-in-use')).toHaveText('WASM');

  await page.getByTestId('train-check').click();
  const result = page.getByTestId('train-result');
  await expect(result).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  const losses = JSON.parse((await result.getAttribute('data-losses')) as string) as number[];
  console.log('smokeTrain losses on wasm:', losses.map((l) => l.toFixed(4)).join(' '));
  expect(losses.length).toBe(8);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.5);

  // The choice persists (IndexedDB 'rapport-settings'); then back to automatic.
  await page.reload();
  await expect(page.getByTestId('backend-override')).toHaveValue('wasm', { timeout: 90_000 });
  await page.getByTestId('backend-override').selectOption('auto');
  await expect(page.getByTestId('backend-override')).toHaveValue('auto');
  expect(consoleErrors.filter((e) => !/webgpu|WebGPU/.test(e))).toEqual([]);
});
