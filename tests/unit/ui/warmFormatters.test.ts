import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmFormatters, WARM_STEPS } from '../../../src/lib/ui/warmFormatters';

describe('warmFormatters', () => {
  afterEach(() => vi.useRealTimers());

  it('runs one step per idle period, in order, and goes on after a failing step', async () => {
    vi.useFakeTimers();
    const done: number[] = [];
    warmFormatters([
      () => done.push(1),
      () => {
        throw new Error('no locale data');
      },
      () => done.push(3)
    ]);
    expect(done).toEqual([]); // nothing before the first idle period
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toEqual([1]);
    await vi.advanceTimersByTimeAsync(400);
    expect(done).toEqual([1, 3]);
  });

  it('stops when cancelled', async () => {
    vi.useFakeTimers();
    const done: number[] = [];
    const stop = warmFormatters([() => done.push(1), () => done.push(2)]);
    await vi.advanceTimersByTimeAsync(200);
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toEqual([1]);
  });

  it('builds the formatters the pages use (number, amount, date)', () => {
    expect(WARM_STEPS.map((s) => typeof s())).toEqual(['string', 'string', 'string']);
  });
});
