// Answers that arrive out of order: only the newest request's answer or failure is applied.
import { describe, expect, it } from 'vitest';
import { latest } from '../../../src/lib/ui/latest';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('latest', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const newest = latest();
    const shown: number[] = [];
    const first = deferred<number>();
    const second = deferred<number>();
    const a = newest(
      first.promise,
      (v) => shown.push(v),
      () => shown.push(-1)
    );
    const b = newest(
      second.promise,
      (v) => shown.push(v),
      () => shown.push(-1)
    );
    second.resolve(2000);
    await b;
    first.resolve(0);
    await a;
    expect(shown).toEqual([2000]);
  });

  it('applies answers in turn when they arrive in order, and the newest failure', async () => {
    const newest = latest();
    const shown: unknown[] = [];
    await newest(
      Promise.resolve(1),
      (v) => shown.push(v),
      (e) => shown.push(e)
    );
    await newest(
      Promise.reject('gone'),
      (v) => shown.push(v),
      (e) => shown.push(e)
    );
    const old = deferred<number>();
    const a = newest(
      old.promise,
      (v) => shown.push(v),
      (e) => shown.push(e)
    );
    await newest(
      Promise.resolve(3),
      (v) => shown.push(v),
      (e) => shown.push(e)
    );
    old.reject('late');
    await a;
    expect(shown).toEqual([1, 'gone', 3]);
  });
});
