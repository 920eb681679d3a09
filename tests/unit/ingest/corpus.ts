// The malformed-CSV corpus manifest (tests/fixtures/bad-csv/expected.json), shared by the unit
// and browser tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityKind } from '../../../src/lib/core/types';

export const CORPUS = fileURLToPath(new URL('../../fixtures/bad-csv', import.meta.url));

export interface CorpusCase {
  file: string;
  kind: EntityKind;
  /** Header and encoding choices, as the user makes them on the file card (or the CLI's flags). */
  options?: { hasHeader?: boolean; columns?: string[]; encoding?: 'utf-8' | 'windows-1252' };
  mapping?: Record<string, string>;
  /** Regex of the message a refused file gets. */
  fatal?: string;
  /**
   * Where a refused file is stopped when not by the preview: 'mapping' (the mapping the user
   * confirms), 'header' (the preview offers "first row is data"; the import refuses otherwise).
   */
  at?: 'mapping' | 'header';
  rowsRead?: number;
  rowsStored?: number;
  encoding?: string;
  /** Texts the stored rows must hold (decoded correctly). */
  contains?: string[];
  errors?: { row: number; column: string; message: string; value?: string }[];
  labels?: { column: string; problem: string }[];
}

export function corpusCases(): CorpusCase[] {
  const m = JSON.parse(readFileSync(resolve(CORPUS, 'expected.json'), 'utf8')) as {
    cases: CorpusCase[];
  };
  return m.cases;
}
