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
