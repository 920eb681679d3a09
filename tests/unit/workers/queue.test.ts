import { describe, expect, it } from 'vitest';
import { WriteQueue, type QueueLocks, type QueueWait } from '../../../src/lib/workers/queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A task that runs until `finish()` is called, recording when it started and ended. */
function task(log: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((r) => (finish = r));
  return {
    finish: () => finish(),
    work: async () => {
      log.push(`${name} start`);
      await done;
      log.push(`${name} end`);
      return name;
    }
  };
}

describe('WriteQueue', () => {
  it('runs tasks one at a time in order and tells waiting tasks their place', async () => {
    const q = new WriteQueue(null);
    const log: string[] = [];
    const waits: Record<string, QueueWait[]> = { b: [], c: [] };
    const [a, b, c] = ['a', 'b', 'c'].map((n) => task(log, n));
    const pa = q.run(a.work);
    const pb = q.run(b.work, { onWait: (w) => waits.b.push(w) });
    const pc = q.run(c.work, { onWait: (w) => waits.c.push(w) });
    await tick();
    expect(log).toEqual(['a start']);
    expect(q.waiting).toBe(2);
    a.finish();
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b start']);
    b.finish();
    c.finish();
    expect(await Promise.all([pa, pb, pc])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(waits.b).toEqual([{ ahead: 1, elsewhere: false }]);
    expect(waits.c.map((w) => w.ahead)).toEqual([2, 1]);
  });

  it('a task cancelled while waiting leaves the queue; a failing task does not block it', async () => {
    const q = new WriteQueue(null);
    const log: string[] = [];
    const a = task(log, 'a');
    const pa = q.run(a.work);
    const ac = new AbortController();
    const pb = q.run(async () => log.push('b'), { signal: ac.signal });
    const waitsC: number[] = [];
    const pc = q.run(
      async () => {
        throw new Error('c failed');
      },
      { onWait: (w) => waitsC.push(w.ahead) }
    );
    const pd = q.run(async () => 'd');
    ac.abort(new DOMException('cancelled', 'AbortError'));
    await expect(pb).rejects.toThrow('cancelled');
    expect(waitsC).toEqual([2, 1]);
    a.finish();
    await pa;
    await expect(pc).rejects.toThrow('c failed');
    expect(await pd).toBe('d');
    expect(log).toEqual(['a start', 'a end']);
  });

  it('waits for the cross-tab lock and says so', async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const locks: QueueLocks = {
      async request(_name, _opts, callback) {
        await held; // another tab holds it
        await callback();
      }
    };
    const q = new WriteQueue(locks);
    const waits: QueueWait[] = [];
    const p = q.run(async () => 'mine', { onWait: (w) => waits.push(w) });
    await new Promise((r) => setTimeout(r, 80));
    expect(waits).toEqual([{ ahead: 0, elsewhere: true }]);
    release();
    expect(await p).toBe('mine');
  });
});
