// Chunk writers (core/db/chunkWrite.ts) and the recycled chunk arrays (ArrayPool): a writer that
// takes the chunk's arrays away while it writes, as the app's writer worker does, stores the
// same rows and stats as writing on the session's own thread; a failed write fails the import
// and leaves nothing of it; writes in flight stay bounded.
import { describe, expect, it } from 'vitest';
import {
  beginImport,
  ChunkBuilder,
  listBatches,
  storedChunk,
  orderCount,
  undoBatch,
  type RapportDb
} from '../../../src/lib/core/db';
import { ArrayPool } from '../../../src/lib/core/db/chunks';
import {
  recordArrays,
  recordBuffers,
  writeChunk,
  type ChunkWrite,
  type ChunkWriter
} from '../../../src/lib/core/db/chunkWrite';
import { importFile } from '../../../src/lib/core/ingest';
import { chunked } from '../../../src/lib/core/ingest/streams';
import { fixture } from '../ingest/helpers';
import { dump, newDb } from './helpers';
import { RETAIL_MAPPING as MAPPING, retailLines } from './retail';

const bytes = fixture('csv/online-retail-sample.csv');
const tick = () => new Promise((r) => setTimeout(r, 1));

/**
 * A writer like the app's worker: the record's arrays are transferred away (the originals are
 * detached, reading them gives nothing) and come back as new arrays when the write settles;
 * only the arrays come back (recordArrays), the record keeps its own dictionaries.
 */
function transferringWriter(
  db: RapportDb,
  opts: { failAt?: number; onFlight?: (n: number) => void } = {}
): ChunkWriter & { calls: number } {
  let flight = 0;
  const w = {
    calls: 0,
    offThread: true,
    async write(cw: ChunkWrite): Promise<number> {
      const call = ++w.calls;
      opts.onFlight?.(++flight);
      const moved = structuredClone(cw.record, { transfer: recordBuffers(cw.record) });
      try {
        await tick();
        if (call === opts.failAt) throw new Error('disk full');
        return await writeChunk(db, { ...cw, record: moved });
      } finally {
        flight--;
        Object.assign(cw.record, recordArrays(moved));
      }
    }
  };
  return w;
}

// Rows are profiled 64 at a time, so chunks are started one by one as the file streams in.
const importWith = (db: RapportDb, fileName: string, writer?: ChunkWriter) =>
  importFile(
    chunked(bytes, 777),
    { fileName, kind: 'orders', channel: 'shop', mapping: MAPPING, profileRows: 64 },
    (o) => beginImport(db, o, { chunkSize: 64, locks: null, writer })
  );

describe('chunk writers', () => {
  it('a writer that moves the arrays away stores the same chunks and stats as a local one', async () => {
    // Twice each: a first import (chunks not kept, arrays recycled) and a re-import over it
    // (chunks kept for the commit's stats).
    const states = [];
    for (const far of [false, true]) {
      const db = newDb(far ? 'writer-far' : 'writer-local');
      const writer = far ? transferringWriter(db) : undefined;
      const after = [];
      for (const name of ['a.csv', 'b.csv']) {
        const r = await importWith(db, name, writer);
        expect([r.rowsStored, r.rowsRejected]).toEqual([1070, 1]);
        after.push(await dump(db, ['batches', 'sources']));
      }
      if (writer) expect(writer.calls).toBe(2 * Math.ceil(1070 / 64));
      states.push(after);
      db.close();
    }
    expect(states[1]).toEqual(states[0]);
    expect(states[0][1].orderChunks).toHaveLength(2 * Math.ceil(1070 / 64));
    expect(states[0][0].statsShards.length).toBeGreaterThan(0);
  });

  it('a failed chunk write fails the import, leaves none of it, and earlier imports undo as before', async () => {
    const db = newDb('writer-fail');
    const first = await importWith(db, 'a.csv');
    expect(first.rowsStored).toBe(1070);
    const before = await dump(db, ['batches']);
    const writer = transferringWriter(db, { failAt: 3 });
    await expect(importWith(db, 'b.csv', writer)).rejects.toThrow('disk full');
    // Chunks written before and after the failed one were removed with the pending batch.
    expect(await dump(db, ['batches'])).toEqual(before);
    const batches = await listBatches(db);
    expect(batches.map((b) => b.fileName)).toEqual(['a.csv']);
    await undoBatch(db, batches[0].id);
    expect(await orderCount(db)).toBe(0);
    expect((await listBatches(db)).map((b) => b.status)).toEqual(['undone']);
    db.close();
  });

  it('keeps at most 13 chunk writes in flight however slow the writer', async () => {
    const db = newDb('writer-bound');
    let most = 0;
    const writer = transferringWriter(db, { onFlight: (n) => (most = Math.max(most, n)) });
    await importWith(db, 'a.csv', writer);
    // 17 chunks: more than the limit, so the import had to wait for the writer.
    expect(writer.calls).toBe(17);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(13);
    db.close();
  });

  it('hands back every typed array of a record and nothing else', () => {
    const b = new ChunkBuilder(100);
    for (const o of retailLines().slice(0, 250)) {
      b.push(o);
      if (b.full) break;
    }
    const record = storedChunk(b.take(1));
    const arrays = recordArrays(record);
    const views = Object.entries(record).filter(([, v]) => ArrayBuffer.isView(v));
    // Timestamps and prices as dictionary codes: their Float64Array dictionaries come back too.
    expect(Object.keys(arrays).sort()).toEqual(views.map(([k]) => k).sort());
    expect(Object.keys(arrays)).toEqual(
      expect.arrayContaining(['orderIdx', 'tsDict', 'priceDict'])
    );
    expect(new Set(Object.values(arrays).map((v) => (v as Uint8Array).buffer))).toEqual(
      new Set(recordBuffers(record))
    );
    expect(Object.keys(arrays)).not.toContain('orderDict');
  });
});

describe('ArrayPool', () => {
  it('chunks built from recycled arrays equal chunks built from new ones', () => {
    const lines = retailLines().slice(0, 900);
    // Negative and fractional quantities in some chunks: the quantity column changes type.
    lines.forEach((o, i) => {
      if (i % 250 === 7) o.quantity = -3;
      if (i >= 600 && i % 50 === 1) o.quantity = 2.5;
    });
    const pool = new ArrayPool();
    const plain = new ChunkBuilder(100);
    const pooled = new ChunkBuilder(100, undefined, true, pool);
    const want = [];
    const got = [];
    for (const o of lines) {
      plain.push(o);
      pooled.push(o);
      if (plain.full) {
        want.push(plain.take(1));
        const c = pooled.take(1);
        got.push(structuredClone(c));
        pool.recycle(c);
      }
    }
    expect(got).toEqual(want);
    expect(got).toHaveLength(9);
    // Recycled: later chunks got the arrays of earlier ones.
    const a = pool.get(Uint16Array, 100);
    expect(pool.get(Uint16Array, 100)).not.toBe(a);
    expect(a.length).toBe(100);
  });

  it('gives out an array once, of the kind and length asked', () => {
    const pool = new ArrayPool();
    const u8 = new Uint8Array(4).fill(9);
    const f64 = new Float64Array(4);
    pool.recycle({ n: 4, u8, f64, list: [1, 2], gone: new Uint8Array(0) });
    expect(pool.get(Uint8Array, 5)).not.toBe(u8);
    expect(pool.get(Int16Array, 4)).toBeInstanceOf(Int16Array);
    expect(pool.get(Uint8Array, 4)).toBe(u8);
    expect(pool.get(Uint8Array, 4)).not.toBe(u8);
    expect(pool.copy(Float64Array, new Float64Array([1, 2, 3, 4, 5]), 4)).toBe(f64);
    expect([...f64]).toEqual([1, 2, 3, 4]);
  });
});
