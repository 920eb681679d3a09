// Tiny key-value store in its own IndexedDB database ('rapport-settings'), reachable from both
// workers and pages. The main customer database belongs to core/db; settings never touch it.
import Dexie, { type Table } from 'dexie';

interface Row {
  key: string;
  value: unknown;
}

class SettingsDb extends Dexie {
  kv!: Table<Row, string>;
  constructor() {
    super('rapport-settings');
    this.version(1).stores({ kv: 'key' });
  }
}

let db: SettingsDb | null = null;
const open = () => (db ??= new SettingsDb());

export async function getSetting<T>(key: string): Promise<T | undefined> {
  return (await open().kv.get(key))?.value as T | undefined;
}

export async function setSetting<T>(key: string, value: T): Promise<void> {
  await open().kv.put({ key, value });
}

export async function deleteSetting(key: string): Promise<void> {
  await open().kv.delete(key);
}
