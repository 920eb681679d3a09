// The contract between parsing (ingest) and storage (db). Ingest pushes validated rows in
// batches; the db side stages them and makes them visible only on commit, so a cancelled or
// failed import leaves the database exactly as it was.
import type { Customer, EntityKind, Interaction, OrderLine, Product, Relationship } from '../types';

export type NewCustomer = Omit<Customer, 'batchId' | 'updatedAt'>;
export type NewProduct = Omit<Product, 'batchId' | 'updatedAt'>;
export type NewInteraction = Omit<Interaction, 'batchId'>;
export type NewRelationship = Omit<Relationship, 'batchId'>;

export interface ImportSink {
  customers(rows: NewCustomer[]): Promise<void>;
  orders(rows: OrderLine[]): Promise<void>;
  products(rows: NewProduct[]): Promise<void>;
  interactions(rows: NewInteraction[]): Promise<void>;
  relationships(rows: NewRelationship[]): Promise<void>;
}

export interface ImportSummary {
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** Up to the first 10,000 errors; `rowsRejected` has the full count. */
  errorsSample: number;
}

/** Opened by the db layer for one file; ingest writes to it, the caller commits or aborts. */
export interface ImportSession extends ImportSink {
  readonly batchId: number;
  commit(summary: ImportSummary): Promise<void>;
  abort(reason: string): Promise<void>;
  /** Milliseconds spent per storage phase so far (for the bench; optional). */
  timings?(): Record<string, number>;
}

export interface BeginImportOptions {
  /** Source name the user sees and mapping memory is keyed by, e.g. "Shopify customers". */
  source: string;
  fileName: string;
  kind: EntityKind;
  channel: string;
  /** Target field -> header in the file. */
  mapping: Record<string, string>;
}
