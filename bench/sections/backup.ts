// Backup and restore in Node (fake-indexeddb), on the sample shop (2,000 customers) and on a
// database holding the generated 1M-line orders file: time and size of a plain and an encrypted
// backup, time to verify, to restore (restoreStream: the app's streamed restore, one transaction)
// and to merge the backup into an empty database (mergeStream: the app's streamed merge, one
// transaction, the backup's import history brought in), and whether export -> wipe -> restore ->
// export gives identical content bytes (compared by SHA-256 so neither copy is held), and whether
// the merge brought every order line. Three rounds on the sample shop (median, min-max), one on
// the 1M-line database (it takes minutes on 2 cores).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { ensureOrdersCsv } from '../gen-orders';
import { beginImport, clearAll, openDb, orderCount, type RapportDb } from '../../src/lib/core/db';
import { importFile } from '../../src/lib/core/ingest';
import { previewBytes } from '../../src/lib/core/ingest';
import { generateSampleShop, storeSampleShop } from '../../src/lib/core/sample';
import { createBackup, readBackup } from '../../src/lib/core/privacy/backup';
import { mergeStream } from '../../src/lib/core/privacy/merge';
import { writePayload } from '../../src/lib/core/privacy/payload';
import { restoreStream } from '../../src/lib/core/privacy/restore';
import type { BenchSection, Metrics } from '../types';

const PASS = 'bench passphrase';
let seq = 0;
const newDb = () =>
  openDb(`bench-backup-${process.pid}-${++seq}`, { indexedDB, IDBKeyRange }, { locks: null });

/** Consume a stream: bytes and SHA-256, nothing kept. */
async function digest(src: AsyncIterable<Uint8Array>): Promise<{ bytes: number; sha: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const p of src) {
    h.update(p);
    bytes += p.length;
  }
  return { bytes, sha: h.digest('hex') };
}

async function collectParts(src: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const p of src) out.push(p);
  return out;
}

async function* replay(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

interface Round {
  plainMs: number;
  plainBytes: number;
  encMs: number;
  encBytes: number;
  verifyMs: number;
  restoreMs: number;
  mergeMs: number;
  identical: boolean;
  mergedAll: boolean;
  peakRssMb: number;
}

async function round(db: RapportDb): Promise<Round> {
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const before = await digest(writePayload(db));
    let t = performance.now();
    const plain = await digest(createBackup(db));
    const plainMs = performance.now() - t;
    t = performance.now();
    const enc = await collectParts(createBackup(db, { passphrase: PASS }));
    const encMs = performance.now() - t;
    const encBytes = enc.reduce((s, p) => s + p.length, 0);
    t = performance.now();
    await readBackup(replay(enc), { passphrase: PASS });
    const verifyMs = performance.now() - t;
    await clearAll(db);
    t = performance.now();
    await restoreStream(db, replay(enc), { passphrase: PASS });
    const restoreMs = performance.now() - t;
    const after = await digest(writePayload(db));
    const empty = newDb();
    t = performance.now();
    await mergeStream(empty, () => replay(enc), 'keep-mine', { passphrase: PASS });
    const mergeMs = performance.now() - t;
    const mergedAll = (await orderCount(empty)) === (await orderCount(db));
    empty.close();
    await indexedDB.deleteDatabase(empty.name);
    return {
      plainMs,
      plainBytes: plain.bytes,
      encMs,
      encBytes,
      verifyMs,
      restoreMs,
      mergeMs,
      identical: before.sha === after.sha,
      mergedAll,
      peakRssMb: Math.round(peak / 2 ** 20)
    };
  } finally {
    clearInterval(sample);
  }
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}`;

function report(prefix: string, rounds: Round[], out: Metrics): void {
  const m = (k: keyof Round) => rounds.map((r) => r[k] as number);
  for (const k of ['plainMs', 'encMs', 'verifyMs', 'restoreMs', 'mergeMs'] as const) {
    out[`${prefix}_${k}`] = Math.round(med(m(k)));
    if (rounds.length > 1) out[`${prefix}_${k}_range`] = spread(m(k));
  }
  out[`${prefix}_plain_kb`] = Math.round(rounds[0].plainBytes / 1024);
  out[`${prefix}_enc_kb`] = Math.round(rounds[0].encBytes / 1024);
  out[`${prefix}_identical`] = rounds.every((r) => r.identical) ? 'yes' : 'NO';
  out[`${prefix}_merge_all_lines`] = rounds.every((r) => r.mergedAll) ? 'yes' : 'NO';
  out[`${prefix}_peak_rss_mb`] = Math.max(...m('peakRssMb'));
  out[`${prefix}_rounds`] = rounds.length;
}

const section: BenchSection = {
  name: 'backup',
  order: 60,
  async run(ctx) {
    const out: Metrics = {};
    const db = newDb();
    await storeSampleShop(db, generateSampleShop({ customers: 2000 }));
    out.sample_order_lines = await orderCount(db);
    const rounds: Round[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push(await round(db));
      ctx.log(`sample round ${i + 1}: ${JSON.stringify(rounds[i])}`);
    }
    report('sample', rounds, out);
    db.close();

    if (process.env.BACKUP_BENCH_SKIP_1M) return out;
    const { path } = await ensureOrdersCsv();
    const big = newDb();
    const head = new Uint8Array(256 * 1024);
    const fh = createReadStream(path, { start: 0, end: head.length - 1 });
    let at = 0;
    for await (const c of fh) {
      head.set(c as Uint8Array, at);
      at += (c as Uint8Array).length;
    }
    const mapping = previewBytes(head.subarray(0, at), 'orders', false).mapping;
    let t = performance.now();
    await importFile(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      { fileName: 'online-retail-1m.csv', kind: 'orders', channel: 'shop', mapping },
      (o) => beginImport(big, o)
    );
    out.big_import_ms = Math.round(performance.now() - t);
    out.big_order_lines = await orderCount(big);
    ctx.log(`1M: imported ${out.big_order_lines} lines in ${out.big_import_ms} ms`);
    t = performance.now();
    const r = await round(big);
    ctx.log(`1M round: ${JSON.stringify(r)} (${Math.round(performance.now() - t)} ms)`);
    report('big', [r], out);
    big.close();
    return out;
  }
};
export default section;
