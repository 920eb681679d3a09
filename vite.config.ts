import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { BENCH_OR_DEV, KIT_OUT } from './scripts/flavour.js';
import {
  catalogueChunks,
  crossOriginIsolation,
  deferLinkScan,
  securityHeaders,
  tfjsWasm
} from './scripts/vite-plugins.js';

export default defineConfig({
  // Bench hooks and the bench worker handlers exist only in bench and dev builds: in the
  // production build `if (__RAPPORT_BENCH__)` is `if (false)` and their chunks are never emitted.
  define: { __RAPPORT_BENCH__: JSON.stringify(BENCH_OR_DEV) },
  plugins: [
    crossOriginIsolation(),
    securityHeaders(),
    tfjsWasm(),
    catalogueChunks(),
    deferLinkScan(),
    sveltekit(),
    SvelteKitPWA({
      // Our own service worker (src/service-worker.ts, built by SvelteKit) gets the precache
      // manifest injected; it also adds the isolation headers for static hosting.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'service-worker.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Rapport',
        short_name: 'Rapport',
        description: 'Customer intelligence that never leaves your device.',
        theme_color: '#1f5f8b',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: './',
        scope: './',
        // PNGs rendered from icon.svg by scripts/make-icons.ts; the maskable ones keep the
        // figures inside the central safe circle.
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-192.png',
            sizes: '192x192',
            type: 'image/png',
            purpose: 'maskable'
          },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable'
          },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' }
        ]
      },
      outDir: `${KIT_OUT}/output`,
      injectManifest: {
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,wasm,webmanifest}',
          'prerendered/**/*.{html,json}'
        ],
        // The worker's tfjs chunk is several MB; the default 2 MiB limit would leave it out.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024
      },
      kit: { trailingSlash: 'always', includeVersionFile: true },
      devOptions: { enabled: false }
    })
  ],
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on CI's 2 cores. The tests are
    // CPU-bound in their own processes, so two run side by side (unit stage 237 s → see README).
    maxWorkers: 2
  }
});
