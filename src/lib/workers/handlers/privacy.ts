// Trust handlers: backup (streamed into a Blob), restore with a preview and one undo, erase a
// customer, de-identified export. Whole-database writes take the write queue's turn like imports
// (the queue's Web Lock is shared, so they also wait for imports in other tabs).
import { blobChunks } from '../../core/ingest/streams';
import {
  bytesOf,
  collect,
  createBackup,
  previewRestore,
  readBackup,
  restoreBackup,
  type BackupContents,
  type BackupSummary,
  type TableDiff
} from '../../core/privacy/backup';
import {
  deidentify,
  toCsv,
  type Anonymity,
  type ColumnRule,
  type DeidResult
} from '../../core/privacy/deidentify';
import { eraseCustomer, erasureLog, type ErasureEntry, type ErasureResult } from '../../core/privacy/erase'; // prettier-ignore
import { mergeBackup, type MergeChoice, type MergeResult } from '../../core/privacy/merge';
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
  /** A restore that can still be undone (this session). */
  canUndoRestore: boolean;
}

export interface BackupResult {
  blob: Blob;
  bytes: number;
  fileName: string;
  ms: number;
  encrypted: boolean;
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
  'privacy.backup': Handler<{ passphrase?: string } | undefined, BackupResult>;
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
/** The last previewed backup, waiting for the user's go-ahead. */
let pending: { token: number; contents: BackupContents } | null = null;
let nextToken = 1;
/** The database as it was before the last restore (a plain backup in memory), for one undo. */
let beforeRestore: Uint8Array | null = null;

function inTurn<T>(ctx: TaskContext, work: () => Promise<T>): Promise<T> {
  return writes.run(work, {
    signal: ctx.signal,
    onWait: (w) => ctx.progress({ done: 0, total: 0, message: 'queued', data: w })
  });
}

async function status(): Promise<PrivacyStatus> {
  const [last, interval, erasures] = await Promise.all([
    getSetting<number>(LAST_BACKUP_KEY),
    getSetting<number>(BACKUP_INTERVAL_KEY),
    erasureLog(getDb())
  ]);
  const intervalDays = interval ?? DEFAULT_INTERVAL_DAYS;
  const lastBackupAt = last ?? null;
  return {
    lastBackupAt,
    intervalDays,
    due: lastBackupAt === null || Date.now() - lastBackupAt > intervalDays * 86_400_000,
    erasures,
    canUndoRestore: beforeRestore !== null
  };
}

const stamp = (t: number) => new Date(t).toISOString().slice(0, 16).replace(/[-:T]/g, '');

async function backup(
  args: { passphrase?: string } | undefined,
  ctx: TaskContext
): Promise<BackupResult> {
  const t0 = performance.now();
  const ac = new AbortController();
  const onAbort = () => ac.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', onAbort);
  running.add(ac);
  try {
    return await inTurn(ctx, async () => {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      const now = Date.now();
      for await (const p of createBackup(getDb(), {
        passphrase: args?.passphrase || undefined,
        signal: ac.signal,
        createdAt: now
      })) {
        ac.signal.throwIfAborted();
        parts.push(p as Uint8Array<ArrayBuffer>);
        bytes += p.length;
        ctx.progress({ done: bytes, total: 0, message: 'writing' });
      }
      ac.signal.throwIfAborted();
      return {
        blob: new Blob(parts, { type: 'application/octet-stream' }),
        bytes,
        fileName: `rapport-${stamp(now)}.rapport-backup`,
        ms: performance.now() - t0,
        encrypted: !!args?.passphrase
      };
    });
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
  'privacy.restorePreview': async ({ file, passphrase }) => {
    pending = null;
    const { contents, diff } = await previewRestore(getDb(), blobChunks(file), passphrase || undefined); // prettier-ignore
    pending = { token: nextToken++, contents };
    return { token: pending.token, summary: contents.summary, diff };
  },
  'privacy.restore': ({ token }, ctx) =>
    inTurn(ctx, async () => {
      if (!pending || pending.token !== token) throw new Error('Preview the backup again before restoring it.'); // prettier-ignore
      const { contents } = pending;
      const db = getDb();
      const snapshot = await collect(createBackup(db));
      try {
        await restoreBackup(db, contents);
      } finally {
        dataReplaced();
      }
      beforeRestore = snapshot;
      pending = null;
      const last = (await getSetting<number>(LAST_BACKUP_KEY)) ?? 0;
      if (contents.summary.createdAt > last)
        await setSetting(LAST_BACKUP_KEY, contents.summary.createdAt);
      return status();
    }),
  'privacy.undoRestore': (_args, ctx) =>
    inTurn(ctx, async () => {
      if (!beforeRestore) throw new Error('There is no restore to undo.');
      const contents = await readBackup(bytesOf(beforeRestore), { keepRows: true });
      try {
        await restoreBackup(getDb(), contents);
      } finally {
        dataReplaced();
      }
      beforeRestore = null;
      return status();
    }),
  'privacy.merge': ({ token, choice }, ctx) =>
    inTurn(ctx, async () => {
      if (!pending || pending.token !== token) throw new Error('Preview the backup again before merging it.'); // prettier-ignore
      const { contents } = pending;
      try {
        const r = await mergeBackup(getDb(), contents, choice === 'take-backup' ? 'take-backup' : 'keep-mine'); // prettier-ignore
        pending = null;
        return r;
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
        // The undo snapshot of a restore may hold the customer too.
        beforeRestore = null;
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
