// The app-wide retraining scheduler: retrains only a family that is due, one check at a time,
// only when the page reports idle, and a failed retrain does not stop later checks.
import { describe, expect, it } from 'vitest';
import { createAutoRetrain } from '../../../src/lib/ui/retrainScheduler';

describe('automatic retraining', () => {
  it('waits for idle, retrains only what is due, never two checks at once', async () => {
    const idle: (() => void)[] = [];
    let due = false;
    const retrained: string[] = [];
    let release: () => void = () => {};
    const auto = createAutoRetrain({
      families: ['churn', 'other'],
      due: async (f) => due && f === 'churn',
      retrain: (f) => {
        retrained.push(f);
        return new Promise<void>((r) => (release = r));
      },
      idle: (cb) => idle.push(cb)
    });
    auto.tick();
    expect(retrained).toEqual([]); // nothing before the page is idle
    expect(idle).toHaveLength(1);
    expect(await auto.check()).toEqual([]); // not due: nothing trained
    due = true;
    const first = auto.check();
    await new Promise((r) => setImmediate(r));
    expect(retrained).toEqual(['churn']);
    // A second check while the first retrain runs does nothing.
    expect(await auto.check()).toEqual([]);
    release();
    expect(await first).toEqual(['churn']);
    expect(retrained).toEqual(['churn']);
  });

  it('a failed retrain is retried at the next check', async () => {
    let fail = true;
    let runs = 0;
    const auto = createAutoRetrain({
      due: async () => true,
      retrain: async () => {
        runs++;
        if (fail) throw new Error('no data');
      },
      idle: (cb) => cb()
    });
    expect(await auto.check()).toEqual([]);
    fail = false;
    expect(await auto.check()).toEqual(['churn']);
    expect(runs).toBe(2);
  });
});
