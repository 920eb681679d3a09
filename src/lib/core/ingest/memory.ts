// Read an export through the app's own import pipeline (encodings, sniffing, mapping, row
// errors) into memory instead of the database: the CLI, the bench and tests use this, so they
// see exactly the entities the app would store.
import type { Customer, EntityKind, Interaction, OrderLine, Product, Relationship } from '../types';
import { runImport, type ImportReport, type RunImportOptions } from './import';
import type { ImportSink, NewCustomer, NewInteraction, NewProduct, NewRelationship } from './sink';

export interface MemoryImport {
  customers: Customer[];
  orders: OrderLine[];
  products: Product[];
  interactions: Interaction[];
  relationships: Relationship[];
  report: ImportReport;
}

/** A sink that keeps every row it is given (later rows with the same id replace earlier ones). */
export class MemorySink implements ImportSink {
  readonly customersById = new Map<string, Customer>();
  readonly productsById = new Map<string, Product>();
  readonly interactionsById = new Map<string, Interaction>();
  readonly relationshipsById = new Map<string, Relationship>();
  readonly orderLines: OrderLine[] = [];

  constructor(private readonly batchId = 0) {}

  async customers(rows: NewCustomer[]): Promise<void> {
    for (const r of rows)
      this.customersById.set(r.id, { ...r, batchId: this.batchId, updatedAt: this.batchId });
  }
  async orders(rows: OrderLine[]): Promise<void> {
    for (const r of rows) this.orderLines.push(r);
  }
  async products(rows: NewProduct[]): Promise<void> {
    for (const r of rows)
      this.productsById.set(r.id, { ...r, batchId: this.batchId, updatedAt: this.batchId });
  }
  async interactions(rows: NewInteraction[]): Promise<void> {
    for (const r of rows) this.interactionsById.set(r.id, { ...r, batchId: this.batchId });
  }
  async relationships(rows: NewRelationship[]): Promise<void> {
    for (const r of rows) this.relationshipsById.set(r.id, { ...r, batchId: this.batchId });
  }
}

export type ReadOptions = Omit<RunImportOptions, 'sink' | 'kind' | 'channel'> & {
  kind: EntityKind;
  channel?: string;
};

/** Stream one file through `runImport` into memory. Whole-file problems throw ImportError. */
export async function readExport(
  input: AsyncIterable<Uint8Array>,
  opts: ReadOptions
): Promise<MemoryImport> {
  const sink = new MemorySink();
  const report = await runImport(input, { channel: 'shop', ...opts, sink });
  return {
    customers: [...sink.customersById.values()],
    orders: sink.orderLines,
    products: [...sink.productsById.values()],
    interactions: [...sink.interactionsById.values()],
    relationships: [...sink.relationshipsById.values()],
    report
  };
}
