// Backup and restore: byte-exact round trips on the sample shop with a trained model, and every
// way a file can be wrong (wrong passphrase, truncated, a changed byte, a newer format) refused
// with its own message and nothing changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { clearAll, type RapportDb } from '../../../src/lib/core/db';
import { customerSegments } from '../../../src/lib/core/models/segments/family';
import {
  bytesOf,
  collect,
  createBackup,
  previewRestore,
  readBackup,
  restoreBackup
} from '../../../src/lib/core/privacy/backup';
import { decode, encode } from '../../../src/lib/core/privacy/codec';
import { BackupError } from '../../../src/lib/core/privacy/errors';
import { writePayload } from '../../../src/lib/core/privacy/payload';
import { dump, newDb } from '../db/helpers';
import { loadSampleInto, runtimeOf } from '../models/helpers';

const PASS = 'correct horse battery staple';

async function sampleDb(tag: string): Promise<RapportDb> {
  const db = newDb(tag);
  await loadSampleInto(db, 300);
  const { runtime } = runtimeOf(db);
  await runtime.train(customerSegments, {});
  await db.settings.put({ key: 'ui.lang', value: 'zh' });
  await db.feedback.add({ customerId: 'C00001', ts: 1, kind: 'churn', outcome: 'contacted' });
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

describe('codec', () => {
  it('round-trips typed arrays, buffers, nested objects, -0 and NaN exactly', () => {
    const v = {
      b: [1, -0, NaN, Infinity, 'x', null, undefined, true],
      a: new Float64Array([1.5, -2, 1e-300]),
      c: new Uint16Array([65535, 0]),
      d: new Int16Array([-32768]),
      e: new Uint8Array([1, 2, 3]).buffer,
      f: new Map([['k', new Set([1, 2])]]),
      g: new Date(12345),
      s: '中文 and emoji 😀'
    };
    const back = decode(encode(v)) as typeof v;
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Array.from(back.a)).toEqual([1.5, -2, 1e-300]);
    expect(back.c).toBeInstanceOf(Uint16Array);
    expect(back.d).toBeInstanceOf(Int16Array);
    expect(Object.is(back.b[1], -0)).toBe(true);
    expect(Number.isNaN(back.b[2])).toBe(true);
    expect(new Uint8Array(back.e)).toEqual(new Uint8Array([1, 2, 3]));
    expect(back.f.get('k')).toEqual(new Set([1, 2]));
    expect(back.g.getTime()).toBe(12345);
    expect(back.s).toBe(v.s);
    // Canonical: key order does not change the bytes.
    expect(encode({ x: 1, y: 2 })).toEqual(encode({ y: 2, x: 1 }));
  });
});

describe('backup and restore', () => {
  let db: RapportDb;
  let before: Uint8Array;
  beforeAll(async () => {
    db = await sampleDb('backup');
    before = await collect(writePayload(db));
  });

  it('export -> wipe -> restore -> export gives identical bytes (plain file)', async () => {
    const file = await collect(createBackup(db));
    const rows = await dump(db);
    expect(rows.orderChunks.length).toBeGreaterThan(0);
    expect(rows.modelData.length).toBe(1);
    await clearAll(db);
    expect(await db.customers.count()).toBe(0);
    const contents = await readBackup(bytesOf(file), { keepRows: true });
    expect(contents.summary.tables.customers).toBe(300);
    expect(contents.summary.encrypted).toBe(false);
    await restoreBackup(db, contents);
    expect(await collect(writePayload(db))).toEqual(before);
    // And the restored rows are the same values, typed arrays with their types.
    expect(await dump(db)).toEqual(rows);
    const chunk = (await db.orderChunks.toArray())[0];
    expect(chunk.alive).toBeInstanceOf(Uint8Array);
    expect(chunk.customerIdx.constructor.name).toMatch(/Uint(16|32)Array/);
  });

  it('an encrypted backup restores with its passphrase, byte-identical', async () => {
    const file = await collect(createBackup(db, { passphrase: PASS, frameBytes: 64 * 1024 }));
    // Nothing of the content is readable in the file.
    const text = new TextDecoder('latin1').decode(file);
    expect(text).not.toContain('C00001');
    expect(text).not.toContain('customers');
    await clearAll(db);
    const { contents, diff } = await previewRestore(db, bytesOf(file), PASS);
    expect(diff.find((d) => d.table === 'customers')).toMatchObject({ inBackup: 300, added: 300 });
    await restoreBackup(db, contents);
    expect(await collect(writePayload(db))).toEqual(before);
  });

  it('previews what a restore changes against the current data', async () => {
    const file = await collect(createBackup(db));
    await db.customers.update('C00002', { name: 'Someone Else' });
    await db.settings.put({ key: 'new.setting', value: 1 });
    const { diff } = await previewRestore(db, bytesOf(file));
    expect(diff.find((d) => d.table === 'customers')).toMatchObject({ changed: 1, same: 299, added: 0, removed: 0 }); // prettier-ignore
    expect(diff.find((d) => d.table === 'settings')).toMatchObject({ removed: 1 });
    await restoreBackup(db, (await previewRestore(db, bytesOf(file))).contents);
    expect(await collect(writePayload(db))).toEqual(before);
  });

  describe('refusals leave the database as it was', () => {
    let enc: Uint8Array;
    beforeAll(async () => {
      enc = await collect(createBackup(db, { passphrase: PASS, frameBytes: 16 * 1024 }));
    });

    it('wrong passphrase', async () => {
      const e = await rejected(readBackup(bytesOf(enc), { passphrase: 'wrong' }));
      expect(e.code).toBe('wrong-passphrase');
      expect(e.message).toMatch(/Wrong passphrase/);
      const e2 = await rejected(readBackup(bytesOf(enc)));
      expect(e2.code).toBe('passphrase-needed');
    });

    it('truncated anywhere: at a frame boundary and inside a frame', async () => {
      for (const cut of [enc.length - 1, enc.length - 16 * 1024 - 21, Math.floor(enc.length / 2)]) {
        const e = await rejected(readBackup(bytesOf(enc.slice(0, cut)), { passphrase: PASS }));
        expect(e.code).toBe('truncated');
      }
      // Cut exactly after a whole non-final frame: still detected (no final flag seen).
      const frame = 5 + 16 * 1024 + 16;
      const headerLen = 12 + new DataView(enc.buffer).getUint32(8, true);
      const e = await rejected(readBackup(bytesOf(enc.slice(0, headerLen + 2 * frame)), { passphrase: PASS })); // prettier-ignore
      expect(e.code).toBe('truncated');
    });

    it('one changed byte in a frame, in the header, or a dropped frame', async () => {
      const headerLen = 12 + new DataView(enc.buffer).getUint32(8, true);
      const bad = enc.slice();
      bad[headerLen + 5 * 1024 * 3] ^= 1;
      expect((await rejected(readBackup(bytesOf(bad), { passphrase: PASS }))).code).toBe('tampered'); // prettier-ignore
      // Splice: drop the second frame (frame 3 arrives where 2 is expected).
      const frame = 5 + 16 * 1024 + 16;
      const spliced = new Uint8Array(enc.length - frame);
      spliced.set(enc.subarray(0, headerLen + frame));
      spliced.set(enc.subarray(headerLen + 2 * frame), headerLen + frame);
      expect((await rejected(readBackup(bytesOf(spliced), { passphrase: PASS }))).code).toBe('tampered'); // prettier-ignore
      // The header's createdAt changed: every frame's additional data changes with it.
      const text = new TextDecoder().decode(enc.subarray(12, headerLen));
      const h = JSON.parse(text);
      h.createdAt += 1;
      const json = new TextEncoder().encode(JSON.stringify(h));
      if (json.length === headerLen - 12) {
        const forged = enc.slice();
        forged.set(json, 12);
        expect((await rejected(readBackup(bytesOf(forged), { passphrase: PASS }))).code).toBe('tampered'); // prettier-ignore
      }
    });

    it('a plain backup detects a changed byte by its checksums', async () => {
      const plain = await collect(createBackup(db, { frameBytes: 16 * 1024 }));
      const bad = plain.slice();
      bad[plain.length - 100] ^= 0x40;
      expect((await rejected(readBackup(bytesOf(bad)))).code).toBe('damaged');
    });

    it('a newer format or schema version, or not a backup at all', async () => {
      const plain = await collect(createBackup(db));
      const headerLen = 12 + new DataView(plain.buffer).getUint32(8, true);
      const h = JSON.parse(new TextDecoder().decode(plain.subarray(12, headerLen)));
      h.format = 2;
      const json = new TextEncoder().encode(JSON.stringify(h));
      const newer = new Uint8Array(12 + json.length + plain.length - headerLen);
      newer.set(plain.subarray(0, 8));
      new DataView(newer.buffer).setUint32(8, json.length, true);
      newer.set(json, 12);
      newer.set(plain.subarray(headerLen), 12 + json.length);
      const e = await rejected(readBackup(bytesOf(newer)));
      expect(e.code).toBe('newer-format');
      expect(e.message).toMatch(/newer Rapport/);

      const future = await readBackup(bytesOf(plain), { keepRows: true });
      future.meta.schemaVersion = db.verno + 1;
      expect((await rejected(restoreBackup(db, future))).code).toBe('newer-schema');
      future.meta.schemaVersion = db.verno;
      future.meta.tables.push({ name: 'fromTheFuture', schema: 'id' });
      expect((await rejected(restoreBackup(db, future))).code).toBe('unknown-table');

      const csv = new TextEncoder().encode('id,name\n1,Ann\n');
      expect((await rejected(readBackup(bytesOf(csv)))).code).toBe('not-backup');
      // Nothing above changed the database.
      expect(await collect(writePayload(db))).toEqual(before);
    });
  });
});
