// Data-in handlers: counts, the sample shop, CSV preview/import, import history and undo, and
// the parse-only path the browser bench compares imports against.
import { errorMessage } from '../../core/errors';
import { blobBlocks } from '../../core/ingest/streams';
import {
  activeBatchesOf,
  beginImport,
  clearAll,
  customerCount,
  getMapping,
  listBatches,
  orderCount,
  removeSource,
  saveMapping,
  undoBatch,
  type BatchInfo
} from '../../core/db';
import {
  decodeStream,
  importFile,
  ImportError,
  previewBytes,
  RecordReader,
  type ImportReport,
  type Preview,
  type TextEncodingName
} from '../../core/ingest';
import type { ImportErrorCode } from '../../core/ingest/errors';
import { DEFAULT_BATCH } from '../../core/ingest/import';
import type { BeginImportOptions, ImportSink } from '../../core/ingest/sink';
import { generateSampleShop, SAMPLE_SOURCE, storeSampleShop } from '../../core/sample';
import type { EntityKind } from '../../core/types';
import { workerChunkWriter } from '../chunkWriter';
import { dataChanged, getDb } from '../db';
import type { Handler, TaskContext } from '../protocol';
import { WriteQueue, type QueueWait } from '../queue';

export interface DataCounts {
  customers: number;
  orderLines: number;
  products: number;
  interactions: number;
  relationships: number;
}

/** A whole-file problem, with what a page needs to say it in the user's language. */
export interface Refusal {
  /** The English message, prefixed with the file (and row): the fallback and the CLI's text. */
  message: string;
  code: ImportErrorCode;
  params: Record<string, string | number>;
  file: string;
  row?: number;
}

/** How the user asked for the file to be read (the file card's choices). */
export interface ReadChoices {
  /** Omitted: detected. */
  encoding?: TextEncodingName;
  /** Omitted: detected (a first row of numbers and dates is offered as data). */
  hasHeader?: boolean;
  /** Column names for a file without a header row. */
  columns?: string[];
}

export type ImportPreview =
  | (Preview & {
      /** Mapping remembered for (source, kind), when there is one; the page applies it. */
      remembered: Record<string, string> | null;
      rememberedChannel: string | null;
      size: number;
      refused: null;
    })
  | { refused: Refusal; size: number };

export interface ImportRunArgs extends ReadChoices {
  file: Blob;
  /** Needed when `file` is a plain Blob (bench); a File's own name otherwise. */
  fileName?: string;
  source: string;
  kind: EntityKind;
  channel: string;
  /** Omitted: the automatic mapping of the file's header. */
  mapping?: Record<string, string>;
}

export type ImportRunResult = ImportReport & {
  fileName: string;
  ms: number;
  /** Set when the file was refused as a whole (nothing stored; the counts are 0). */
  refused?: Refusal;
};

/** Progress `data` of an import waiting its turn (Progress.message 'queued'). */
export type ImportQueued = QueueWait;

export interface ParseResult {
  rows: number;
  ms: number;
  rowsPerS: number;
}

export interface DataHandlers {
  'data.counts': Handler<undefined, DataCounts>;
  'data.loadSample': Handler<{ customers?: number } | undefined, DataCounts>;
  'data.clearAll': Handler<undefined, DataCounts>;
  /** How many sample-shop imports are in effect (0: not loaded). */
  'data.sampleBatches': Handler<undefined, number>;
  /** Undo every sample-shop import in one action. */
  'data.removeSample': Handler<undefined, DataCounts>;
  'import.preview': Handler<
    { file: Blob; source?: string; kind?: EntityKind } & ReadChoices,
    ImportPreview
  >;
  'import.run': Handler<ImportRunArgs, ImportRunResult>;
  'import.history': Handler<undefined, BatchInfo[]>;
  'import.undo': Handler<{ batchId: number }, BatchInfo[]>;
  /** Decode and split records only: the floor an import is measured against. */
  'import.parseOnly': Handler<{ file: Blob }, ParseResult>;
  /** The same with PapaParse (loaded on demand): the yardstick issue #2 names. */
  'import.parsePapa': Handler<{ file: Blob }, ParseResult>;
}

const PREVIEW_BYTES = 64 * 1024;
const SINK_BATCH = 2_000;

/** Imports, the sample shop and clearing all data run one at a time (see queue.ts). */
const writes = new WriteQueue();

/** Run a whole-database write in its turn, telling the page while it waits. */
function inTurn<T>(ctx: TaskContext, work: () => Promise<T>): Promise<T> {
  return writes.run(work, {
    signal: ctx.signal,
    onWait: (w) => ctx.progress({ done: 0, total: 0, message: 'queued', data: w })
  });
}

function refusal(e: ImportError): Refusal {
  const r: Refusal = { message: e.message, code: e.code, params: e.params, file: e.file };
  if (e.row !== undefined) r.row = e.row;
  return r;
}

/** The first bytes of a file: the preview's and the run's own guess of the mapping. */
async function head(file: Blob): Promise<{ bytes: Uint8Array; whole: boolean }> {
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  return { bytes, whole: file.size <= PREVIEW_BYTES };
}

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

const nameOf = (file: Blob, fallback = 'file.csv') => (file as Partial<File>).name ?? fallback;

async function loadSample(args: { customers?: number } | undefined, ctx: TaskContext) {
  const total = 6;
  // Already loaded: loading again would only add five more history rows for the same shop.
  if ((await activeBatchesOf(getDb(), SAMPLE_SOURCE)).length) return counts();
  ctx.progress({ done: 0, total, message: 'generating' });
  const shop = generateSampleShop({ customers: args?.customers ?? 2000 });
  ctx.progress({ done: 1, total, message: 'customers' });
  try {
    await storeSampleShop(getDb(), shop, {
      signal: ctx.signal,
      onStored: (stored, next) => {
        dataChanged();
        ctx.progress({ done: stored + 1, total, message: next });
      }
    });
  } finally {
    dataChanged();
  }
  return counts();
}

async function preview(
  args: { file: Blob; source?: string; kind?: EntityKind } & ReadChoices
): Promise<ImportPreview> {
  const { file } = args;
  const h = await head(file);
  let p: Preview;
  try {
    p = previewBytes(h.bytes, {
      kind: args.kind,
      fileName: nameOf(file),
      encoding: args.encoding,
      hasHeader: args.hasHeader,
      columns: args.columns,
      wholeFile: h.whole
    });
  } catch (e) {
    if (e instanceof ImportError) return { refused: refusal(e), size: file.size };
    throw e;
  }
  const source = args.source ?? nameOf(file);
  const mem = p.kind ? await getMapping(getDb(), source, p.kind) : undefined;
  // A remembered mapping only helps when its columns are still in the file.
  const usable =
    mem && Object.values(mem.mapping).every((h) => !h || p.headers.includes(h)) ? mem : undefined;
  return {
    ...p,
    remembered: usable ? { ...usable.mapping } : null,
    rememberedChannel: usable ? usable.channel : null,
    size: file.size,
    refused: null
  };
}

async function run(args: ImportRunArgs, ctx: TaskContext): Promise<ImportRunResult> {
  const { file, kind, channel } = args;
  const fileName = args.fileName ?? nameOf(file);
  const choices = { encoding: args.encoding, hasHeader: args.hasHeader, columns: args.columns };
  return inTurn(ctx, async () => {
    const t0 = performance.now();
    const db = getDb();
    // Order chunks are written from a worker of their own (see chunkWriter.worker.ts).
    const writer = kind === 'orders' ? workerChunkWriter(db.name) : null;
    let writerWait = 0;
    let report: ImportReport;
    try {
      let mapping = args.mapping;
      if (!mapping) {
        const h = await head(file);
        mapping = previewBytes(h.bytes, { ...choices, kind, fileName, wholeFile: h.whole }).mapping;
      }
      report = await importFile(
        blobBlocks(file),
        {
          fileName,
          source: args.source,
          kind,
          channel,
          mapping,
          ...choices,
          signal: ctx.signal,
          totalBytes: file.size,
          // Profile on the usual 20,000 rows but hand the sink smaller batches: rows then die
          // young (a third of a 1M-line import was GC with 20,000-row batches).
          batchSize: SINK_BATCH,
          profileRows: DEFAULT_BATCH,
          onProgress: (p) => ctx.progress({ done: p.done, total: p.total ?? 0, message: p.phase })
        },
        async (o: BeginImportOptions) => {
          const t = performance.now();
          const w = (await writer) ?? undefined;
          writerWait = performance.now() - t;
          return beginImport(db, o, { writer: w });
        }
      );
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      const r = refusal(e);
      return {
        rowsRead: 0,
        rowsStored: 0,
        rowsRejected: 0,
        errors: [],
        encoding: 'utf-8',
        delimiter: ',',
        hasHeader: true,
        headers: [],
        mapping: {},
        fileName,
        ms: performance.now() - t0,
        refused: r
      } satisfies ImportRunResult;
    } finally {
      dataChanged();
    }
    await saveMapping(db, args.source, kind, report.mapping, channel);
    if (report.timings) report.timings.writer_start = writerWait;
    return { ...report, fileName, ms: performance.now() - t0 };
  });
}

async function parseOnly(args: { file: Blob }): Promise<ParseResult> {
  const t0 = performance.now();
  const h = await head(args.file);
  const p = previewBytes(h.bytes, { wholeFile: h.whole, hasHeader: true });
  const reader = new RecordReader(p.delimiter);
  let rows = 0;
  let out: { row: number; fields: string[] }[] = [];
  for await (const chunk of decodeStream(blobBlocks(args.file))) {
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
  'data.loadSample': (args, ctx) => inTurn(ctx, () => loadSample(args, ctx)),
  'data.clearAll': (_args, ctx) =>
    inTurn(ctx, async () => {
      await clearAll(getDb());
      dataChanged();
      return counts();
    }),
  'data.sampleBatches': async () => (await activeBatchesOf(getDb(), SAMPLE_SOURCE)).length,
  'data.removeSample': (_args, ctx) =>
    inTurn(ctx, async () => {
      try {
        await removeSource(getDb(), SAMPLE_SOURCE);
      } finally {
        dataChanged();
      }
      return counts();
    }),
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
