// Merge a backup into the data already here, instead of replacing it. Streamed and atomic, like
// restoreStream: the file is read a frame at a time and every write happens inside ONE read-write
// transaction over all tables, kept alive with the transaction's own waitFor (see mergeStream)
// while the next batch of records is read and decrypted, so a tampered or truncated frame, or any
// error part-way, aborts it and IndexedDB rolls every write back: the database is exactly as
// before, with nothing to compensate.
//
// The backup's import history comes with its data: each committed import of the backup becomes an
// import here, its id (and its chunks', its undo log's) moved above this database's own, its
// commit order after this database's imports, so the history lists it and can undo it. An import
// both sides already have (the same file imported at the same time: a device restored from the
// other's backup) is recognised and not brought twice.
//
// The conflict choice: `keep-mine` adds only what is new here (records whose id, orders whose
// order id, this database does not have): the backup's lines of orders this database has are
// stored not alive, and the backup's undo logs forget the records and lines they did not write
// here, so undoing a backup import never touches this device's data. `take-backup` also overwrites
// with the backup's version: the backup's first write of the record brought here (its creation,
// or an edit of a record both sides have from an earlier restore) now puts back this device's
// version, and this device's lines of an order the backup has are superseded by the backup's,
// in the undo log of the backup import holding them (undoing it brings them back).
// Trained models are merged too (mergeModels.ts: every version kept, renumbered on a clash).
// Settings and mapping memory missing here are added; feedback rows not already here are added.
// The backup's journals of customer merges and customer-column fixes come too, ids moved above
// this database's (the merge's aliases and recorded answers follow its new id; its commit order
// and chunks move like its imports'), so the merge history lists them and can undo them. Only
// those whose undo is sound here: a customer merge when none of its customers was here before
// (keep-mine or take-backup: their records and stats are the backup's) and none of its merged-away
// ids is here now; a customer fix when none of its records was kept as this device's version
// (keep-mine). Journals both sides have (same time, same customers) are recognised, not brought
// twice. Not merged: the backup's order-line fix journals (their effects are in its lines, but
// their stats would not be this database's), journals failing the checks (counted), and its stats
// (recomputed here for every customer concerned).
import type { default as Dexie, Table } from 'dexie';
import { expandChunk, storedChunk } from '../db/chunks';
import { refreshStats } from '../db/refresh';
import type {
  BatchRow,
  ChunkOrders,
  ModelScoreRow,
  ModelVersionRow,
  OrderChunk,
  ProductNames,
  UndoEntry,
  UndoLog
} from '../db/rows';
import { bound, type RapportDb, type Tables } from '../db/schema';
import type { AliasRow, MergeRow } from '../db/merges';
import type { FixRow } from '../db/fixes';
import { commitSeqOf } from '../db/session';
import { StatsAccumulator } from '../db/stats';
import type { EntityKind } from '../types';
import { encode } from './codec';
import { dataDigest, planModels, type ModelMergeResult, type ModelPlan } from './mergeModels';
import { openStream, writeInOneTransaction, type Batch, type StreamOptions } from './restore';

export type MergeChoice = 'keep-mine' | 'take-backup';

/** The source of the imports standing for a backup import both sides have. */
export const MERGE_SOURCE = 'Backup merge';

export interface MergeResult {
  /** Records written here, by kind (orders: alive order lines brought in). */
  imported: Partial<Record<EntityKind, number>>;
  /** The backup's imports brought into the history, by their id here. */
  batches: number[];
  /** The backup's imports this database already had (only their lines of orders not here come). */
  alreadyHere: number;
  /** This database's order lines superseded by the backup's lines of the same orders (take-backup). */
  superseded: number;
  settings: number;
  feedback: number;
  models: ModelMergeResult;
  /** The backup's merge and fix journals brought (undoable here), and those left out. */
  journals: { merges: number; fixes: number; aliases: number; skipped: number };
}

export interface MergeOptions extends StreamOptions {
  /** Called as each table of the backup is reached (tests throw from it to fail part-way). */
  onTable?: (table: string) => void;
}

type Row = Record<string, unknown>;
const ENTITIES = ['customers', 'products', 'interactions', 'relationships'] as const;
type Entity = (typeof ENTITIES)[number];
const isEntity = (n: string): n is Entity => (ENTITIES as readonly string[]).includes(n);

/** The same import on two devices: same file, same start and end, same counts. */
const batchKey = (b: BatchRow) =>
  JSON.stringify([b.source, b.fileName, b.kind, b.channel, b.startedAt, b.finishedAt ?? null, b.rowsRead, b.rowsStored]); // prettier-ignore

/** The same customer merge on two devices (one restored from the other's backup). */
const mergeKey = (m: MergeRow) => JSON.stringify([m.ts, m.golden, m.merged, m.rule]);
/** The same data fix on two devices. */
const fixKey = (f: FixRow) => JSON.stringify([f.ts, f.action, f.table ?? 'customers', f.column]);

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The start of the file, up to its model versions (order chunks come after them in name order):
 * the backup's versions and a digest of each version's data, to plan the models' merge.
 */
async function readModelList(
  db: Dexie,
  source: () => AsyncIterable<Uint8Array>,
  passphrase: string | undefined
): Promise<{ versions: ModelVersionRow[]; digests: Map<string, string> }> {
  const versions: ModelVersionRow[] = [];
  const digests = new Map<string, string>();
  const o = await openStream(db, source(), { passphrase });
  try {
    for await (const b of o.batches) {
      if (b.table.name > 'modelVersions') break;
      if (b.table.name === 'modelData')
        for (const r of b.rows) digests.set((r as { id: string }).id, await dataDigest(r));
      else if (b.table.name === 'modelVersions') versions.push(...(b.rows as ModelVersionRow[]));
    }
  } finally {
    await o.batches.return(undefined).catch(() => {});
  }
  return { versions, digests };
}

/**
 * Merge a backup file into `db`, streamed, in one transaction (see the top of this file).
 * `source` opens the file (it is read twice: once up to its model list, once whole). On any
 * refusal or failure the database is unchanged.
 */
export async function mergeStream(
  db: RapportDb,
  source: () => AsyncIterable<Uint8Array>,
  choice: MergeChoice,
  opts: MergeOptions = {}
): Promise<MergeResult> {
  const take = choice === 'take-backup';
  const o = await openStream(db, source(), opts);
  let plan: ModelPlan;
  try {
    const list = await readModelList(db, source, opts.passphrase);
    plan = await planModels(db, list.versions, list.digests, choice);
  } catch (e) {
    await o.batches.return(undefined).catch(() => {});
    throw e;
  }
  const result: MergeResult = {
    imported: {},
    batches: [],
    alreadyHere: 0,
    superseded: 0,
    settings: 0,
    feedback: 0,
    models: plan.result,
    journals: { merges: 0, fixes: 0, aliases: 0, skipped: 0 }
  };
  let m: Merger;
  await writeInOneTransaction(db, o, opts, {
    async start(tx) {
      m = new Merger(bound(tx), take, plan, result);
      await m.start();
    },
    async batch(_tx, b) {
      if (b.table.name !== m.table) {
        m.table = b.table.name;
        opts.onTable?.(b.table.name);
      }
      await m.batch(b);
    },
    finish: () => m.finish()
  });
  return result;
}

/** The state of one merge inside its transaction. */
class Merger {
  table = '';
  /** Offsets above this database's ids: batches, order chunks; commit order. */
  private batchOffset = 0;
  private chunkOffset = 0;
  private seqOffset = 0;
  private readonly localKeys = new Set<string>();
  /** Backup batch id -> id here, for the imports brought in. */
  private readonly batchIds = new Map<number, number>();
  /**
   * Order ids alive here before the merge: keep-mine stores the backup's lines of these not alive
   * (so does take-backup for the imports both sides have).
   */
  private readonly localOrders = new Set<string>();
  /** Imports here standing for a backup import this database also has (see `batches`). */
  private readonly shared = new Set<number>();
  /** Alive lines brought per import here. */
  private readonly aliveOf = new Map<number, number>();
  /** Order ids alive in the backup's lines brought in (take-backup). */
  private readonly backupOrders = new Set<string>();
  /** Order id -> the first import here (commit order) holding lines of it (take-backup). */
  private readonly orderOwner = new Map<string, number>();
  /** Commit order of the imports brought in. */
  private readonly seqOf = new Map<number, number>();
  /** Lines lost per batch here (keep-mine's killed lines, take-backup's superseded ones). */
  private readonly lost = new Map<number, number>();
  /** Import here -> this device's lines it superseded (take-backup). */
  private readonly supersededBy = new Map<number, { chunkId: number; rows: Uint32Array }[]>();
  private supersessionDone = false;
  /** Records of the backup not written here (keep-mine) / this device's versions overwritten. */
  private readonly skipped = new Map<Entity, Set<string>>(ENTITIES.map((k) => [k, new Set()]));
  private readonly overwritten = new Map<Entity, Map<string, Row>>(ENTITIES.map((k) => [k, new Map()])); // prettier-ignore
  private readonly stats = new StatsAccumulator();
  /** Customers whose stats change (lines added here or superseded). */
  private readonly customers = new Set<string>();
  private feedbackSeen: Set<string> | null = null;
  /** Offsets above this database's journal ids, and the journals it has (key -> id). */
  private mergeOffset = 0;
  private fixOffset = 0;
  private readonly localMerges = new Map<string, number>();
  private readonly localFixes = new Set<string>();
  /** Backup merge id -> its id here (brought, or the same merge already here). */
  private readonly mergeIds = new Map<number, number>();
  /** Held until the merges are read (they name a merge by id): aliases, answers of a merge. */
  private heldAliases: AliasRow[] = [];
  private heldFeedback: Row[] = [];
  private journalsDone = false;

  constructor(
    private readonly t: Tables,
    private readonly take: boolean,
    private readonly plan: ModelPlan,
    private readonly result: MergeResult
  ) {}

  async start(): Promise<void> {
    const batches = await this.t.batches.toArray();
    for (const b of batches) {
      this.batchOffset = Math.max(this.batchOffset, b.id!);
      if (b.status !== 'pending') this.seqOffset = Math.max(this.seqOffset, commitSeqOf(b));
      if (b.status === 'committed') this.localKeys.add(batchKey(b));
    }
    this.chunkOffset = ((await this.t.orderChunks.orderBy(':id').lastKey()) as number | undefined) ?? 0; // prettier-ignore
    this.mergeOffset = ((await this.t.merges.orderBy(':id').lastKey()) as number | undefined) ?? 0; // prettier-ignore
    this.fixOffset = ((await this.t.fixes.orderBy(':id').lastKey()) as number | undefined) ?? 0; // prettier-ignore
    for (const m of await this.t.merges.toArray()) this.localMerges.set(mergeKey(m), m.id!);
    for (const f of await this.t.fixes.toArray()) this.localFixes.add(fixKey(f));
    const committed = new Set(batches.filter((b) => b.status === 'committed').map((b) => b.id!));
    await this.t.orderChunks.each((c) => {
      if (!committed.has(c.batchId)) return;
      for (let r = 0; r < c.n; r++) if (c.alive[r] === 1) this.localOrders.add(c.orderDict[c.orderIdx[r]]); // prettier-ignore
    });
  }

  private mapBatch(id: unknown): number | undefined {
    return typeof id === 'number' ? this.batchIds.get(id) : undefined;
  }

  /** A record's batch id here (0: none of the imports brought in, as for stubs). */
  private withBatch<T extends Row>(r: T): T {
    return 'batchId' in r ? { ...r, batchId: this.mapBatch(r.batchId) ?? 0 } : r;
  }

  async batch(b: Batch): Promise<void> {
    const name = b.table.name;
    if (name > 'merges' && !this.journalsDone) await this.flushJournals();
    if (name > 'orderChunks' && !this.supersessionDone) await this.supersede();
    if (b.rows.length === 0) {
      if (name === 'orderChunks' && b.count !== undefined) await this.supersede();
      return;
    }
    if (name === 'batches') await this.batches(b.rows as BatchRow[]);
    else if (name === 'orderChunks') await this.chunks(b.rows as OrderChunk[]);
    else if (name === 'chunkOrders') {
      const rows = (b.rows as ChunkOrders[]).filter((r) => this.batchIds.has(r.batchId));
      await this.t.chunkOrders.bulkAdd(rows.map((r) => ({ ...r, id: r.id + this.chunkOffset, batchId: this.batchIds.get(r.batchId)! }))); // prettier-ignore
    } else if (name === 'productNames') {
      const rows = (b.rows as ProductNames[]).filter((r) => this.batchIds.has(r.batchId));
      await this.t.productNames.bulkAdd(rows.map((r) => ({ ...r, batchId: this.batchIds.get(r.batchId)! }))); // prettier-ignore
    } else if (isEntity(name)) await this.entities(name, b.rows as Row[]);
    else if (name === 'undoLogs') await this.undoLogs(b.rows as UndoLog[]);
    else if (name === 'settings' || name === 'sources') {
      const table = this.t[name] as unknown as Table<Row, unknown>;
      const keys = (b.rows as Row[]).map((r) => (name === 'settings' ? r.key : [r.source, r.kind]));
      const have = await table.bulkGet(keys as never[]);
      const add = b.rows.filter((_, i) => have[i] === undefined);
      if (add.length) await table.bulkAdd(add as never[]);
      if (name === 'settings') this.result.settings += add.length;
    } else if (name === 'feedback') {
      const rows = b.rows as Row[];
      this.heldFeedback.push(...rows.filter((f) => typeof f.mergeId === 'number'));
      await this.feedback(rows.filter((f) => typeof f.mergeId !== 'number'));
    } else if (name === 'aliases') this.heldAliases.push(...(b.rows as AliasRow[]));
    else if (name === 'merges') await this.merges(b.rows as MergeRow[]);
    else if (name === 'fixes') await this.fixes(b.rows as FixRow[]);
    else if (name === 'modelData') {
      const rows = (b.rows as { id: string }[]).filter((r) => this.plan.ids.has(r.id));
      await this.t.modelData.bulkPut(rows.map((r) => ({ ...r, id: this.plan.ids.get(r.id)!.id })));
    } else if (name === 'modelScores') {
      const rows = (b.rows as ModelScoreRow[]).filter((r) => this.plan.ids.has(r.modelId));
      await this.t.modelScores.bulkPut(rows.map((r) => ({ ...r, modelId: this.plan.ids.get(r.modelId)!.id }))); // prettier-ignore
    } else if (name === 'modelVersions') {
      for (const v of b.rows as ModelVersionRow[]) {
        const p = this.plan.ids.get(v.id);
        if (!p) continue;
        if (p.activate) await this.t.modelVersions.where('family').equals(v.family).modify({ active: 0 }); // prettier-ignore
        await this.t.modelVersions.add({ ...v, id: p.id, version: p.version, active: p.activate ? 1 : 0 }); // prettier-ignore
      }
    }
    // Not merged: statsShards (recomputed); journals that fail their checks (see the top).
    if (name === 'orderChunks' && b.count !== undefined) await this.supersede();
  }

  private async batches(rows: BatchRow[]): Promise<void> {
    const add: BatchRow[] = [];
    for (const b of rows) {
      if (b.status !== 'committed') continue;
      const id = b.id! + this.batchOffset;
      this.batchIds.set(b.id!, id);
      const commitSeq = commitSeqOf(b) + this.seqOffset;
      this.seqOf.set(id, commitSeq);
      this.result.batches.push(id);
      if (this.localKeys.has(batchKey(b))) {
        // Both sides have this import: its records are merged with the rest, and only its order
        // lines of orders not alive here (erased here, or superseded by an import only this
        // device has) come, as a "Backup merge" import of their own, dropped if there are none.
        this.result.alreadyHere++;
        this.shared.add(id);
        add.push({ ...b, id, commitSeq, source: MERGE_SOURCE });
        continue;
      }
      add.push({ ...b, id, commitSeq });
    }
    if (add.length) await this.t.batches.bulkAdd(add);
  }

  private async chunks(rows: OrderChunk[]): Promise<void> {
    const out: OrderChunk[] = [];
    let lines = 0;
    for (const raw of rows) {
      const batchId = this.batchIds.get(raw.batchId);
      if (batchId === undefined) continue;
      const c: OrderChunk = { ...raw, id: raw.id! + this.chunkOffset, batchId };
      const shared = this.shared.has(batchId);
      let kill = 0;
      for (let r = 0; r < c.n; r++) {
        const order = c.orderDict[c.orderIdx[r]];
        if (this.take && !shared) {
          // The import that first wrote the order (superseded lines included) supersedes mine:
          // undoing the backup's imports newest first brings this device's lines back last.
          const owner = this.orderOwner.get(order);
          if (owner === undefined || this.seqOf.get(batchId)! < this.seqOf.get(owner)!)
            this.orderOwner.set(order, batchId);
        }
        if (c.alive[r] !== 1) continue;
        if ((!this.take || shared) && this.localOrders.has(order)) {
          c.alive[r] = 0;
          kill++;
          continue;
        }
        lines++;
        this.aliveOf.set(batchId, (this.aliveOf.get(batchId) ?? 0) + 1);
        if (this.take && !shared) this.backupOrders.add(order);
      }
      if (kill) this.lost.set(batchId, (this.lost.get(batchId) ?? 0) + kill);
      const e = expandChunk({ ...c });
      this.stats.add(e);
      for (let r = 0; r < e.n; r++) if (e.alive[r] === 1) this.customers.add(e.customerDict[e.customerIdx[r]]); // prettier-ignore
      out.push(storedChunk(c));
    }
    if (out.length) await this.t.orderChunks.bulkAdd(out);
    this.result.imported.orders = (this.result.imported.orders ?? 0) + lines;
  }

  /**
   * take-backup, once every chunk of the backup is in: this device's alive lines of an order the
   * backup brought are superseded, recorded in the undo log of the import here holding the
   * backup's lines of that order.
   */
  private async supersede(): Promise<void> {
    if (this.supersessionDone) return;
    this.supersessionDone = true;
    if (!this.take || this.backupOrders.size === 0) return;
    const hit: number[] = [];
    await this.t.chunkOrders
      .where(':id')
      .belowOrEqual(this.chunkOffset)
      .each((co) => {
        if (co.orders.some((o) => this.backupOrders.has(o))) hit.push(co.id);
      });
    const committed = new Set(
      (await this.t.batches.where('status').equals('committed').primaryKeys()) as number[]
    );
    for (const id of hit) {
      const c = await this.t.orderChunks.get(id);
      if (!c || !committed.has(c.batchId) || c.batchId > this.batchOffset) continue;
      const byOwner = new Map<number, number[]>();
      for (let r = 0; r < c.n; r++) {
        if (c.alive[r] !== 1) continue;
        const order = c.orderDict[c.orderIdx[r]];
        if (!this.backupOrders.has(order)) continue;
        const owner = this.orderOwner.get(order)!;
        c.alive[r] = 0;
        this.customers.add(c.customerDict[c.customerIdx[r]]);
        let list = byOwner.get(owner);
        if (!list) byOwner.set(owner, (list = []));
        list.push(r);
      }
      if (byOwner.size === 0) continue;
      await this.t.orderChunks.put(c);
      for (const [owner, rows] of byOwner) {
        let list = this.supersededBy.get(owner);
        if (!list) this.supersededBy.set(owner, (list = []));
        list.push({ chunkId: c.id!, rows: Uint32Array.from(rows) });
        this.lost.set(c.batchId, (this.lost.get(c.batchId) ?? 0) + rows.length);
        this.result.superseded += rows.length;
      }
    }
  }

  private async entities(kind: Entity, rows: Row[]): Promise<void> {
    const table = this.t[kind] as unknown as Table<Row, string>;
    const ids = rows.map((r) => r.id as string);
    const have = await table.bulkGet(ids);
    const put: Row[] = [];
    rows.forEach((r, i) => {
      const mine = have[i];
      const rec = this.withBatch(r);
      if (mine !== undefined) {
        if (!this.take) {
          this.skipped.get(kind)!.add(ids[i]);
          return;
        }
        if (same(encode({ ...mine, batchId: 0 }), encode({ ...rec, batchId: 0 }))) return;
        this.overwritten.get(kind)!.set(ids[i], mine);
      }
      put.push(rec);
    });
    if (put.length) await table.bulkPut(put);
    this.result.imported[kind] = (this.result.imported[kind] ?? 0) + put.length;
  }

  private async undoLogs(rows: UndoLog[]): Promise<void> {
    const out: UndoLog[] = [];
    for (const log of rows) {
      const batchId = this.batchIds.get(log.batchId);
      if (batchId === undefined) continue;
      if (this.shared.has(batchId)) {
        // Its records' history is this device's own import's: undoing it removes its lines only.
        out.push({ batchId, customers: [], products: [], interactions: [], relationships: [], superseded: [] }); // prettier-ignore
        continue;
      }
      const next = { ...log, batchId } as UndoLog;
      const entries = next as unknown as Record<Entity, UndoEntry<Row>[]>;
      for (const kind of ENTITIES) {
        const skipped = this.skipped.get(kind)!;
        const mine = this.overwritten.get(kind)!;
        entries[kind] = (log[kind] as unknown as UndoEntry<Row>[])
          .filter((e) => !skipped.has(e.id))
          .map((e) => {
            // The backup's first write of it brought here (its creation, or an edit of a record
            // both sides have from an earlier restore: the import creating it is shared) overwrote
            // this device's version: undoing that import puts this device's version back.
            if (mine.has(e.id)) {
              const prev = mine.get(e.id)!;
              mine.delete(e.id);
              return { id: e.id, prev };
            }
            return e.prev === null ? e : { id: e.id, prev: this.withBatch(e.prev) };
          });
      }
      next.superseded = [];
      for (const s of log.superseded) {
        // Lines of an import not brought in (already here) stay as they are here.
        const chunk = await this.t.orderChunks.get(s.chunkId + this.chunkOffset);
        if (!chunk || chunk.batchId <= this.batchOffset) continue;
        // keep-mine (and lines of imports both sides have): lines of an order this device has
        // are never brought back by an undo.
        const local = !this.take || this.shared.has(chunk.batchId) ? this.localOrders : null;
        const rows = local ? Uint32Array.from(Array.from(s.rows).filter((r) => !local.has(chunk.orderDict[chunk.orderIdx[r]]))) : s.rows; // prettier-ignore
        if (rows.length) next.superseded.push({ chunkId: s.chunkId + this.chunkOffset, rows });
      }
      next.superseded.push(...(this.supersededBy.get(batchId) ?? []));
      this.supersededBy.delete(batchId);
      out.push(next);
    }
    if (out.length) await this.t.undoLogs.bulkAdd(out);
  }

  /** Ids of the backup whose record here is this device's own version (keep-mine skipped it, take-backup overwrote it). */
  private wasHere(id: string): boolean {
    return this.skipped.get('customers')!.has(id) || this.overwritten.get('customers')!.has(id);
  }

  private async merges(rows: MergeRow[]): Promise<void> {
    const add: MergeRow[] = [];
    for (const m of rows) {
      const local = this.localMerges.get(mergeKey(m));
      if (local !== undefined) {
        this.mergeIds.set(m.id!, local);
        continue;
      }
      if (m.status === 'merged') {
        // Sound to undo here only if its customers are the backup's alone.
        const ids = [m.golden, ...m.merged];
        const here = await this.t.customers.bulkGet(m.merged);
        if (ids.some((id) => this.wasHere(id)) || here.some((c) => c !== undefined)) {
          this.result.journals.skipped++;
          continue;
        }
      }
      const id = m.id! + this.mergeOffset;
      this.mergeIds.set(m.id!, id);
      add.push({
        ...m,
        id,
        afterSeq: m.afterSeq + this.seqOffset,
        prev: { ...m.prev, chunks: m.prev.chunks.map((c) => ({ ...c, chunkId: c.chunkId + this.chunkOffset })) } // prettier-ignore
      });
    }
    if (add.length) await this.t.merges.bulkAdd(add);
    this.result.journals.merges += add.length;
  }

  private async fixes(rows: FixRow[]): Promise<void> {
    const add: FixRow[] = [];
    for (const f of rows) {
      if (this.localFixes.has(fixKey(f))) continue;
      const ok =
        !f.lines &&
        (f.table ?? 'customers') === 'customers' &&
        !f.prev.some((c) => this.skipped.get('customers')!.has(c.id));
      if (!ok) {
        this.result.journals.skipped++;
        continue;
      }
      add.push({ ...f, id: f.id! + this.fixOffset, afterSeq: f.afterSeq + this.seqOffset });
    }
    if (add.length) await this.t.fixes.bulkAdd(add);
    this.result.journals.fixes += add.length;
  }

  /** After the merges: the aliases and answers of the merges here, under their ids here. */
  private async flushJournals(): Promise<void> {
    if (this.journalsDone) return;
    this.journalsDone = true;
    const aliases = this.heldAliases
      .filter((a) => this.mergeIds.has(a.mergeId))
      .map((a) => ({ ...a, mergeId: this.mergeIds.get(a.mergeId)! }));
    const have = await this.t.aliases.bulkGet(aliases.map((a) => a.aliasId));
    const add = aliases.filter((_, i) => have[i] === undefined);
    if (add.length) await this.t.aliases.bulkAdd(add);
    this.result.journals.aliases += add.length;
    // A merge's answers: under its id here, or plain answers when it was not brought.
    await this.feedback(
      this.heldFeedback.map(({ mergeId, ...f }) => {
        const id = this.mergeIds.get(mergeId as number);
        return id === undefined ? f : { ...f, mergeId: id };
      })
    );
    this.heldAliases = [];
    this.heldFeedback = [];
  }

  private async feedback(rows: Row[]): Promise<void> {
    const key = (f: Row) => {
      const { id: _id, ...rest } = f;
      return Array.from(encode(rest)).join(',');
    };
    this.feedbackSeen ??= new Set((await this.t.feedback.toArray()).map((f) => key(f as Row)));
    const fresh: Row[] = [];
    for (const f of rows) {
      const k = key(f);
      if (this.feedbackSeen.has(k)) continue;
      this.feedbackSeen.add(k);
      const { id: _id, ...rest } = f;
      fresh.push(rest);
    }
    if (fresh.length) await this.t.feedback.bulkAdd(fresh as never[]);
    this.result.feedback += fresh.length;
  }

  async finish(): Promise<void> {
    await this.flushJournals();
    await this.supersede();
    // Imports both sides have that brought no line: nothing to list.
    for (const id of this.shared) {
      if ((this.aliveOf.get(id) ?? 0) > 0) continue;
      const chunks = (await this.t.orderChunks.where('batchId').equals(id).primaryKeys()) as number[]; // prettier-ignore
      await this.t.orderChunks.bulkDelete(chunks);
      await this.t.chunkOrders.bulkDelete(chunks);
      await this.t.productNames.delete(id);
      await this.t.undoLogs.delete(id);
      await this.t.batches.delete(id);
      this.lost.delete(id);
      this.result.batches = this.result.batches.filter((b) => b !== id);
    }
    for (const [id, n] of this.lost) {
      const b = await this.t.batches.get(id);
      if (b) await this.t.batches.update(id, { linesAlive: Math.max(0, b.linesAlive - n) });
    }
    const fresh = this.stats.result();
    await refreshStats(this.t, this.customers, new Map(), {
      fresh,
      chunksOf: (id) => fresh.get(id)?.chunkIds ?? []
    });
  }
}
