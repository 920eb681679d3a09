// Helpers of the model tests: files imported into a fake-indexeddb database exactly as the
// Import page does it, and a model runtime over that database.
import { readFileSync } from 'node:fs';
import { beginImport, type RapportDb } from '../../../src/lib/core/db';
import { chunked, importFile, previewBytes } from '../../../src/lib/core/ingest';
import type { DataInputs } from '../../../src/lib/core/models/inputs';
import { ModelRuntime } from '../../../src/lib/core/models/runtime';
import { generateSampleShop, storeSampleShop } from '../../../src/lib/core/sample';
import { initTf } from '../../../src/lib/core/tf/backend';
import type { EntityKind } from '../../../src/lib/core/types';

/** Import a file the way the worker's `import.run` does (preview mapping, then importFile). */
export async function importInto(
  db: RapportDb,
  path: string | URL,
  kind: EntityKind,
  fileName = String(path).split('/').pop()!
): Promise<number> {
  const bytes = new Uint8Array(readFileSync(path));
  const mapping = previewBytes(
    bytes.subarray(0, 256 * 1024),
    kind,
    bytes.length <= 256 * 1024
  ).mapping;
  const report = await importFile(
    chunked(bytes),
    { fileName, kind, channel: 'shop', mapping },
    (o) => beginImport(db, o)
  );
  return report.rowsStored;
}

/** A runtime whose data version the test bumps after each write, as the worker does. */
export function runtimeOf(db: RapportDb): { runtime: ModelRuntime; changed(): void } {
  let version = 0;
  return {
    runtime: new ModelRuntime({ db, dataVersion: () => version, prepareTf: () => initTf() }),
    changed: () => void version++
  };
}

/** The generated sample shop stored as the Home page's "Load sample data" stores it. */
export async function loadSampleInto(db: RapportDb, customers = 2000): Promise<void> {
  await storeSampleShop(db, generateSampleShop({ customers }));
}

/** Inputs with only the given parts (the rest empty). */
export function inputsOf(parts: Partial<DataInputs>): DataInputs {
  return { customers: [], orders: [], interactions: [], relationships: [], products: [], ...parts };
}
