// Which build this is. The production build (`vite build`, `npm start`, the e2e tests) holds no
// bench hooks and no developer pages; the bench build (RAPPORT_BUILD=bench, made by `npm run
// bench`) and the dev server do. The bench build has its own output folders, so it never
// replaces the production build that `vite preview` and the tests serve.
// Plain JS: svelte.config.js imports it too.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** True for the bench build and for everything that is not a build (dev server, svelte-check). */
export const BENCH_OR_DEV =
  process.env.RAPPORT_BUILD === 'bench' || !process.argv.slice(2).includes('build');

/** True only for the bench build (and `vite preview` of it). */
export const BENCH_BUILD = process.env.RAPPORT_BUILD === 'bench';

/** SvelteKit's output folder and adapter-static's, per flavour. */
export const KIT_OUT = BENCH_BUILD ? '.svelte-kit-bench' : '.svelte-kit';
export const BUILD_DIR = BENCH_BUILD ? 'build-bench' : 'build';

/**
 * Developer pages are `+page.devpage` files: Svelte components the router sees only in bench and
 * dev builds (SvelteKit skips route files whose extension it is not told about).
 */
export const DEV_PAGE_EXT = '.devpage';

/** CSP hashes of src/app.html's own inline scripts (the language guard at the top of each page). */
export const APP_HTML_SCRIPT_HASHES = [
  ...readFileSync(new URL('../src/app.html', import.meta.url), 'utf8').matchAll(
    /<script>([\s\S]*?)<\/script>/g
  )
].map((m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`);

/**
 * The Content-Security-Policy. SvelteKit writes it into every prerendered page as a meta tag
 * (adding the hashes of its inline start-up scripts); the preview server and the header files in
 * the build repeat it as a header with `frame-ancestors`, which a meta tag cannot carry.
 * 'wasm-unsafe-eval': tfjs compiles its WASM backend; blob: workers: tfjs-backend-wasm's.
 */
export const CSP_DIRECTIVES = {
  'default-src': ['self'],
  'script-src': ['self', 'wasm-unsafe-eval', ...APP_HTML_SCRIPT_HASHES],
  'worker-src': ['self', 'blob:'],
  'connect-src': ['self'],
  'img-src': ['self', 'data:', 'blob:'],
  'style-src': ['self', 'unsafe-inline'],
  'font-src': ['self'],
  'manifest-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['none'],
  'form-action': ['none'],
  'frame-ancestors': ['none']
};
