// The worker's single connection to the Rapport database, and a version counter that handlers
// bump after every write so caches built from the data (the directory index, feature tables)
// know when to rebuild.
import { openDb, type RapportDb } from '../core/db';

let db: RapportDb | null = null;
let version = 0;

export function getDb(): RapportDb {
  return (db ??= openDb());
}

export function dataVersion(): number {
  return version;
}

/** Call after any write to customers, orders, interactions or relationships. */
export function dataChanged(): void {
  version++;
}

const replacedListeners = new Set<() => void>();

/** Call `cb` whenever stored data is replaced wholesale (restore, erase), not just added to. */
export function onDataReplaced(cb: () => void): void {
  replacedListeners.add(cb);
}

/** After a restore or an erasure: caches keyed by model version id must be dropped too. */
export function dataReplaced(): void {
  dataChanged();
  for (const cb of replacedListeners) cb();
}
