// Data-in handlers: counts, the sample shop, CSV preview/import, import history and undo, and
// the parse-only path the browser bench compares imports against.
import { errorMessage } from '../../core/errors';
import {
  beginImport,
  clearAll,
  customerCount,
  getMapping,
  listBatches,
  orderCount,
  saveMapping,
  undoBatch,
  type BatchInfo
} from '../../core/db';
import {
  decodeStream,
  detectEncoding,
  importFile,
  previewBytes,
  RecordReader,
  sniff,
  type ImportReport,
  type Preview
} from '../../core/ingest';
import { DEFAULT_BATCH } from '../../core/ingest/import';
import type { BeginImportOptions, ImportSink } from '../../core/ingest/sink';
import { generateSampleShop } from '../../core/sample';
import type { EntityKind } from '../../core/types';
import { dataChanged, getDb } from '../db';
import type { Handler, TaskContext } from '../protocol';

export interface DataCounts {
  customers: number;
  orderLines: number;
  products: number;
  interactions: number;
  relationships: number;
}

export interface ImportPreview extends Preview {
  /** Mapping remembered for (source, kind), when there is one; the page applies it. */
  remembered: Record<string, string> | null;
  rememberedChannel: string | null;
  size: number;
}

export interface ImportRunArgs {
  file: Blob;
  /** Needed when `file` is a plain Blob (bench); a File's own name otherwise. */
  fileName?: string;
  source: string;
  kind: EntityKind;
  channel: string;
  /** Omitted: the automatic mapping of the file's header. */
  mapping?: Record<string, string>;
}

export interface ImportRunResult extends ImportReport {
  fileName: string;
  ms: number;
}

export interface ParseResult {
  rows: number;
  ms: number;
  rowsPerS: number;
}

export interface DataHandlers {
  'data.counts': Handler<undefined, DataCounts>;
  'data.loadSample': Handler<{ customers?: number } | undefined, DataCounts>;
  'data.clearAll': Handler<undefined, DataCounts>;
  'import.preview': Handler<{ file: Blob; source?: string; kind?: EntityKind }, ImportPreview>;
  'import.run': Handler<ImportRunArgs, ImportRunResult>;
  'import.history': Handler<undefined, BatchInfo[]>;
  'import.undo': Handler<{ batchId: number }, BatchInfo[]>;
  /** Decode and split records only: the floor an import is measured against. */
  'import.parseOnly': Handler<{ file: Blob }, ParseResult>;
  /** The same with PapaParse (loaded on demand): the yardstick issue #2 names. */
  'import.parsePapa': Handler<{ file: Blob }, ParseResult>;
}

export const SAMPLE_SOURCE = 'Sample shop';
const PREVIEW_BYTES = 64 * 1024;
const SINK_BATCH = 2_000;

async function counts(): Promise<DataCounts> {
  const db = getDb();
  const [customers, orderLines, products, interactions, relationships] = await Promise.all([
    customerCount(db),
    orderCount(db),
    db.products.count(),
    db.interactions.count(),
    db.relationships.count()
  ]);
  return { customers, orderLines, products, interactions, relationships };
}

/** A Blob as an async iterable of byte chunks (reader loop: not every engine iterates streams). */
async function* blobChunks(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const nameOf = (file: Blob, fallback = 'file.csv') => (file as Partial<File>).name ?? fallback;

async function loadSample(args: { customers?: number } | undefined, ctx: TaskContext) {
  const total = 6;
  ctx.progress({ done: 0, total, message: 'generating' });
  const shop = generateSampleShop({ customers: args?.customers ?? 2000 });
  const db = getDb();
  // Customers and products first so the orders, messages and links find them (no stubs).
  const parts: [EntityKind, (s: ImportSink) => Promise<void>, number][] = [
    ['customers', (s) => s.customers(shop.customers), shop.customers.length],
    ['products', (s) => s.products(shop.products), shop.products.length],
    ['orders', (s) => s.orders(shop.orders), shop.orders.length],
    ['interactions', (s) => s.interactions(shop.interactions), shop.interactions.length],
    ['relationships', (s) => s.relationships(shop.relationships), shop.relationships.length]
  ];
  ctx.progress({ done: 1, total, message: 'customers' });
  for (let i = 0; i < parts.length; i++) {
    ctx.signal.throwIfAborted();
    const [kind, write, n] = parts[i];
    const session = await beginImport(db, {
      source: SAMPLE_SOURCE,
      fileName: `sample-${kind}.csv`,
      kind,
      channel: 'shop',
      mapping: {}
    });
    try {
      await write(session);
      ctx.signal.throwIfAborted();
      await session.commit({ rowsRead: n, rowsStored: n, rowsRejected: 0, errorsSample: 0 });
    } catch (e) {
      await session.abort(errorMessage(e)).catch(() => {});
      throw e;
    } finally {
      dataChanged();
    }
    ctx.progress({ done: i + 2, total, message: parts[i + 1]?.[0] ?? 'done' });
  }
  return counts();
}

async function preview(args: { file: Blob; source?: string; kind?: EntityKind }) {
  const { file } = args;
  const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const p = previewBytes(head, args.kind, file.size <= PREVIEW_BYTES);
  const source = args.source ?? nameOf(file);
  const mem = p.kind ? await getMapping(getDb(), source, p.kind) : undefined;
  // A remembered mapping only helps when its columns are still in the file.
  const usable =
    mem && Object.values(mem.mapping).every((h) => !h || p.headers.includes(h)) ? mem : undefined;
  return {
    ...p,
    remembered: usable ? { ...usable.mapping } : null,
    rememberedChannel: usable ? usable.channel : null,
    size: file.size
  } satisfies ImportPreview;
}

async function run(args: ImportRunArgs, ctx: TaskContext): Promise<ImportRunResult> {
  const { file, kind, channel } = args;
  const fileName = args.fileName ?? nameOf(file);
  const t0 = performance.now();
  let mapping = args.mapping;
  if (!mapping) {
    const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
    mapping = previewBytes(head, kind, file.size <= PREVIEW_BYTES).mapping;
  }
  const db = getDb();
  let report: ImportReport;
  try {
    report = await importFile(
      blobChunks(file),
      {
        fileName,
        source: args.source,
        kind,
        channel,
        mapping,
        signal: ctx.signal,
        totalBytes: file.size,
        // Profile on the usual 20,000 rows but hand the sink smaller batches: rows then die
        // young (a third of a 1M-line import was GC with 20,000-row batches).
        batchSize: SINK_BATCH,
        profileRows: DEFAULT_BATCH,
        onProgress: (p) => ctx.progress({ done: p.done, total: p.total ?? 0, message: p.phase })
      },
      (o: BeginImportOptions) => beginImport(db, o)
    );
  } finally {
    dataChanged();
  }
  await saveMapping(db, args.source, kind, report.mapping, channel);
  return { ...report, fileName, ms: performance.now() - t0 };
}

async function parseOnly(args: { file: Blob }): Promise<ParseResult> {
  const t0 = performance.now();
  const head = new Uint8Array(await args.file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const encoding = detectEncoding(head);
  const text = new TextDecoder(encoding).decode(head);
  const reader = new RecordReader(sniff(text, args.file.size <= PREVIEW_BYTES).delimiter);
  let rows = 0;
  let out: { row: number; fields: string[] }[] = [];
  for await (const chunk of decodeStream(blobChunks(args.file), encoding)) {
    out = [];
    reader.push(chunk, out);
    rows += out.length;
  }
  rows += reader.end([]).length;
  const ms = performance.now() - t0;
  // The header is not a data row.
  rows = Math.max(0, rows - 1);
  return { rows, ms, rowsPerS: Math.round(rows / (ms / 1000)) };
}

async function parsePapa(args: { file: Blob }): Promise<ParseResult> {
  const t0 = performance.now();
  const { default: Papa } = await import('papaparse');
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(args.file as File, {
      chunkSize: 1 << 20,
      skipEmptyLines: true,
      chunk: (r) => void (rows += r.data.length),
      complete: () => resolve(),
      error: (e) => reject(e)
    });
  });
  const ms = performance.now() - t0;
  rows = Math.max(0, rows - 1);
  return { rows, ms, rowsPerS: Math.round(rows / (ms / 1000)) };
}

export const dataHandlers: DataHandlers = {
  'data.counts': () => counts(),
  'data.loadSample': loadSample,
  'data.clearAll': async () => {
    await clearAll(getDb());
    dataChanged();
    return counts();
  },
  'import.preview': preview,
  'import.run': run,
  'import.history': () => listBatches(getDb()),
  'import.undo': async ({ batchId }) => {
    try {
      await undoBatch(getDb(), batchId);
    } finally {
      dataChanged();
    }
    return listBatches(getDb());
  },
  'import.parseOnly': parseOnly,
  'import.parsePapa': parsePapa
};
