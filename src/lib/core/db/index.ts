// Public API of the database layer. Nothing outside core/db touches Dexie directly.
export {
  RapportDb,
  declareV1,
  SCHEMA,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  type IdbDeps
} from './schema';
export { STATS_SHARDS, shardOf } from './statsStore';
export { openDb, cleanupPending, startupCleanup, PENDING_STALE_MS, type OpenOptions } from './open';
export { beginImport, type SessionOptions } from './session';
export { listBatches, undoBatch, type BatchInfo } from './batches';
export {
  mergeCustomers,
  undoMerge,
  listMerges,
  mergedGroups,
  type AliasRow,
  importedCustomerIds,
  goldenRecord,
  recordAnswers,
  listAnswers,
  type MatchAnswer,
  type MergeInfo,
  type MergeRequest,
  type Survivorship
} from './merges';
export { resolveAliases, aliasOf } from './aliases';
export { applyLineFix, LINE_COLUMNS, LINE_FLAG, type LineColumn } from './lineFixes';
export { applyFix, undoFix, listFixes, planFix, type FixAction, type FixInfo } from './fixes';
export { activeBatchesOf, removeSource } from './source';
export { saveMapping, getMapping, listSources } from './mappings';
export { scanOrders, allOrders, ordersOfCustomer, orderCount } from './orders';
export {
  ChunkBuilder,
  encodeChunks,
  decodeChunk,
  expandChunk,
  storedChunk,
  lineAt
} from './chunks';
export { computeStats } from './stats';
export {
  buildDirectory,
  queryDirectory,
  withScores,
  type Directory,
  type DirectoryScores,
  type DirectoryQuery,
  type DirectoryRow,
  type DirectorySort
} from './directory';
export * from './repos';
export * from './rows';
