// Reading a file on another thread (pumpBlob on the chunk writer's worker, portChunks in the
// import): the same bytes in order, a bounded read-ahead, stopping early and errors.
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../src/lib/core/ingest';
import { pumpBlob, portChunks, type BlockPort } from '../../../src/lib/core/ingest/streams';
import { fixture } from './helpers';

const bytes = fixture('csv/online-retail-sample.csv');
const tick = () => new Promise((r) => setTimeout(r, 2));

/** A Blob of `n` copies of the fixture, streamed in pieces of `piece` bytes. */
function blobOf(n: number, piece = 16 * 1024, failAt = -1): Blob {
  const all = new Uint8Array(bytes.length * n);
  for (let i = 0; i < n; i++) all.set(bytes, i * bytes.length);
  return {
    size: all.length,
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(c) {
          if (at === failAt) return c.error(new Error('disk gone'));
          if (at >= all.length) return c.close();
          c.enqueue(all.slice(at, at + piece));
          at += piece;
        }
      });
    }
  } as unknown as Blob;
}

/** A channel whose reading side counts blocks posted and not yet taken. */
function channel() {
  const ch = new MessageChannel();
  const seen = { posted: 0, acked: 0, most: 0 };
  const post = ch.port1.postMessage.bind(ch.port1);
  ch.port1.postMessage = (m: unknown, t?: Transferable[]) => {
    if (m instanceof ArrayBuffer) seen.most = Math.max(seen.most, ++seen.posted - seen.acked);
    post(m, t ?? []);
  };
  const reader = ch.port1 as unknown as BlockPort;
  const onAck = (e: MessageEvent) => e.data === 'ack' && seen.acked++;
  ch.port1.addEventListener('message', onAck);
  return { reader, importer: ch.port2 as unknown as BlockPort, seen };
}

describe('a file read on another thread', () => {
  it('arrives whole and in order, at most 3 blocks ahead of the importer', async () => {
    const { reader, importer, seen } = channel();
    const blob = blobOf(8);
    const pumped = pumpBlob(blob, reader);
    const got: Uint8Array[] = [];
    for await (const b of portChunks(importer)) {
      got.push(b);
      await tick(); // a slow importer: the reader runs ahead, but only so far
    }
    await pumped;
    const all = new Uint8Array(got.reduce((n, b) => n + b.length, 0));
    got.reduce((at, b) => (all.set(b, at), at + b.length), 0);
    expect(all.length).toBe(bytes.length * 8);
    expect(all.subarray(bytes.length * 7)).toEqual(bytes);
    expect(got.length).toBeGreaterThan(10);
    expect(seen.most).toBeGreaterThan(1);
    expect(seen.most).toBeLessThanOrEqual(3);
  });

  it('stops reading when the importer stops early', async () => {
    const { reader, importer, seen } = channel();
    const pumped = pumpBlob(blobOf(8), reader);
    for await (const b of portChunks(importer)) {
      expect(b.length).toBeGreaterThan(0);
      break;
    }
    await pumped; // resolves: the reader stopped
    expect(seen.posted).toBeLessThan(6);
  });

  it("a failed read fails the importer's iteration", async () => {
    const { reader, importer } = channel();
    void pumpBlob(blobOf(4, 16 * 1024, 3 * 16 * 1024), reader);
    const read = async () => {
      for await (const b of portChunks(importer)) void b;
    };
    await expect(read()).rejects.toThrow('the file could not be read: disk gone');
  });

  it('runImport tells its input when a file is refused before the end', async () => {
    let closed = false;
    async function* input() {
      try {
        yield new TextEncoder().encode('a,b\n1,2\n');
        for (;;) yield new TextEncoder().encode('3,4\n');
      } finally {
        closed = true;
      }
    }
    await expect(
      runImport(input(), {
        fileName: 'x.csv',
        kind: 'orders',
        channel: 'shop',
        mapping: { customerId: 'a', ts: 'b' },
        sink: {
          orders: async () => {},
          customers: async () => {},
          products: async () => {},
          interactions: async () => {},
          relationships: async () => {}
        }
      })
    ).rejects.toThrow();
    expect(closed).toBe(true);
  });
});
