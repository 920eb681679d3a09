// Merge a backup into the data already here, instead of replacing it: the backup's customers,
// products, messages, links and order lines go in as imports ("Backup merge" in the import
// history, one batch per kind), so each is atomic, shows in the history and can be undone there,
// and re-imported orders supersede older lines of the same order id exactly as a CSV import does.
// The conflict choice: `keep-mine` adds only what is new here (records whose id, orders whose
// order id, this database does not have); `take-backup` also overwrites with the backup's
// version. Trained models are merged too (mergeModels.ts: every version kept, renumbered on a
// clash). Settings and mapping memory missing here are added; feedback rows not already here are
// added. `mergeAtomically` makes the whole merge one step: a snapshot of the database first; any
// failure puts the snapshot back (in one transaction), and the snapshot is the merge's undo.
import { beginImport } from '../db/session';
import type { ImportSession } from '../ingest/sink';
import { decodeChunk, expandChunk } from '../db/chunks';
import { allOrders } from '../db/orders';
import type { BatchRow, OrderChunk, ProductNames, SourceRow } from '../db/rows';
import type { RapportDb } from '../db/schema';
import type { EntityKind, OrderLine } from '../types';
import type { BackupContents } from './backup';
import { backupBlob, checkCompatible } from './backup';
import { encode } from './codec';
import { blobChunks } from '../ingest/streams';
import { mergeModels, type ModelMergeResult } from './mergeModels';
import { restoreStream } from './restore';

export type MergeChoice = 'keep-mine' | 'take-backup';

export interface MergeResult {
  /** Rows sent to each import, by kind. */
  imported: Partial<Record<EntityKind, number>>;
  /** Import batches created (undo them in the history to take the merge back). */
  batches: number[];
  settings: number;
  feedback: number;
  models: ModelMergeResult;
}

export const MERGE_SOURCE = 'Backup merge';

type Row = Record<string, unknown>;
const strip = (r: Row, ...keys: string[]) => {
  const out = { ...r };
  for (const k of keys) delete out[k];
  return out;
};

/** Alive order lines of the backup's committed batches. */
export function backupOrders(contents: BackupContents): OrderLine[] {
  const committed = new Set(
    ((contents.rows.get('batches') ?? []) as BatchRow[])
      .filter((b) => b.status === 'committed')
      .map((b) => b.id!)
  );
  const names = new Map(
    ((contents.rows.get('productNames') ?? []) as ProductNames[]).map((p) => [p.batchId, p.names])
  );
  const out: OrderLine[] = [];
  const chunks = ((contents.rows.get('orderChunks') ?? []) as OrderChunk[])
    .filter((c) => committed.has(c.batchId))
    .sort((a, b) => a.id! - b.id!);
  for (const raw of chunks) {
    const c = expandChunk({ ...raw });
    if (c.sharedNames && !c.productNameDict) c.productNameDict = names.get(c.batchId) ?? [''];
    for (const line of decodeChunk(c)) out.push(line);
  }
  return out;
}

async function importKind(
  db: RapportDb,
  kind: EntityKind,
  rows: unknown[],
  write: (s: ImportSession) => Promise<void>,
  batches: number[]
): Promise<void> {
  if (rows.length === 0) return;
  const s = await beginImport(db, {
    source: MERGE_SOURCE,
    fileName: `backup-${kind}`,
    kind,
    channel: 'backup',
    mapping: {}
  });
  try {
    await write(s);
    await s.commit({ rowsRead: rows.length, rowsStored: rows.length, rowsRejected: 0, errorsSample: 0 }); // prettier-ignore
    batches.push(s.batchId);
  } catch (e) {
    await s.abort(e instanceof Error ? e.message : String(e)).catch(() => {});
    throw e;
  }
}

/** Merge `contents` (read with keepRows) into `db`. */
export async function mergeBackup(
  db: RapportDb,
  contents: BackupContents,
  choice: MergeChoice,
  opts: { onStep?: (step: string) => void } = {}
): Promise<MergeResult> {
  checkCompatible(db, contents.meta);
  const take = choice === 'take-backup';
  const step = opts.onStep ?? (() => {});
  const result: MergeResult = {
    imported: {},
    batches: [],
    settings: 0,
    feedback: 0,
    models: { added: 0, renumbered: 0, activated: [] }
  };
  const entity = async (
    kind: 'customers' | 'products' | 'interactions' | 'relationships',
    drop: string[]
  ) => {
    let rows = (contents.rows.get(kind) ?? []) as Row[];
    if (!take) {
      const have = await db.table(kind).bulkGet(rows.map((r) => r.id as string));
      rows = rows.filter((_, i) => have[i] === undefined);
    }
    const clean = rows.map((r) => strip(r, ...drop));
    result.imported[kind] = clean.length;
    await importKind(db, kind, clean, (s) => s[kind](clean as never[]), result.batches);
    step(kind);
  };
  // Customers and products first, so orders, messages and links find them.
  await entity('customers', ['batchId', 'updatedAt']);
  await entity('products', ['batchId', 'updatedAt']);
  let lines = backupOrders(contents);
  if (!take) {
    const mine = new Set((await allOrders(db)).map((o) => o.orderId));
    lines = lines.filter((o) => !mine.has(o.orderId));
  }
  result.imported.orders = lines.length;
  await importKind(db, 'orders', lines, (s) => s.orders(lines), result.batches);
  step('orders');
  await entity('interactions', ['batchId']);
  await entity('relationships', ['batchId']);

  // Settings and mapping memory: only what is missing here.
  for (const name of ['settings', 'sources'] as const) {
    const rows = (contents.rows.get(name) ?? []) as (Row | SourceRow)[];
    const table = db.table(name);
    const keys = rows.map((r) =>
      name === 'settings' ? (r as Row).key : [(r as SourceRow).source, (r as SourceRow).kind]
    );
    const have = await table.bulkGet(keys as never[]);
    const add = rows.filter((_, i) => have[i] === undefined);
    if (add.length) await table.bulkAdd(add);
    if (name === 'settings') result.settings = add.length;
  }
  // Feedback: rows with the same content are not added twice.
  const seen = new Set(
    (await db.feedback.toArray()).map((f) => Array.from(encode(strip(f, 'id'))).join(','))
  );
  const fresh = ((contents.rows.get('feedback') ?? []) as Row[])
    .map((f) => strip(f, 'id'))
    .filter((f) => !seen.has(Array.from(encode(f)).join(',')));
  if (fresh.length) await db.feedback.bulkAdd(fresh as never[]);
  result.feedback = fresh.length;
  step('feedback');
  result.models = await mergeModels(db, contents, choice);
  step('models');
  return result;
}

/**
 * The merge as one step: the database is snapshotted (a plain backup, as a Blob) first; if any
 * part of the merge fails, the snapshot is restored in one transaction, so nothing changed; on
 * success the snapshot is returned as the merge's undo (restore it to take the merge back).
 */
export async function mergeAtomically(
  db: RapportDb,
  contents: BackupContents,
  choice: MergeChoice,
  opts: { onStep?: (step: string) => void } = {}
): Promise<{ result: MergeResult; undo: Blob }> {
  checkCompatible(db, contents.meta);
  const undo = (await backupBlob(db)).blob;
  try {
    return { result: await mergeBackup(db, contents, choice, opts), undo };
  } catch (e) {
    await restoreStream(db, blobChunks(undo));
    throw e;
  }
}
