// Where the import worker's time goes, in Chromium (issue #8). Not a bench section: a
// developer's tool.
//
//   node --import tsx bench/worker-profile.ts [HOOK,...] [TOP]
//
// HOOKs are the browser-import hooks (default parseOnly,importCsv); TOP functions are printed
// (default 25). Each hook runs on the 1M-line file of `browser-import`, in a fresh context of
// the bench build, under a V8 sampling profile (250 µs) of each worker the page itself starts
// (the backend worker), attached over CDP; workers those start in turn (the chunk writer) are not
// attached. Printed per worker: the profile's length, its idle time, and the functions with the
// most self time (minified names; the file, line and column say where in the build they are).
import { chromium, type CDPSession } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from './browser';
import { ensureOrdersCsv } from './gen-orders';
import { serveFile, type Hook } from './hook-run';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
type Bench = Record<Hook, (url: string) => Promise<unknown>>;

const hooks = (process.argv[2] ?? 'parseOnly,importCsv').split(',') as Hook[];
const top = Number(process.argv[3] ?? 25);
const root = process.cwd();
await ensureBuild(root, console.log);
const csv = await ensureOrdersCsv();
const unserve = serveFile(root, csv.path, 'online-retail-1m.csv');
const preview = await startPreview(root);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** Sends CDP commands to the workers a page session auto-attached to (non-flat sessions). */
function workerChannel(cdp: CDPSession) {
  const workers: { session: string; title: string }[] = [];
  const pending = new Map<number, (v: unknown) => void>();
  let next = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker')
      workers.push({ session: e.sessionId, title: e.targetInfo.title });
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (m.id && pending.has(m.id)) pending.get(m.id)!(m.result);
  });
  const send = (session: string, method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId: session,
        message: JSON.stringify({ id, method, params })
      });
    });
  return { workers, send };
}

function summary(p: Profile): { total: number; idle: number; self: [string, number][] } {
  const dt = new Map<number, number>();
  p.samples.forEach((n, i) => dt.set(n, (dt.get(n) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const self = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const { id, callFrame: f } of p.nodes) {
    const t = dt.get(id) ?? 0;
    total += t;
    if (f.functionName === '(idle)') idle += t;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + t);
  }
  return { total, idle, self: [...self].sort((a, b) => b[1] - a[1]) };
}

/**
 * For a profile, a function giving a hot function's self time by its callers (two frames up):
 * RAPPORT_PROFILE_CALLERS=1.
 */
function callersOf(p: Profile): (key: string) => [string, number][] {
  const dt = new Map<number, number>();
  p.samples.forEach((n, i) => dt.set(n, (dt.get(n) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000));
  const parent = new Map<number, ProfileNode>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const name = (n: ProfileNode | undefined) =>
    n ? `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}` : '-'; // prettier-ignore
  return (key) => {
    const by = new Map<string, number>();
    for (const n of p.nodes) {
      if (name(n) !== key) continue;
      const up = parent.get(n.id);
      const k = `${name(up)} <- ${name(up && parent.get(up.id))}`;
      by.set(k, (by.get(k) ?? 0) + (dt.get(n.id) ?? 0));
    }
    return [...by].sort((a, b) => b[1] - a[1]).slice(0, 4);
  };
}

try {
  for (const hook of hooks) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(preview.origin + '/', { waitUntil: 'load' });
    await page.waitForFunction((h) => typeof (window as unknown as { __rapportBench?: Bench }).__rapportBench?.[h as Hook] === 'function', hook); // prettier-ignore
    const cdp = await context.newCDPSession(page);
    const ch = workerChannel(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }); // prettier-ignore
    // Start the backend worker with a cheap call (a parse of a tiny file), then profile it.
    await page.evaluate(() => (window as unknown as { __rapportBench: Bench }).__rapportBench.parseOnly('/favicon.png').catch(() => 0)); // prettier-ignore
    for (const w of ch.workers) {
      await ch.send(w.session, 'Profiler.enable');
      await ch.send(w.session, 'Profiler.setSamplingInterval', { interval: 250 });
      await ch.send(w.session, 'Profiler.start');
    }
    const result = await page.evaluate(
      (h) => (window as unknown as { __rapportBench: Bench }).__rapportBench[h as Hook]('/__bench/online-retail-1m.csv'), // prettier-ignore
      hook
    );
    console.log(`\n${hook}: ${JSON.stringify(result).slice(0, 400)}`);
    for (const w of ch.workers) {
      const { profile } = (await ch.send(w.session, 'Profiler.stop')) as { profile: Profile };
      const s = summary(profile);
      console.log(`worker ${w.title}: ${Math.round(s.total)} ms profiled, ${Math.round(s.idle)} idle`); // prettier-ignore
      const callers = process.env.RAPPORT_PROFILE_CALLERS ? callersOf(profile) : null;
      for (const [k, v] of s.self.slice(0, top)) {
        console.log(`  ${Math.round(v)}\t${k}`);
        if (callers && v >= 40)
          for (const [c, t] of callers(k)) console.log(`      ${Math.round(t)}\t<- ${c}`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  preview.stop();
  unserve();
}
