// The undo policy of restores and merges (the worker's privacy handlers only adapt it): before
// one runs, a plain backup of the database as it is; kept in the undo store (undoStore.ts, it
// survives a reload) when it fits a third of the origin's free quota, else a Blob for this
// session only (`kept: false`). It becomes the undo only once the restore or merge succeeded (a
// failed one leaves the previous undo); using the undo, or an erasure, forgets it.
import type Dexie from 'dexie';
import { blobChunks } from '../ingest/streams';
import { backupBlob } from './backup';
import { restoreStream, type StreamOptions } from './restore';
import {
  UndoStore,
  armUndo,
  clearUndo,
  dropSnapshot,
  takeSnapshot,
  undoFrames,
  undoInfo,
  type UndoKind
} from './undoStore';

export interface UndoState {
  /** A restore or merge that can still be undone. */
  canUndo: boolean;
  /** Which of the two the undo takes back. */
  kind: UndoKind;
  /** The undo survives a reload (false: too big for the space left, this session only). */
  kept: boolean;
}

/** Room for the undo snapshot: a third of the origin's free quota (unknown: no limit). */
export async function storageBudget(): Promise<number> {
  const est = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
  if (!est?.quota) return Infinity;
  return Math.max(0, (est.quota - (est.usage ?? 0)) / 3);
}

export class UndoPolicy {
  /** The undo kept for this session only (too big for the store). */
  private session: { blob: Blob; kind: UndoKind } | null = null;
  private opened: UndoStore | null = null;

  constructor(
    private readonly open: () => UndoStore = () => new UndoStore(),
    /** Bytes the kept snapshot may take (default: storageBudget). */
    private readonly budget: () => Promise<number> = storageBudget
  ) {}

  private get store(): UndoStore {
    return (this.opened ??= this.open());
  }

  /**
   * Run `work` (a restore or merge of `db`) so it can be undone: the snapshot is taken first
   * and made the undo only when `work` succeeds.
   */
  async guard<T>(db: Dexie, kind: UndoKind, work: () => Promise<T>): Promise<T> {
    const kept = await takeSnapshot(this.store, db, { maxBytes: await this.budget() });
    const blob = kept ? null : (await backupBlob(db)).blob;
    let out: T;
    try {
      out = await work();
    } catch (e) {
      if (kept) await dropSnapshot(this.store, kept);
      throw e;
    }
    if (kept) {
      await armUndo(this.store, kept, kind);
      this.session = null;
    } else {
      await clearUndo(this.store);
      this.session = { blob: blob!, kind };
    }
    return out;
  }

  async state(): Promise<UndoState> {
    const kept = this.session ? undefined : await undoInfo(this.store).catch(() => undefined);
    return {
      canUndo: this.session !== null || kept !== undefined,
      kind: this.session?.kind ?? kept?.kind ?? 'restore',
      kept: this.session === null && kept !== undefined
    };
  }

  /** Put `db` back as it was before the last restore or merge; the undo is then forgotten. */
  async undo(db: Dexie, opts: StreamOptions = {}): Promise<void> {
    const kept = this.session ? undefined : await undoInfo(this.store);
    if (!this.session && !kept) throw new Error('There is no restore to undo.');
    await restoreStream(db, this.session ? blobChunks(this.session.blob) : undoFrames(this.store), opts); // prettier-ignore
    await this.forget();
  }

  /** Forget the undo (after an erasure: the snapshot holds the customer). */
  async forget(): Promise<void> {
    this.session = null;
    await clearUndo(this.store);
  }
}
