import { browser } from '$app/environment';
import { localeReady } from '$lib/i18n/index.svelte';

// Static site: every route is prerendered (SSR at build time, in English) and hydrated in the
// browser; data lives in IndexedDB and is only ever read there, after hydration. Pages that take
// a query (`/customer/?id=`) read it in the browser.
export const prerender = true;
export const ssr = true;
export const trailingSlash = 'always';

// Before the first page is hydrated: the chosen language's messages (Chinese is a chunk of its own).
export async function load(): Promise<Record<string, never>> {
  if (browser) await localeReady;
  return {};
}
