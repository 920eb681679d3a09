import { defineConfig, devices } from '@playwright/test';

// scripts/test.sh exports CHROMIUM_PATH (Debian's chromium, or Playwright's own download).
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  // Training in software WebGL/WASM on 2 CI cores can take a while; no test asserts on time.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: ORIGIN,
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
    viewport: { width: 1024, height: 768 } // a 10-inch tablet in landscape
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1024, height: 768 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || undefined,
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run'
          ]
        }
      }
    }
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: ORIGIN + '/',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  }
});
