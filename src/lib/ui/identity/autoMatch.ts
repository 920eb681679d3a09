// The setting "Find duplicate customers after each import" (default on), kept in the settings
// store so the Settings page and the Import page's file cards read the same value.
import { getSetting, setSetting } from '$lib/workers/settings-db';

export const AUTO_MATCH_KEY = 'identity.autoMatchAfterImport';

export async function autoMatchEnabled(): Promise<boolean> {
  try {
    return (await getSetting<boolean>(AUTO_MATCH_KEY)) ?? true;
  } catch {
    return true; // no IndexedDB (private mode): the default
  }
}

export const setAutoMatch = (on: boolean): Promise<void> => setSetting(AUTO_MATCH_KEY, on);
