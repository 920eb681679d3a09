// The start-up read of the settings database without Dexie: it sees what Dexie wrote, answers
// undefined for a missing key, and does not create the database when there is none.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readSetting } from '../../../src/lib/ui/settingsRead';
import { deleteSetting, setSetting } from '../../../src/lib/workers/settings-db';

const names = async () => (await indexedDB.databases()).map((d) => d.name);

describe('readSetting', () => {
  it('leaves no database behind when there is none', async () => {
    expect(await names()).not.toContain('rapport-settings');
    expect(await readSetting('currency')).toBeUndefined();
    expect(await names()).not.toContain('rapport-settings');
  });

  it('reads what the Dexie settings store wrote', async () => {
    await setSetting('currency', 'EUR');
    expect(await readSetting<string>('currency')).toBe('EUR');
    expect(await readSetting('nothing-here')).toBeUndefined();
    await setSetting('currency', 'JPY');
    expect(await readSetting<string>('currency')).toBe('JPY');
    await deleteSetting('currency');
    expect(await readSetting('currency')).toBeUndefined();
  });
});
