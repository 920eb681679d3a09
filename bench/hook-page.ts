// One run of a browser bench hook: a fresh context (service workers blocked) on the app's
// preview, a CSV answered by Playwright at a same-origin URL, every other origin aborted, the
// page loaded until window.__rapportBench[hook] exists, then the hook called with the URL and
// `args`; its result comes back as plain JSON.
import type { Browser } from '@playwright/test';

export async function runHook<T>(
  browser: Browser,
  origin: string,
  csv: { path: string; name: string },
  hook: string,
  args: unknown[] = []
): Promise<T> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const url = `${origin}/__bench/${csv.name}`;
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.fulfill({ path: csv.path, contentType: 'text/csv' });
      if (u.startsWith(origin)) return route.continue();
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(origin + '/', { waitUntil: 'load' });
    await page.waitForFunction(
      (name) =>
        typeof (window as unknown as Record<string, Record<string, unknown>>).__rapportBench?.[
          name
        ] === 'function',
      hook,
      { timeout: 10_000 }
    );
    return (await page.evaluate(
      async ([name, u, rest]) => {
        const hooks = (
          window as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>
        ).__rapportBench;
        return JSON.parse(JSON.stringify(await hooks[name as string](u, ...(rest as unknown[]))));
      },
      [hook, url, args] as const
    )) as T;
  } finally {
    await context.close();
  }
}
