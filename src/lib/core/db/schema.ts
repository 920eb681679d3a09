// The Dexie database: versioned schema and the v1 -> v2 migration.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Customer, Interaction, Product, Relationship } from '../types';
import type { AliasRow, MergeRow } from './merges';
import type { FixRow } from './fixes';
import { aliasesOfMerges } from './aliases';
import { encodeChunks } from './chunks';
import { computeStats } from './stats';
import { toShards } from './statsStore';
import type {
  BatchRow,
  ChunkOrders,
  CustomerStats,
  FeedbackRow,
  ModelDataRow,
  ModelRow,
  ModelScoreRow,
  ModelVersionRow,
  OrderChunk,
  ProductNames,
  ScoreRow,
  SettingRow,
  StatsShard,
  SourceRow,
  UndoLog,
  V1BatchRow,
  V1OrderRow
} from './rows';

/** What Dexie needs outside a browser (fake-indexeddb in Node). */
export interface IdbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** The tables of the current schema. */
export type Tables = Pick<
  RapportDb,
  | 'customers'
  | 'products'
  | 'interactions'
  | 'relationships'
  | 'orderChunks'
  | 'chunkOrders'
  | 'statsShards'
  | 'productNames'
  | 'sources'
  | 'batches'
  | 'undoLogs'
  | 'modelVersions'
  | 'modelData'
  | 'modelScores'
  | 'feedback'
  | 'settings'
  | 'merges'
  | 'fixes'
  | 'aliases'
>;

/** Schema v1: the first release, one IndexedDB row per order line. */
export const SCHEMA_V1 = {
  customers: 'id, batchId',
  orders: '++id, orderId, customerId, batchId',
  batches: '++id, status'
};

/** Schema v2: order lines in columnar chunks, stats, undo logs, reserved tables. */
export const SCHEMA_V2 = {
  customers: 'id, batchId',
  orders: null,
  products: 'id, batchId',
  interactions: 'id, customerId, ts, batchId',
  relationships: 'id, from, to, batchId',
  orderChunks: '++id, batchId',
  chunkOrders: 'id, batchId',
  customerStats: 'customerId',
  sources: '[source+kind], source',
  batches: '++id, status',
  undoLogs: 'batchId',
  models: 'id',
  scores: '[modelId+customerId], customerId',
  feedback: '++id, customerId, ts',
  settings: 'key'
};

/** Schema v3: per-customer stats in STATS_SHARDS shard records; product names per batch. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  customerStats: null,
  statsShards: 'shard',
  productNames: 'batchId'
};

/**
 * Schema v4 (current): the model registry of every family. Versions without weights (listing
 * them loads no weights), weights and reports apart, scores keyed by entity kind and id.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  models: null,
  scores: null,
  modelVersions: 'id, family, [family+active]',
  modelData: 'id',
  modelScores: '[modelId+entityKind+entityId+item], modelId, entityId'
};

/** Schema v5: the journals of customer merges and of data-quality fixes, each undoable. */
export const SCHEMA_V5 = { ...SCHEMA_V4, merges: '++id, status', fixes: '++id, status' };

/**
 * Schema v6 (current): aliases, one per customer id merged away into a golden record (written
 * with the merge, removed by its undo), so a re-import of a file carrying the old id updates the
 * golden record instead of recreating the duplicate.
 */
export const SCHEMA_V6 = { ...SCHEMA_V5, aliases: 'aliasId, goldenId, mergeId' };

/** The current schema. */
export const SCHEMA = SCHEMA_V6;

/** Declare schema v1 on a bare Dexie (tests build v1 databases with it). */
export function declareV1(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
}

export class RapportDb extends Dexie {
  customers!: Table<Customer, string>;
  products!: Table<Product, string>;
  interactions!: Table<Interaction, string>;
  relationships!: Table<Relationship, string>;
  orderChunks!: Table<OrderChunk, number>;
  chunkOrders!: Table<ChunkOrders, number>;
  statsShards!: Table<StatsShard, number>;
  productNames!: Table<ProductNames, number>;
  sources!: Table<SourceRow, [string, string]>;
  batches!: Table<BatchRow, number>;
  undoLogs!: Table<UndoLog, number>;
  modelVersions!: Table<ModelVersionRow, string>;
  modelData!: Table<ModelDataRow, string>;
  modelScores!: Table<ModelScoreRow, [string, string, string, string]>;
  feedback!: Table<FeedbackRow, number>;
  settings!: Table<SettingRow, string>;
  merges!: Table<MergeRow, number>;
  fixes!: Table<FixRow, number>;
  aliases!: Table<AliasRow, string>;

  constructor(name: string, deps?: IdbDeps) {
    super(name, deps);
    declareV1(this);
    this.version(2).stores(SCHEMA_V2).upgrade(migrateV1toV2);
    this.version(3).stores(SCHEMA_V3).upgrade(migrateV2toV3);
    this.version(4).stores(SCHEMA_V4).upgrade(migrateV3toV4);
    this.version(5).stores(SCHEMA_V5);
    this.version(6).stores(SCHEMA_V6).upgrade(migrateV5toV6);
  }
}

/**
 * The transaction's own tables. Code inside a transaction uses these rather than `db.xxx`:
 * a table bound to the transaction cannot fall out of it when Dexie's zone tracking loses
 * track of a native `await` (which surfaces as PrematureCommitError).
 */
export function bound(tx: Transaction): Tables {
  const t = {};
  for (const [name, spec] of Object.entries(SCHEMA)) {
    if (spec === null) continue;
    // Lazy: a transaction only holds the tables it was opened on.
    Object.defineProperty(t, name, { get: () => tx.table(name) });
  }
  return t as Tables;
}

/** v5 -> v6: the merges in force get their aliases (each merged-away id -> its golden id). */
async function migrateV5toV6(tx: Transaction): Promise<void> {
  const merges = (await tx.table('merges').toArray()) as MergeRow[];
  await tx.table('aliases').bulkPut(aliasesOfMerges(merges));
}

/**
 * v3 -> v4: each v3 model record becomes a version row plus a data row; its per-customer scores
 * become customer scores (value = churn risk or lifetime value, the rest as detail). v3 kept the
 * family's evaluation in `extra`, a shape the current results views do not read: it is kept as
 * `legacyReport`, and the pages offer to retrain.
 */
async function migrateV3toV4(tx: Transaction): Promise<void> {
  const models = (await tx.table('models').toArray()) as ModelRow[];
  const versions: ModelVersionRow[] = [];
  const data: ModelDataRow[] = [];
  for (const m of models) {
    const saved = (m.model ?? {}) as Record<string, unknown>;
    versions.push({
      id: m.id,
      family: String(m.family),
      version: Number(m.version),
      active: m.active ? 1 : 0,
      kind: saved.kind,
      createdAt: saved.createdAt ?? m.savedAt,
      savedAt: m.savedAt,
      metrics: saved.metrics ?? {},
      trainingMs: saved.trainingMs ?? 0,
      backend: saved.backend ?? 'plain',
      snapshotDate: saved.snapshotDate ?? 0,
      options: {},
      dataStamp: '',
      entity: 'customer',
      scoreCount: 0,
      legacy: true
    });
    data.push({ id: m.id, saved, report: null, legacyReport: m.extra ?? null });
  }
  const scores = (await tx.table('scores').toArray()) as ScoreRow[];
  const out: ModelScoreRow[] = scores.map((s) => {
    const { modelId, customerId, kind, risk, clv, ...rest } = s;
    const value = kind === 'clv' ? Number(clv) : Number(risk);
    return {
      modelId,
      entityKind: 'customer',
      entityId: customerId,
      item: '',
      value: Number.isFinite(value) ? value : 0,
      detail: { ...rest, ...(kind === 'clv' ? { clv } : {}) }
    };
  });
  const counts = new Map<string, number>();
  for (const s of out) counts.set(s.modelId, (counts.get(s.modelId) ?? 0) + 1);
  for (const v of versions) v.scoreCount = counts.get(v.id) ?? 0;
  await tx.table('modelVersions').bulkPut(versions);
  await tx.table('modelData').bulkPut(data);
  await tx.table('modelScores').bulkPut(out);
}

/** v2 -> v3: stats rows, one per customer, are grouped into shard records. */
async function migrateV2toV3(tx: Transaction): Promise<void> {
  const stats = (await tx.table('customerStats').toArray()) as CustomerStats[];
  await tx.table('statsShards').bulkPut(toShards(stats));
}

/** v1 -> v2: order rows become chunks per batch (insertion order kept), stats are computed. */
async function migrateV1toV2(tx: Transaction): Promise<void> {
  const rows = (await tx.table('orders').toArray()) as V1OrderRow[];
  const oldBatches = (await tx.table('batches').toArray()) as V1BatchRow[];
  const byBatch = new Map<number, V1OrderRow[]>();
  for (const r of rows) {
    let list = byBatch.get(r.batchId);
    if (!list) byBatch.set(r.batchId, (list = []));
    list.push(r);
  }
  const known = new Set(oldBatches.map((b) => b.id));
  const batches: BatchRow[] = oldBatches.map((b) => ({
    id: b.id,
    source: b.source,
    fileName: b.fileName,
    kind: b.kind,
    channel: b.channel,
    mapping: {},
    startedAt: b.startedAt,
    touchedAt: b.startedAt,
    finishedAt: b.startedAt,
    status: 'committed',
    rowsRead: b.rowsStored + b.rowsRejected,
    rowsStored: b.rowsStored,
    rowsRejected: b.rowsRejected,
    errorsSample: 0,
    linesAlive: byBatch.get(b.id!)?.length ?? 0,
    orderKeys: new Set(byBatch.get(b.id!)?.map((r) => r.orderId)).size,
    undoable: false
  }));
  // Order rows whose batch row is missing stay visible under a synthetic migrated batch.
  for (const [id, list] of byBatch) {
    if (known.has(id)) continue;
    batches.push({
      id,
      source: 'migrated',
      fileName: '',
      kind: 'orders',
      channel: list[0].channel,
      mapping: {},
      startedAt: 0,
      touchedAt: 0,
      finishedAt: 0,
      status: 'committed',
      rowsRead: list.length,
      rowsStored: list.length,
      rowsRejected: 0,
      errorsSample: 0,
      linesAlive: list.length,
      orderKeys: new Set(list.map((r) => r.orderId)).size,
      undoable: false
    });
  }
  await tx.table('batches').bulkPut(batches);
  const chunks: OrderChunk[] = [];
  for (const id of [...byBatch.keys()].sort((a, b) => a - b)) {
    for (const c of encodeChunks(byBatch.get(id)!, id)) chunks.push(c);
  }
  if (chunks.length > 0) {
    const ids = (await tx.table('orderChunks').bulkAdd(chunks, { allKeys: true })) as number[];
    chunks.forEach((c, i) => (c.id = ids[i]));
    await tx
      .table('chunkOrders')
      .bulkAdd(chunks.map((c) => ({ id: c.id!, batchId: c.batchId, orders: c.orderDict })));
  }
  const stats = [...computeStats(chunks).values()];
  await tx.table('customerStats').bulkPut(stats);
  // v1 had no stubs: customers known only from orders get one now.
  const ids = stats.map((s) => s.customerId);
  const have = await tx.table('customers').bulkGet(ids);
  const channel = new Map(batches.map((b) => [b.id, b.channel]));
  const stubs: Customer[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (have[i]) continue;
    const first = chunks.find((c) => c.id === stats[i].chunkIds[0])!;
    stubs.push({
      id: ids[i],
      channel: channel.get(first.batchId) ?? '',
      attributes: {},
      batchId: first.batchId,
      updatedAt: first.ts[0] ?? 0
    });
  }
  await tx.table('customers').bulkAdd(stubs);
}
