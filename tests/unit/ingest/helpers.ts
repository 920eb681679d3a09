// Shared test helpers: a fake in-memory import session and fixture access.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  BeginImportOptions,
  ImportSession,
  ImportSummary
} from '../../../src/lib/core/ingest/sink';
import type { EntityKind } from '../../../src/lib/core/types';

export const FIXTURES = resolve(__dirname, '../../fixtures');
export const DATASETS = resolve(__dirname, '../../../../shared/datasets');

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(resolve(FIXTURES, path)));
}

export function dataset(path: string): Uint8Array | null {
  const p = resolve(DATASETS, path);
  return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
}

export interface FakeSession extends ImportSession {
  opened: BeginImportOptions;
  rows: Record<EntityKind, unknown[]>;
  batches: number;
  committed: ImportSummary | null;
  aborted: string | null;
}

export function fakeSession(opened: BeginImportOptions): FakeSession {
  const rows: Record<EntityKind, unknown[]> = {
    customers: [],
    orders: [],
    products: [],
    interactions: [],
    relationships: []
  };
  const s: FakeSession = {
    batchId: 1,
    opened,
    rows,
    batches: 0,
    committed: null,
    aborted: null,
    async customers(r) {
      s.batches++;
      rows.customers.push(...r);
    },
    async orders(r) {
      s.batches++;
      rows.orders.push(...r);
    },
    async products(r) {
      s.batches++;
      rows.products.push(...r);
    },
    async interactions(r) {
      s.batches++;
      rows.interactions.push(...r);
    },
    async relationships(r) {
      s.batches++;
      rows.relationships.push(...r);
    },
    async commit(summary) {
      s.committed = summary;
    },
    async abort(reason) {
      s.aborted = reason;
    }
  };
  return s;
}

/** `begin` for importFile that remembers the sessions it opened. */
export function fakeBegin(): {
  begin: (o: BeginImportOptions) => Promise<FakeSession>;
  sessions: FakeSession[];
} {
  const sessions: FakeSession[] = [];
  return {
    sessions,
    begin: async (o) => {
      const s = fakeSession(o);
      sessions.push(s);
      return s;
    }
  };
}

/** A sink that takes order lines column-wise (the storage's fast path), each line's values to onLine. */
export function lineSink(onLine: (values: unknown[]) => void, onSettle = () => {}) {
  const none = async () => {};
  return {
    orders: none,
    customers: none,
    products: none,
    interactions: none,
    relationships: none,
    orderColumns: () => {
      // repeat() as the storage's builder reads it: the order, customer, time and channel of
      // the line before, so that a wrong repeat shows as a wrong line.
      let last: unknown[] = [];
      return {
        line: (...v: unknown[]) => onLine((last = v)),
        repeat: (p: string, n: string | undefined, q: number, u: number, c: boolean, k?: number) =>
          onLine((last = [last[0], last[1], p, n, q, u, last[6], last[7], c, k])),
        settle: async () => onSettle()
      };
    }
  };
}
