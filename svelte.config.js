import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // SPA: every page is prerendered as a shell; data lives in IndexedDB, never on a server.
    adapter: adapter({ fallback: '404.html', strict: true }),
    serviceWorker: { register: false }
  }
};

export default config;
