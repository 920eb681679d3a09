// Streaming restore and streaming backup: a database with many order chunks restores batch by
// batch inside one transaction (the decoder never holds more than a few chunks, counted, not
// timed), a damaged file anywhere rolls the whole restore back, and the backup generator yields
// bounded frames that a slow sink pulls one at a time.
import { beforeAll, describe, expect, it } from 'vitest';
import { beginImport, type RapportDb } from '../../../src/lib/core/db';
import { collect, bytesOf, createBackup, writeBackupTo } from '../../../src/lib/core/privacy/backup'; // prettier-ignore
import { BackupError } from '../../../src/lib/core/privacy/errors';
import { writePayload } from '../../../src/lib/core/privacy/payload';
import { heldCounter, previewStream, restoreStream } from '../../../src/lib/core/privacy/restore';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { dump, newDb } from '../db/helpers';
import { loadSampleInto } from '../models/helpers';
import type { OrderLine } from '../../../src/lib/core/types';

const PASS = 'streaming passphrase';
const CHUNK_LINES = 20;

async function manyChunks(tag: string): Promise<RapportDb> {
  const db = newDb(tag);
  await loadSampleInto(db, 200);
  const lines: OrderLine[] = [];
  for (let i = 0; i < 2_400; i++)
    lines.push({
      orderId: `S${i >> 1}`,
      customerId: `C${String(1 + (i % 200)).padStart(5, '0')}`,
      productId: `P${i % 37}`,
      quantity: 1 + (i % 3),
      unitPrice: 2.5 + (i % 11),
      ts: 1_700_000_000_000 + i * 3_600_000,
      channel: 'shop',
      cancelled: false
    });
  const s = await beginImport(
    db,
    { source: 'test', fileName: 'many.csv', kind: 'orders', channel: 'shop', mapping: {} },
    { chunkSize: CHUNK_LINES, locks: null }
  );
  await s.orders(lines);
  await s.commit({ rowsRead: lines.length, rowsStored: lines.length, rowsRejected: 0, errorsSample: 0 }); // prettier-ignore
  return db;
}

async function rejected(p: Promise<unknown>): Promise<BackupError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BackupError);
    return e as BackupError;
  }
  throw new Error('expected a BackupError');
}

describe('streaming restore', () => {
  let db: RapportDb;
  let before: Uint8Array;
  let file: Uint8Array;
  let chunks: number;
  beforeAll(async () => {
    db = await manyChunks('stream');
    before = await collect(writePayload(db));
    chunks = await db.orderChunks.count();
    file = await collect(createBackup(db, { passphrase: PASS, frameBytes: 8 * 1024 }));
  });

  it('restores a database of many order chunks holding at most K decoded chunks', async () => {
    expect(chunks).toBeGreaterThan(100);
    const other = newDb('stream-target');
    await loadSampleInto(other, 20);
    const counter = heldCounter();
    const K = 4;
    const summary = await restoreStream(other, chunked(file, 3_000), {
      passphrase: PASS,
      batchRows: K,
      counter
    });
    expect(summary.tables.orderChunks).toBe(chunks);
    expect(counter.maxHeld.orderChunks).toBeLessThanOrEqual(K);
    expect(counter.maxHeld.orderChunks).toBeGreaterThan(0);
    expect(counter.held.orderChunks).toBe(0);
    expect(await collect(writePayload(other))).toEqual(before);
  });

  it('bounds held chunks by bytes as well', async () => {
    const other = newDb('stream-bytes');
    const counter = heldCounter();
    const plain = await collect(createBackup(db, { frameBytes: 8 * 1024 }));
    await restoreStream(other, bytesOf(plain), { batchBytes: 1, counter });
    expect(counter.maxHeld.orderChunks).toBe(1);
    expect(await collect(writePayload(other))).toEqual(before);
  });

  it('a tampered frame near the end rolls the whole restore back', async () => {
    const other = newDb('stream-tamper');
    await loadSampleInto(other, 30);
    const was = await dump(other);
    const bad = file.slice();
    bad[bad.length - 100] ^= 1;
    let written = 0;
    const e = await rejected(
      restoreStream(other, chunked(bad, 5_000), {
        passphrase: PASS,
        batchRows: 8,
        onProgress: (n) => (written = n)
      })
    );
    expect(e.code).toBe('tampered');
    // Batches were written before the bad frame was reached, and all were rolled back.
    expect(written).toBeGreaterThan(100);
    expect(await dump(other)).toEqual(was);
  });

  it('a truncated file changes nothing', async () => {
    const other = newDb('stream-cut');
    await loadSampleInto(other, 30);
    const was = await dump(other);
    const e = await rejected(
      restoreStream(other, bytesOf(file.slice(0, file.length - 9_000)), { passphrase: PASS })
    );
    expect(e.code).toBe('truncated');
    expect(await dump(other)).toEqual(was);
  });

  it('a wrong passphrase is refused before anything is written', async () => {
    const other = newDb('stream-pass');
    await loadSampleInto(other, 30);
    const was = await dump(other);
    expect((await rejected(restoreStream(other, bytesOf(file), { passphrase: 'nope' }))).code).toBe('wrong-passphrase'); // prettier-ignore
    expect(await dump(other)).toEqual(was);
  });

  it('previews without keeping records', async () => {
    const counter = heldCounter();
    await db.customers.update('C00002', { name: 'Someone Else' });
    const { diff, summary } = await previewStream(db, bytesOf(file), {
      passphrase: PASS,
      batchRows: 16,
      counter
    });
    expect(summary.tables.customers).toBe(200);
    expect(diff.find((d) => d.table === 'customers')).toMatchObject({ changed: 1, same: 199, added: 0, removed: 0 }); // prettier-ignore
    expect(diff.find((d) => d.table === 'orderChunks')).toMatchObject({ same: chunks, removed: 0 }); // prettier-ignore
    expect(counter.maxHeld.orderChunks).toBeLessThanOrEqual(16);
    await restoreStream(db, bytesOf(file), { passphrase: PASS });
    expect(await collect(writePayload(db))).toEqual(before);
  });
});

describe('streaming backup', () => {
  let db: RapportDb;
  beforeAll(async () => {
    db = await manyChunks('stream-backup');
  });

  it('yields frames of bounded size', async () => {
    const frameBytes = 16 * 1024;
    for (const passphrase of [undefined, PASS]) {
      const sizes: number[] = [];
      for await (const f of createBackup(db, { passphrase, frameBytes })) sizes.push(f.length);
      // The header, then frames: 5 bytes of frame header + content + tag (16) or checksum (32).
      expect(sizes.length).toBeGreaterThan(10);
      for (const n of sizes.slice(1)) expect(n).toBeLessThanOrEqual(frameBytes + 5 + 32);
    }
  });

  it('writes into a slow sink one frame at a time, and the file restores', async () => {
    const got: Uint8Array[] = [];
    let produced = 0;
    let maxAhead = 0;
    const sink = new WritableStream<Uint8Array>(
      {
        async write(chunk) {
          // A slow disk: every write waits a few turns of the event loop.
          for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
          got.push(chunk);
        }
      },
      { highWaterMark: 1 }
    );
    const bytes = await writeBackupTo(db, sink, {
      frameBytes: 16 * 1024,
      onFrame: () => {
        produced++;
        maxAhead = Math.max(maxAhead, produced - got.length);
      }
    });
    // Backpressure: the generator is never more than two frames ahead of the disk.
    expect(maxAhead).toBeLessThanOrEqual(2);
    expect(got.length).toBe(produced);
    const file = await collect(bytesOf(Buffer.concat(got)));
    expect(file.length).toBe(bytes);
    const other = newDb('stream-backup-restore');
    await restoreStream(other, bytesOf(file));
    expect(await collect(writePayload(other))).toEqual(await collect(writePayload(db)));
  });

  it('aborts the sink when the backup fails, so no partial file is kept', async () => {
    let aborted: unknown = null;
    let closed = false;
    const sink = new WritableStream<Uint8Array>({
      write() {},
      close() {
        closed = true;
      },
      abort(reason) {
        aborted = reason;
      }
    });
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(writeBackupTo(db, sink, { signal: ac.signal })).rejects.toThrow('stop');
    expect(closed).toBe(false);
    expect(String(aborted)).toContain('stop');
  });
});
