// After a restore the worker drops its loaded models: the backup may hold another model under
// the same version id ("segments@1") than the one the runtime has in memory.
import { describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/lib/core/db';
import { customerSegments } from '../../../src/lib/core/models/segments/family';
import { bytesOf, collect, createBackup, readBackup, restoreBackup } from '../../../src/lib/core/privacy/backup'; // prettier-ignore
import { newDb } from '../db/helpers';
import { loadSampleInto, runtimeOf } from '../models/helpers';

describe('model runtime after a restore', () => {
  it('reads the restored model, not the one it had loaded under the same id', async () => {
    const db = newDb('runtime');
    const { runtime, changed } = runtimeOf(db);
    await loadSampleInto(db, 300);
    await runtime.train(customerSegments, {});
    const file = await collect(createBackup(db));
    // The loaded model's report: how many customers it segmented.
    const scored = async () => {
      const a = await runtime.active<{ report: { customers: number } }>(customerSegments);
      return a!.model.report.customers;
    };
    const first = await scored();

    await clearAll(db);
    changed();
    await loadSampleInto(db, 120);
    await runtime.train(customerSegments, {});
    const second = await scored();
    expect(second).toBeLessThan(first);

    await restoreBackup(db, await readBackup(bytesOf(file), { keepRows: true }));
    changed();
    expect((await runtime.active(customerSegments))!.version.id).toBe('segments@1');
    // Without forgetting, the runtime still serves the 120-customer model under that id.
    expect(await scored()).toBe(second);
    runtime.forget();
    expect(await scored()).toBe(first);
  });
});
