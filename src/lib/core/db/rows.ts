// Row shapes of the tables in the Rapport database (schema v2). Pure types.
import type { Channel, Customer, EntityKind, Interaction, Product, Relationship } from '../types';

/** Dictionary codes of a chunk column: 16-bit when the dictionary has at most 65,536 entries. */
export type Codes = Uint16Array | Uint32Array;

/** Most order lines one chunk record holds. */
export const CHUNK_SIZE = 20_000;

/**
 * Order lines stored column-wise: one IndexedDB record per chunk of up to CHUNK_SIZE lines.
 * Strings are dictionary-encoded per chunk (`xxxIdx[row]` indexes `xxxDict`); numbers live in
 * typed arrays of exactly `n` elements so tfjs can wrap them without copying.
 * A row counts only when `alive[row] === 1` and the chunk's batch is committed.
 */
export interface OrderChunk {
  id?: number;
  batchId: number;
  n: number;
  orderIdx: Codes;
  orderDict: string[];
  customerIdx: Codes;
  customerDict: string[];
  productIdx: Codes;
  productDict: string[];
  /** Present when some line carries a product name; entry 0 is '' (no name). */
  productNameIdx?: Codes;
  /**
   * The names `productNameIdx` points into. Absent in storage when `sharedNames` is set: the
   * batch's ProductNames record holds them, and readers (orders.ts) attach it after reading.
   */
  productNameDict?: string[];
  sharedNames?: true;
  channelIdx: Uint8Array;
  channelDict: string[];
  /** 16- or 32-bit integers when every quantity of the chunk fits, else doubles. */
  quantity: Float64Array | Int32Array | Int16Array;
  /**
   * Prices and timestamps, always readable in memory. In storage, a chunk may hold them as
   * dictionary codes instead (`priceIdx`/`priceDict`, `tsIdx`/`tsDict`: value = dict[idx[r]]):
   * chunks.ts `storedChunk` drops the decoded columns before a write, `expandChunk` (applied to
   * every chunk read) puts them back.
   */
  unitPrice: Float64Array;
  ts: Float64Array;
  priceIdx?: Uint16Array;
  priceDict?: Float64Array;
  tsIdx?: Uint16Array;
  tsDict?: Float64Array;
  cancelled: Uint8Array;
  alive: Uint8Array;
  /** Lines a quality fix marked, one bit per column (db/lineFixes.ts LINE_FLAG); absent: none. */
  flags?: Uint8Array;
}

/**
 * The order ids of one chunk, kept apart from it (same id): finding older lines of re-imported
 * orders reads only these strings, and a multi-entry index on the chunk would cost 3x on write.
 */
export interface ChunkOrders {
  id: number;
  batchId: number;
  orders: string[];
}

/** Per-customer order statistics over committed, alive lines. */
export interface CustomerStats {
  customerId: string;
  /** Distinct order ids among non-cancelled lines. */
  orders: number;
  /** All alive lines, cancelled and returns included. */
  lines: number;
  /** Net spend: sum of quantity * unitPrice over non-cancelled lines, minus returns (lines with
   * negative quantity, e.g. Online Retail's C-invoices). Cancelled lines with positive quantity
   * add nothing. */
  totalSpent: number;
  /** First and last line timestamps (any alive line). */
  firstTs: number;
  lastTs: number;
  /** Ids of the chunks holding this customer's alive lines, ascending. */
  chunkIds: number[];
  /**
   * Channel and batch of the customer's first stored line (v3). A customer known only from
   * order lines has no customer record: repos.ts shows it as a stub made from these.
   */
  channel?: string;
  batchId?: number;
}

/** Schema v3: the product names of one batch, shared by its chunks (`sharedNames`). */
export interface ProductNames {
  batchId: number;
  names: string[];
}

/** Schema v3: the stats of the customers whose ids hash to `shard` (see statsStore.ts). */
export interface StatsShard {
  shard: number;
  stats: CustomerStats[];
}

export type BatchStatus = 'pending' | 'committed' | 'undone';

export interface BatchRow {
  id?: number;
  source: string;
  fileName: string;
  kind: EntityKind;
  channel: Channel;
  mapping: Record<string, string>;
  startedAt: number;
  /**
   * Heartbeat of a pending import. Where Web Locks are missing, a pending batch idle too long is
   * a crash leftover (see open.ts).
   */
  touchedAt: number;
  /** Web Lock held by the importing tab or worker while the batch is pending (owners.ts). */
  owner?: string;
  /**
   * Position in commit order (1, 2, ...). Undo compares these, not ids: ids follow the order
   * imports started in. Batches committed before it existed count their id.
   */
  commitSeq?: number;
  finishedAt?: number;
  status: BatchStatus;
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  errorsSample: number;
  /** Order lines of this batch still alive (not superseded by a newer batch). */
  linesAlive: number;
  /** Distinct order ids among the batch's lines (sizes the supersession lookup). */
  orderKeys: number;
  /** False for batches migrated from schema v1 (no undo log was kept then). */
  undoable: boolean;
}

/** What a batch overwrote, so undoBatch can put it back. `prev: null` means "created". */
export interface UndoEntry<T> {
  id: string;
  prev: T | null;
}

export interface UndoLog {
  batchId: number;
  customers: UndoEntry<Customer>[];
  products: UndoEntry<Product>[];
  interactions: UndoEntry<Interaction>[];
  relationships: UndoEntry<Relationship>[];
  /** Order lines of older batches this batch marked not alive. */
  superseded: { chunkId: number; rows: Uint32Array }[];
}

/** Mapping memory: how the columns of a named source were mapped last time. */
export interface SourceRow {
  source: string;
  kind: EntityKind;
  channel: Channel;
  mapping: Record<string, string>;
  updatedAt: number;
  uses: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** Schema v3's model registry rows (read by the v3 -> v4 migration only). */
export interface ModelRow {
  id: string;
  [k: string]: unknown;
}

/** Schema v3's score rows, one per (model, customer) (read by the v3 -> v4 migration only). */
export interface ScoreRow {
  modelId: string;
  customerId: string;
  [k: string]: unknown;
}

/** One trained version of a model family, without its weights (shape owned by models/registry). */
export interface ModelVersionRow {
  id: string;
  family: string;
  version: number;
  /** 1 for the family's active version (IndexedDB cannot index booleans). */
  active: 0 | 1;
  [k: string]: unknown;
}

/** A version's saved model (weights) and report, read only when that version is used. */
export interface ModelDataRow {
  id: string;
  [k: string]: unknown;
}

/** One score of one version for one entity (or pair: `item`, '' for single entities). */
export interface ModelScoreRow {
  modelId: string;
  entityKind: string;
  entityId: string;
  item: string;
  value: number;
  detail?: Record<string, unknown>;
}

/** Reserved: a user's accept/reject of a model output. */
export interface FeedbackRow {
  id?: number;
  customerId: string;
  ts: number;
  [k: string]: unknown;
}

/** Schema v1 (first release): one row per order line. Kept for the migration. */
export interface V1OrderRow {
  id?: number;
  batchId: number;
  orderId: string;
  customerId: string;
  productId: string;
  productName?: string;
  quantity: number;
  unitPrice: number;
  ts: number;
  channel: Channel;
  cancelled: boolean;
}

export interface V1BatchRow {
  id?: number;
  source: string;
  fileName: string;
  kind: EntityKind;
  channel: Channel;
  startedAt: number;
  status: 'committed';
  rowsStored: number;
  rowsRejected: number;
}
