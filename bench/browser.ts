// Helpers for browser benches: a `vite preview` of the built app (the bench build, or the
// production build for what users load) and Chromium's memory figures.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

const run = promisify(execFile);

export type Flavour = 'production' | 'bench';

/** Where each flavour's SvelteKit output lives (scripts/flavour.js). */
export const KIT_OUT: Record<Flavour, string> = {
  production: '.svelte-kit',
  bench: '.svelte-kit-bench'
};
export const BUILD_DIR: Record<Flavour, string> = { production: 'build', bench: 'build-bench' };

const env = (flavour: Flavour) => ({
  ...process.env,
  RAPPORT_BUILD: flavour === 'bench' ? 'bench' : ''
});

const built = new Map<Flavour, Promise<void>>();

/**
 * Build the app once per bench run: the bench build (window.__rapportBench and the bench worker
 * handlers; its own output folders) for the browser benches, the production build for what
 * users load. Always fresh: a stale build would measure old code.
 */
export function ensureBuild(
  root: string,
  log: (m: string) => void,
  flavour: Flavour = 'bench'
): Promise<void> {
  let p = built.get(flavour);
  if (!p) {
    log(`building the ${flavour} build`);
    // tsconfig.json extends .svelte-kit/tsconfig.json, which only SvelteKit's sync of the
    // production flavour writes: on a fresh clone the bench build would fail without it.
    const sync = existsSync(join(root, KIT_OUT.production, 'tsconfig.json'))
      ? Promise.resolve()
      : run(process.execPath, [join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync'], { cwd: root, env: env('production') }); // prettier-ignore
    p = sync
      .then(() =>
        run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
          cwd: root,
          env: env(flavour),
          timeout: 600_000,
          maxBuffer: 64 << 20
        })
      )
      .then(() => {
        if (!existsSync(join(root, BUILD_DIR[flavour], 'index.html')))
          throw new Error(`vite build wrote no ${BUILD_DIR[flavour]}/index.html`);
      });
    built.set(flavour, p);
  }
  return p;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Preview {
  origin: string;
  stop(): void;
}

/** `vite preview` of a build flavour on a free port; resolves once it answers. */
export async function startPreview(root: string, flavour: Flavour = 'bench'): Promise<Preview> {
  const port = await freePort();
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: root, env: env(flavour), stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${stderr.slice(-500)}`);
    try {
      const res = await fetch(origin + '/');
      if (res.ok) return { origin, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on ${origin} within 30 s`);
}

/** Process ids descending from `rootPid` (Linux /proc; empty elsewhere). */
export function descendants(rootPid: number): number[] {
  if (!existsSync('/proc')) return [];
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(d));
    } catch {
      /* process ended */
    }
  }
  const out: number[] = [];
  const stack = [rootPid];
  while (stack.length)
    for (const c of children.get(stack.pop()!) ?? []) {
      out.push(c);
      stack.push(c);
    }
  return out;
}

/** Chromium renderer processes descending from `rootPid`. */
export function renderers(rootPid: number): number[] {
  return descendants(rootPid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false; // process ended
    }
  });
}

/** Peak resident memory (VmHWM, MB) of each Chromium renderer descending from `rootPid` (Linux). */
export function rendererPeaksMb(rootPid: number): number[] {
  const out: number[] = [];
  for (const pid of renderers(rootPid)) {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) out.push(Math.round(Number(hwm[1]) / 1024));
    } catch {
      /* process ended */
    }
  }
  return out;
}

/**
 * In a fresh context of `browser` (service workers blocked, every request off the preview's
 * origin aborted), open the app, wait for `window.__rapportBench[hook]`, and call it with the
 * URL of `csv.file` (answered on the app's origin at /__bench/<csv.name>) and `arg`. Files in
 * `also` are answered the same way, at /__bench/<name> (a hook that reads two files).
 */
export async function callBenchHook<T>(
  browser: import('@playwright/test').Browser,
  origin: string,
  csv: { name: string; file: string },
  hook: string,
  arg: unknown,
  also: { name: string; file: string }[] = []
): Promise<T> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const url = `${origin}/__bench/${csv.name}`;
    const files = new Map([csv, ...also].map((f) => [`${origin}/__bench/${f.name}`, f.file]));
    await context.route('**/*', (route) => {
      const u = route.request().url();
      const file = files.get(u);
      if (file) return route.fulfill({ path: file, contentType: 'text/csv' });
      if (u.startsWith(origin)) return route.continue();
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(origin + '/', { waitUntil: 'load' });
    // Both functions run in the page: they name the hooks object themselves.
    type Hooks = Record<string, (u: string, a: unknown) => Promise<unknown>>;
    await page.waitForFunction(
      (h) =>
        typeof (window as unknown as { __rapportBench?: Hooks }).__rapportBench?.[h] === 'function',
      hook,
      { timeout: 10_000 }
    );
    return (await page.evaluate(
      async ([h, u, a]) => {
        const all = (window as unknown as { __rapportBench: Hooks }).__rapportBench;
        return JSON.parse(JSON.stringify(await all[h as string](u as string, a)));
      },
      [hook, url, arg] as const
    )) as T;
  } finally {
    await context.close();
  }
}
