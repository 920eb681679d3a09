import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import {
  BENCH_OR_DEV,
  BUILD_DIR,
  CSP_DIRECTIVES,
  DEV_PAGE_EXT,
  KIT_OUT
} from './scripts/flavour.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // Developer pages (+page.devpage) exist only in bench and dev builds (scripts/flavour.js).
  extensions: BENCH_OR_DEV ? ['.svelte', DEV_PAGE_EXT] : ['.svelte'],
  kit: {
    // SPA: every page is prerendered as a shell; data lives in IndexedDB, never on a server.
    adapter: adapter({ pages: BUILD_DIR, assets: BUILD_DIR, fallback: '404.html', strict: true }),
    outDir: KIT_OUT,
    serviceWorker: { register: false },
    // Hashes of the inline start-up scripts are added; frame-ancestors only goes in headers.
    csp: { mode: 'hash', directives: CSP_DIRECTIVES },
    // Each page's own small style sheets go inline into its prerendered HTML: first paint then
    // waits for no further request (style-src allows inline styles).
    inlineStyleThreshold: 8192
  }
};

export default config;
