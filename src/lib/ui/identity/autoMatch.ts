// The setting "Find duplicate customers after each import" (default on), kept in the settings
// store so the Settings page and the Import page's file cards read the same value.
// The settings database (Dexie) is imported on use, off the first paint's path.
const settingsDb = () => import('$lib/workers/settings-db');
const getSetting = async <T>(key: string) => (await settingsDb()).getSetting<T>(key);
const setSetting = async <T>(key: string, value: T) => (await settingsDb()).setSetting(key, value);

export const AUTO_MATCH_KEY = 'identity.autoMatchAfterImport';

export async function autoMatchEnabled(): Promise<boolean> {
  try {
    return (await getSetting<boolean>(AUTO_MATCH_KEY)) ?? true;
  } catch {
    return true; // no IndexedDB (private mode): the default
  }
}

export const setAutoMatch = (on: boolean): Promise<void> => setSetting(AUTO_MATCH_KEY, on);

/**
 * Bulk-accept after an import: merge the suggested groups whose every pair scores at least this
 * match probability (null: off, the default). Each merge is journaled and undoable.
 */
export const AUTO_MERGE_KEY = 'identity.autoMergeAbove';
export const AUTO_MERGE_DEFAULT = 0.99;

export async function autoMergeAbove(): Promise<number | null> {
  try {
    const v = await getSetting<number | null>(AUTO_MERGE_KEY);
    return typeof v === 'number' && v > 0 && v <= 1 ? v : null;
  } catch {
    return null;
  }
}

export const setAutoMergeAbove = (v: number | null): Promise<void> => setSetting(AUTO_MERGE_KEY, v);
