// Shared helpers of the db tests: a fresh fake-indexeddb database per test and a full dump.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openDb, type OpenOptions, type RapportDb } from '../../../src/lib/core/db';

export const deps = { indexedDB, IDBKeyRange };

let seq = 0;
export function dbName(tag: string): string {
  return `rapport-test-${tag}-${process.pid}-${++seq}`;
}

export function newDb(tag: string, opts?: OpenOptions): RapportDb {
  return openDb(dbName(tag), deps, opts);
}

const plain = (v: unknown): unknown => {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
};

/** Every row of every table (typed arrays as plain arrays), optionally leaving tables out. */
export async function dump(db: RapportDb, skip: string[] = []): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) {
    if (skip.includes(t.name)) continue;
    out[t.name] = (await t.toArray()).map(plain);
  }
  return out;
}
