// Trust handlers: backup (streamed frame by frame into a file the page chose, or into a Blob),
// restore streamed from the file with a preview and one undo, erase a customer, de-identified
// export. Whole-database writes take the write queue's turn like imports
// (the queue's Web Lock is shared, so they also wait for imports in other tabs).
import { blobChunks } from '../../core/ingest/streams';
import {
  backupBlob,
  writeBackupTo,
  type BackupSummary,
  type TableDiff
} from '../../core/privacy/backup';
import { backupFileName } from '../../core/privacy/names';
import { previewStream, restoreStream } from '../../core/privacy/restore';
import {
  deidentify,
  toCsv,
  type Anonymity,
  type ColumnRule,
  type DeidResult
} from '../../core/privacy/deidentify';
import { eraseCustomer, erasureLog, type ErasureEntry, type ErasureResult } from '../../core/privacy/erase'; // prettier-ignore
import { mergeStream, type MergeChoice, type MergeResult } from '../../core/privacy/merge';
import { UndoPolicy } from '../../core/privacy/undo';
import type { UndoKind } from '../../core/privacy/undoStore';
import { EXPORT_TABLES, exportColumns, exportRows, type ExportTable } from '../../core/privacy/tables'; // prettier-ignore
import { dataReplaced, getDb } from '../db';
import type { Handler, TaskContext } from '../protocol';
import { WriteQueue } from '../queue';
import { getSetting, setSetting } from '../settings-db';

export const BACKUP_INTERVAL_KEY = 'privacy.backupIntervalDays';
export const LAST_BACKUP_KEY = 'privacy.lastBackupAt';
const DEFAULT_INTERVAL_DAYS = 7;

export interface PrivacyStatus {
  /** When the user last saved a backup (or restored one), ms; null when never. */
  lastBackupAt: number | null;
  intervalDays: number;
  /** The last backup is older than the interval (or there is none). */
  due: boolean;
  erasures: ErasureEntry[];
  /** A restore or merge that can still be undone (kept across reloads unless too big). */
  canUndoRestore: boolean;
  /** Which of the two the undo takes back. */
  undoKind: UndoKind;
  /** The undo survives a reload (false: too big for the space left, this session only). */
  undoKept: boolean;
}

export interface BackupResult {
  /** The file, when no sink was given (the page downloads it); null when written to the sink. */
  blob: Blob | null;
  bytes: number;
  fileName: string;
  ms: number;
  encrypted: boolean;
}

export interface BackupArgs {
  passphrase?: string;
  sink?: WritableStream<Uint8Array>;
  /** The backup's time (the page names the file before the worker starts). */
  createdAt?: number;
}

export interface RestorePreview {
  token: number;
  summary: BackupSummary;
  diff: TableDiff[];
}

export interface DeidArgs {
  table: ExportTable;
  rules: Record<string, ColumnRule>;
  quasi: string[];
}

export type DeidView = Omit<DeidResult, 'rows'> & { rows: number };

export interface PrivacyHandlers {
  'privacy.status': Handler<undefined, PrivacyStatus>;
  'privacy.setInterval': Handler<{ days: number }, PrivacyStatus>;
  /**
   * Back up. With `sink` (a WritableStream the page made over the file the user chose, transferred
   * to the worker) the frames are written into it as they are made; otherwise they are gathered
   * into a Blob.
   */
  'privacy.backup': Handler<BackupArgs | undefined, BackupResult>;
  /** The page saved the file: the reminder restarts from now. */
  'privacy.backupSaved': Handler<undefined, PrivacyStatus>;
  'privacy.restorePreview': Handler<{ file: Blob; passphrase?: string }, RestorePreview>;
  'privacy.restore': Handler<{ token: number }, PrivacyStatus>;
  'privacy.undoRestore': Handler<undefined, PrivacyStatus>;
  /** Merge the previewed backup into the data here (import batches, undoable in the history). */
  'privacy.merge': Handler<{ token: number; choice: MergeChoice }, MergeResult>;
  'privacy.erase': Handler<{ customerId: string }, ErasureResult>;
  'privacy.columns': Handler<{ table: ExportTable }, { columns: string[]; rows: number }>;
  'privacy.deidPreview': Handler<DeidArgs, DeidView>;
  'privacy.deidExport': Handler<
    DeidArgs,
    { blob: Blob; fileName: string; rows: number; anonymity: Anonymity | null }
  >;
}

const writes = new WriteQueue();
/** Backups being written: an erasure stops them, so no copy of the erased customer is finished. */
const running = new Set<AbortController>();
/**
 * The last previewed backup, waiting for the user's go-ahead: the file itself (the browser keeps a
 * File on disk) and its passphrase, read again by the restore, never its records.
 */
let pending: { token: number; file: Blob; passphrase?: string; summary: BackupSummary } | null = null; // prettier-ignore
let nextToken = 1;
/** The undo of the last restore or merge (core/privacy/undo.ts: what is kept, and where). */
const undo = new UndoPolicy();

function inTurn<T>(ctx: TaskContext, work: () => Promise<T>): Promise<T> {
  return writes.run(work, {
    signal: ctx.signal,
    onWait: (w) => ctx.progress({ done: 0, total: 0, message: 'queued', data: w })
  });
}

async function status(): Promise<PrivacyStatus> {
  const [last, interval, erasures, u] = await Promise.all([
    getSetting<number>(LAST_BACKUP_KEY),
    getSetting<number>(BACKUP_INTERVAL_KEY),
    erasureLog(getDb()),
    undo.state()
  ]);
  const intervalDays = interval ?? DEFAULT_INTERVAL_DAYS;
  const lastBackupAt = last ?? null;
  return {
    lastBackupAt,
    intervalDays,
    due: lastBackupAt === null || Date.now() - lastBackupAt > intervalDays * 86_400_000,
    erasures,
    canUndoRestore: u.canUndo,
    undoKind: u.kind,
    undoKept: u.kept
  };
}

async function backup(args: BackupArgs | undefined, ctx: TaskContext): Promise<BackupResult> {
  const t0 = performance.now();
  const ac = new AbortController();
  const onAbort = () => ac.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort);
  running.add(ac);
  const now = args?.createdAt ?? Date.now();
  const opts = { passphrase: args?.passphrase || undefined, signal: ac.signal, createdAt: now };
  const progress = (bytes: number) => ctx.progress({ done: bytes, total: 0, message: 'writing' });
  try {
    return await inTurn(ctx, async () => {
      let blob: Blob | null = null;
      let bytes: number;
      if (args?.sink)
        bytes = await writeBackupTo(getDb(), args.sink, { ...opts, onFrame: (_n, total) => progress(total) }); // prettier-ignore
      else ({ blob, bytes } = await backupBlob(getDb(), { ...opts, onFrame: (_n, total) => progress(total) })); // prettier-ignore
      return {
        blob,
        bytes,
        fileName: backupFileName(now),
        ms: performance.now() - t0,
        encrypted: !!args?.passphrase
      };
    });
  } catch (e) {
    // Queued behind other writes and cancelled: the page's file still has to be let go.
    if (args?.sink && !args.sink.locked) await args.sink.abort(e).catch(() => {});
    throw e;
  } finally {
    running.delete(ac);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

const DEID_PREVIEW = 20;

async function deid(args: DeidArgs): Promise<DeidResult> {
  if (!(EXPORT_TABLES as readonly string[]).includes(args.table))
    throw new Error(`unknown table ${args.table}`);
  const { columns, rows } = await exportRows(getDb(), args.table);
  return deidentify(rows, columns, {
    rules: args.rules,
    quasi: args.quasi,
    previewRows: DEID_PREVIEW
  });
}

export const privacyHandlers: PrivacyHandlers = {
  'privacy.status': () => status(),
  'privacy.setInterval': async ({ days }) => {
    if (!(Number.isInteger(days) && days >= 1 && days <= 365)) throw new Error('interval must be 1-365 days'); // prettier-ignore
    await setSetting(BACKUP_INTERVAL_KEY, days);
    return status();
  },
  'privacy.backup': backup,
  'privacy.backupSaved': async () => {
    await setSetting(LAST_BACKUP_KEY, Date.now());
    return status();
  },
  'privacy.restorePreview': async ({ file, passphrase }, ctx) => {
    pending = null;
    const pass = passphrase || undefined;
    const { summary, diff } = await previewStream(getDb(), blobChunks(file), {
      passphrase: pass,
      onProgress: (n) => ctx.progress({ done: n, total: 0, message: 'reading' })
    });
    pending = { token: nextToken++, file, passphrase: pass, summary };
    return { token: pending.token, summary, diff };
  },
  'privacy.restore': ({ token }, ctx) =>
    inTurn(ctx, async () => {
      if (!pending || pending.token !== token) throw new Error('Preview the backup again before restoring it.'); // prettier-ignore
      const { file, passphrase, summary } = pending;
      const db = getDb();
      try {
        // Streamed from the file again, in one transaction: a file changed since the preview
        // fails its checks and the transaction rolls back.
        await undo.guard(db, 'restore', () =>
          restoreStream(db, blobChunks(file), {
            passphrase,
            onProgress: (n) => ctx.progress({ done: n, total: 0, message: 'restoring' })
          })
        );
      } finally {
        dataReplaced();
      }
      pending = null;
      const last = (await getSetting<number>(LAST_BACKUP_KEY)) ?? 0;
      if (summary.createdAt > last) await setSetting(LAST_BACKUP_KEY, summary.createdAt);
      return status();
    }),
  'privacy.undoRestore': (_args, ctx) =>
    inTurn(ctx, async () => {
      try {
        await undo.undo(getDb());
      } finally {
        dataReplaced();
      }
      return status();
    }),
  'privacy.merge': ({ token, choice }, ctx) =>
    inTurn(ctx, async () => {
      if (!pending || pending.token !== token) throw new Error('Preview the backup again before merging it.'); // prettier-ignore
      const { file, passphrase } = pending;
      const db = getDb();
      try {
        // Streamed from the file in one transaction: a failure part-way rolls it all back.
        const result = await undo.guard(db, 'merge', () => mergeStream(db, () => blobChunks(file), choice === 'take-backup' ? 'take-backup' : 'keep-mine', { passphrase, onProgress: (n) => ctx.progress({ done: n, total: 0, message: 'merging' }) })); // prettier-ignore
        pending = null;
        return result;
      } finally {
        dataReplaced();
      }
    }),
  'privacy.erase': ({ customerId }, ctx) => {
    // Stop backups in progress first: their file would still hold the customer.
    for (const ac of running) ac.abort(new Error('A customer was erased: back up again.'));
    return inTurn(ctx, async () => {
      try {
        return await eraseCustomer(getDb(), customerId.trim());
      } finally {
        dataReplaced();
        // The undo snapshot of a restore or merge holds the customer too.
        await undo.forget();
        pending = null;
      }
    });
  },
  'privacy.columns': ({ table }) => exportColumns(getDb(), table),
  'privacy.deidPreview': async (args) => {
    const r = await deid(args);
    return { ...r, rows: r.rows.length };
  },
  'privacy.deidExport': async (args) => {
    const r = await deid(args);
    const csv = toCsv(
      r.columns.map((c) => c.name),
      r.rows
    );
    return {
      blob: new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      fileName: `${args.table}-deidentified.csv`,
      rows: r.rows.length,
      anonymity: r.anonymity
    };
  }
};
