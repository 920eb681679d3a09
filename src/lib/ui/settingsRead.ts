// Reads one value from the settings database ('rapport-settings', written by
// workers/settings-db.ts through Dexie) with the bare IndexedDB API, so that a page's first paint
// does not load Dexie (~100 KB) just to learn the currency. A database that does not exist yet is
// not created (the upgrade is aborted): Dexie creates it with its schema on the first write.
export function readSetting<T>(key: string, idb: IDBFactory = indexedDB): Promise<T | undefined> {
  return new Promise((resolve) => {
    let req: IDBOpenDBRequest;
    try {
      req = idb.open('rapport-settings');
    } catch {
      return resolve(undefined);
    }
    req.onupgradeneeded = () => req.transaction?.abort(); // no such database: leave none behind
    req.onerror = () => resolve(undefined);
    req.onblocked = () => resolve(undefined);
    req.onsuccess = () => {
      const db = req.result;
      try {
        if (!db.objectStoreNames.contains('kv')) return resolve(undefined);
        const get = db.transaction('kv', 'readonly').objectStore('kv').get(key);
        get.onsuccess = () => resolve((get.result as { value?: T } | undefined)?.value);
        get.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      } finally {
        db.close(); // pending requests still complete
      }
    };
  });
}
