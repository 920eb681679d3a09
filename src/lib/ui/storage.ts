// navigator.storage helpers: persistence (asked at the first import, shown in Settings) and quota.

export interface StorageStatus {
  supported: boolean;
  persisted: boolean;
  usage: number | null;
  quota: number | null;
}

export async function storageStatus(): Promise<StorageStatus> {
  const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!s?.persisted) return { supported: false, persisted: false, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([
    s.persisted(),
    s.estimate ? s.estimate() : Promise.resolve({} as StorageEstimate)
  ]);
  return {
    supported: true,
    persisted,
    usage: estimate.usage ?? null,
    quota: estimate.quota ?? null
  };
}

export async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}

const ASKED = 'rapport.persistAsked';

/**
 * At the first import, ask the browser once to keep Rapport's data (navigator.storage.persist):
 * the data lives only on this device, so eviction under storage pressure would lose it. Chrome
 * decides without a prompt, Firefox asks the user. Later imports do not ask again (Settings can).
 */
export async function askPersistenceOnce(): Promise<boolean | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
  try {
    if (localStorage.getItem(ASKED)) return null;
    localStorage.setItem(ASKED, String(Date.now()));
  } catch {
    // Storage blocked: asking every time is harmless.
  }
  if (await navigator.storage.persisted()) return true;
  return requestPersistence();
}
