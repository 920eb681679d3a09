import { execFileSync } from 'node:child_process';
import { defineConfig, devices } from '@playwright/test';

/**
 * A free port for this run's own preview server, chosen once: the config is evaluated again in
 * every worker process, which inherit E2E_PORT from the runner. The run never reuses a server it
 * did not start (one left by `npm start` would serve an older build).
 */
function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script]).toString().trim());
}
process.env.E2E_PORT ||= String(freePort());

// scripts/test.sh exports CHROMIUM_PATH (Debian's chromium, or Playwright's own download).
export const PORT = Number(process.env.E2E_PORT);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Two workers on CI too (2 cores): the model pages' tests train for minutes each, and the
  // suite must stay under 20 minutes.
  workers: 2,
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
    // The production build (scripts/test.sh builds it first), served by `vite preview`.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: ORIGIN + '/',
    reuseExistingServer: false,
    timeout: 60_000
  }
});
