// Domain types shared by every layer. Pure data: no Dexie, no DOM, no Svelte.
// Timestamps are epoch milliseconds (UTC) everywhere.

/** Where a record came from. Free text beyond the built-in ones: the user may name a channel. */
export type Channel = 'shop' | 'pos' | 'web' | 'social' | 'email' | (string & {});
export const BUILTIN_CHANNELS: readonly string[] = ['shop', 'pos', 'web', 'social', 'email'];

/** The kinds of CSV export Rapport understands. */
export type EntityKind = 'customers' | 'orders' | 'products' | 'interactions' | 'relationships';
export const ENTITY_KINDS: readonly EntityKind[] = [
  'customers',
  'orders',
  'products',
  'interactions',
  'relationships'
];

export type AttributeValue = string | number | boolean | null;

/** A customer. `id` is the customer id as the source export gives it (e.g. Telco `customerID`). */
export interface Customer {
  id: string;
  name?: string;
  email?: string;
  phone?: string;
  country?: string;
  city?: string;
  /** First time the customer was seen (signup date in the export, else first order). */
  createdAt?: number;
  channel: Channel;
  /** Any other mapped-but-unknown columns of a customer export (Telco: Contract, tenure, Churn...). */
  attributes: Record<string, AttributeValue>;
  /** Import batch that last wrote this record. */
  batchId: number;
  updatedAt: number;
}

/** One order line (invoice line) as parsed from CSV, before it is stored column-wise. */
export interface OrderLine {
  orderId: string;
  customerId: string;
  productId: string;
  /** Optional product description carried by invoice-line exports (Online Retail `Description`). */
  productName?: string;
  quantity: number;
  unitPrice: number;
  ts: number;
  channel: Channel;
  /** Cancelled or returned line (Online Retail invoices starting with C, negative quantities). */
  cancelled: boolean;
  /** Marked by a data-quality fix: one bit per column (core/db/lineFixes.ts LINE_FLAG). */
  flags?: number;
}

export interface Product {
  id: string;
  name?: string;
  category?: string;
  price?: number;
  attributes: Record<string, AttributeValue>;
  batchId: number;
  updatedAt: number;
}

/** A support message, ticket or call. */
export interface Interaction {
  /** Stable key: the source id when the export has one, else a hash of (customer, ts, text). */
  id: string;
  customerId: string;
  ts: number;
  channel: Channel;
  kind: string; // 'message' | 'ticket' | 'call' | ...
  text: string;
  label?: string;
  reply?: string;
  batchId: number;
}

/** A directed link between two customers: referral, social follow, shared household... */
export interface Relationship {
  /** `${from}->${to}:${kind}` so a re-import updates instead of duplicating. */
  id: string;
  from: string;
  to: string;
  kind: string;
  weight: number;
  ts?: number;
  batchId: number;
}

/** A problem with one cell or row of an input file. Never fatal to the import as a whole. */
export interface RowError {
  file: string;
  /** 1-based line number in the file as a spreadsheet shows it (header is row 1). */
  row: number;
  /** Column header as written in the file, or '' when the problem concerns the whole row. */
  column: string;
  /**
   * What is wrong, as a code with its parameters (no sentence: pages say it in the user's
   * language through `import.rowError.<code>` of the i18n catalogue, the CLI in English; see
   * rowErrorText in src/lib/i18n/rowErrors.ts).
   */
  code: RowErrorCode;
  params?: Record<string, string | number>;
  /** A warning: the value was ignored and the row kept (an optional column). */
  kept?: true;
  /** The raw value that failed, when there is one. */
  value?: string;
}

/** Every kind of row problem (each has `import.rowError.<code>` in en and zh). */
export const ROW_ERROR_CODES = [
  /** The row has {fields} fields where the header has {columns}. */
  'fieldCount',
  /** The same, with non-empty extra fields: an unquoted delimiter inside a value? */
  'fieldCountExtra',
  /** A quoted field never closes. */
  'unclosedQuote',
  /** Bytes the file's {encoding} cannot read. */
  'unreadable',
  /** An order line without a customer id. */
  'orderNoCustomer',
  /** A required value ({field} of {kind}) is empty. */
  'empty',
  'dateEmpty',
  'dateInvalid',
  /** A one- or two-digit year: the century is unknown. */
  'dateTwoDigitYear',
  /** Outside {from} to {to}. */
  'dateRange',
  'numberEmpty',
  'notANumber',
  /** Text tables (inbox, FAQ): a row broken across lines that could not be joined. */
  'brokenRow',
  /** Text tables: more fields than the header; the text needs quoting. */
  'needsQuotes',
  /** Text tables: the file ends inside a broken row. */
  'endsInBrokenRow'
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** Progress of any long task (import, training, scoring). */
export interface Progress {
  phase: string;
  done: number;
  total?: number;
  /** Rows (or items) per second, when meaningful. */
  rate?: number;
  message?: string;
}
