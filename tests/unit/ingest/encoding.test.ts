import { describe, expect, it } from 'vitest';
import { decodeStream, detectEncoding, isDecodable } from '../../../src/lib/core/ingest/encoding';
import { blobBlocks, chunked } from '../../../src/lib/core/ingest/streams';
import { fixture } from './helpers';

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const s of it) out.push(s);
  return out;
}

describe('detectEncoding', () => {
  it('recognises BOMs', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toBe('utf-16le');
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toBe('utf-16be');
  });

  it('recognises UTF-16 without BOM by its zero bytes', () => {
    expect(detectEncoding(fixture('bad-csv/utf16le-no-bom.csv'))).toBe('utf-16le');
    const be = new Uint8Array(fixture('bad-csv/utf16le-no-bom.csv'));
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(detectEncoding(be)).toBe('utf-16be');
  });

  it('tells UTF-8 from GBK and from Windows-1252', () => {
    expect(detectEncoding(new TextEncoder().encode('客户编号,姓名\n1,张三\n'))).toBe('utf-8');
    const gbk = fixture('csv/customers-gbk.csv');
    expect(detectEncoding(gbk)).toBe('gb18030');
    expect(isDecodable(gbk, 'gb18030')).toBe(true);
    const latin = fixture('bad-csv/windows-1252.csv');
    expect(detectEncoding(latin)).toBe('windows-1252');
    expect(isDecodable(latin, 'utf-8')).toBe(false);
  });

  it('accepts a UTF-8 sample cut inside a character', () => {
    const b = new TextEncoder().encode('name\n张三');
    expect(detectEncoding(b.subarray(0, b.length - 1))).toBe('utf-8');
  });
});

describe('decodeStream', () => {
  it('decodes GBK split into 1-byte chunks without breaking characters', async () => {
    const parts = await collect(decodeStream(chunked(fixture('csv/customers-gbk.csv'), 1)));
    const text = parts.join('');
    expect(text.startsWith('客户编号,姓名,手机号')).toBe(true);
    expect(text).toContain('1002,李四,13900139000,上海');
    expect(text).not.toContain('\ufffd');
  });

  it('reads a Blob in blocks of one reused buffer (blobBlocks), as the worker does', async () => {
    const gbk = new Uint8Array(fixture('csv/customers-gbk.csv'));
    // Large enough for many blocks: the encoding is guessed from the first 64 KiB.
    const rows = gbk.subarray(gbk.indexOf(10) + 1);
    const file = new Blob([gbk, ...Array.from({ length: 600 }, () => rows)]);
    const fresh = (await collect(decodeStream(chunked(new Uint8Array(await file.arrayBuffer()), 4096)))).join(''); // prettier-ignore
    const blocks: Uint8Array[] = [];
    let total = 0;
    for await (const b of blobBlocks(file, 4096)) {
      expect(b.length).toBeLessThanOrEqual(4096);
      blocks.push(b.slice());
      total += b.length;
    }
    expect(total).toBe(file.size);
    expect(blocks.length).toBeGreaterThan(1);
    expect((await collect(decodeStream(blobBlocks(file, 4096)))).join('')).toBe(fresh);
    expect(fresh).toContain('1002,李四,13900139000,上海');
    expect(fresh).not.toContain('\ufffd');
  });

  it('drops the BOM of UTF-16LE and yields more than one piece for a large input', async () => {
    const text = (
      await collect(decodeStream(chunked(fixture('csv/customers-utf16le-bom.csv'), 3)))
    ).join('');
    expect(text.startsWith('Customer Id\t')).toBe(true);
    const big = new TextEncoder().encode('a,b\n'.repeat(50_000));
    const parts = await collect(decodeStream(chunked(big, 16 * 1024)));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('').length).toBe(200_000);
  });
});
