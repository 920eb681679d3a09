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
  /**
   * Optional fast path for order lines, taken by runImport when present: each line's values go
   * straight into the sink's column builder as the record is split, with no OrderLine object
   * and no batch array in between (those were most of a large import's garbage collection).
   */
  orderColumns?(): OrderColumns;
}

/** Order lines one call each (see ImportSink.orderColumns). */
export interface OrderColumns {
  /** Adds one line, synchronously. */
  line(
    orderId: string,
    customerId: string,
    productId: string,
    productName: string | undefined,
    quantity: number,
    unitPrice: number,
    ts: number,
    channel: string,
    cancelled: boolean,
    /**
     * Optional: a number ≥ 0 that is the same for equal product codes and differs between
     * different ones for the whole import (the line reader's interner index), so that the sink
     * need not hash the code again; -1 or omitted: unknown. With a key, the product name is a
     * string of its own (not a slice of a larger text): the sink may keep it for the import.
     */
    productKey?: number
  ): void;
  /**
   * Optional: adds a line whose order, customer, timestamp and channel are those of the line
   * added just before it (lines of one order come in runs), so that the sink need not code them
   * again. The import's line scanner knows this from the bytes.
   */
  repeat?(
    productId: string,
    productName: string | undefined,
    quantity: number,
    unitPrice: number,
    cancelled: boolean,
    productKey?: number
  ): void;
  /** Waits until the sink can take more (its writes in flight); throws a failed write's error. */
  settle(): Promise<void>;
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
