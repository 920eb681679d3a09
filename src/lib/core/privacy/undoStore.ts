// The undo of the last restore or merge, kept across reloads: a plain backup of the database as
// it was just before, stored a frame (≤ 1 MiB) per record in its own IndexedDB database
// ('rapport-undo'), apart from the data: a restore clears every table of the data, and a backup
// must not contain the undo of an earlier one. Two slots: the snapshot of a new restore or merge
// is written into the free slot and armed (made the undo) only once that restore or merge has
// succeeded, so a failed one leaves the previous undo in place. Arming drops the older slot: one
// undo at a time. Too big for the space left (the caller's `maxBytes`): not kept (the caller falls
// back to an undo for this session only).
import Dexie, { type Table } from 'dexie';
import type { IdbDeps } from '../db/schema';
import { createBackup } from './backup';

export type UndoKind = 'restore' | 'merge';

export interface UndoMeta {
  key: 'armed';
  slot: number;
  kind: UndoKind;
  /** When the restore or merge happened (ms). */
  at: number;
  bytes: number;
}

interface FrameRow {
  slot: number;
  seq: number;
  bytes: Uint8Array;
}

export class UndoStore extends Dexie {
  frames!: Table<FrameRow, [number, number]>;
  meta!: Table<UndoMeta, string>;
  constructor(name = 'rapport-undo', deps?: IdbDeps) {
    super(name, deps);
    this.version(1).stores({ frames: '[slot+seq]', meta: 'key' });
  }
}

const slotRange = (store: UndoStore, slot: number) =>
  store.frames.where('[slot+seq]').between([slot, Dexie.minKey], [slot, Dexie.maxKey]);

/** The undo now armed, if any. */
export async function undoInfo(store: UndoStore): Promise<UndoMeta | undefined> {
  return store.meta.get('armed');
}

/** A snapshot written and not yet armed. */
export interface Snapshot {
  slot: number;
  bytes: number;
}

/**
 * Write a plain backup of `db` into the free slot, frame by frame. Returns null (and keeps
 * nothing) when it would exceed `maxBytes`.
 */
export async function takeSnapshot(
  store: UndoStore,
  db: Dexie,
  opts: { maxBytes?: number; signal?: AbortSignal } = {}
): Promise<Snapshot | null> {
  const slot = ((await undoInfo(store))?.slot ?? 1) === 0 ? 1 : 0;
  await slotRange(store, slot).delete();
  let seq = 0;
  let bytes = 0;
  const max = opts.maxBytes ?? Infinity;
  for await (const f of createBackup(db, { signal: opts.signal })) {
    bytes += f.length;
    if (bytes > max) {
      await slotRange(store, slot).delete();
      return null;
    }
    await store.frames.add({ slot, seq: seq++, bytes: f });
  }
  return { slot, bytes };
}

/** Make a snapshot the undo (after its restore or merge succeeded); the older one is dropped. */
export async function armUndo(
  store: UndoStore,
  s: Snapshot,
  kind: UndoKind,
  at = Date.now()
): Promise<void> {
  await store.transaction('rw', store.frames, store.meta, async () => {
    await store.meta.put({ key: 'armed', slot: s.slot, kind, at, bytes: s.bytes });
    await slotRange(store, 1 - s.slot).delete();
  });
}

/** A snapshot whose restore or merge failed: dropped, the armed undo stays. */
export async function dropSnapshot(store: UndoStore, s: Snapshot): Promise<void> {
  const armed = await undoInfo(store);
  if (armed?.slot !== s.slot) await slotRange(store, s.slot).delete();
}

/** The armed undo's backup file, a frame at a time (restore it with restoreStream). */
export async function* undoFrames(store: UndoStore): AsyncGenerator<Uint8Array> {
  const armed = await undoInfo(store);
  if (!armed) return;
  for (let seq = 0; ; seq++) {
    const r = await store.frames.get([armed.slot, seq]);
    if (!r) return;
    yield r.bytes;
  }
}

/** Forget every undo (after it was used, or after an erasure: the snapshot holds the customer). */
export async function clearUndo(store: UndoStore): Promise<void> {
  await store.transaction('rw', store.frames, store.meta, async () => {
    await store.frames.clear();
    await store.meta.clear();
  });
}
