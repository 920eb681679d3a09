// The FAQ the user keeps: question / answer pairs stored in the settings table (key 'faq'),
// edited in the inbox or imported from a CSV with question and answer columns.
import type { RapportDb } from '../../db';
import { getSetting, setSetting } from '../../db/repos';
import { chunked } from '../../ingest/streams';
import { columnIndex, readTextTable } from '../../text/table';
import type { RowError } from '../../types';

export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
}

export const FAQ_KEY = 'faq';

export async function loadFaq(db: RapportDb): Promise<FaqEntry[]> {
  return (await getSetting<FaqEntry[]>(db, FAQ_KEY)) ?? [];
}

/** Keep the entries with both a question and an answer; give new ones an id. */
export function cleanFaq(entries: readonly Partial<FaqEntry>[]): FaqEntry[] {
  const used = new Set<string>();
  let next = 1;
  return entries
    .map((e) => ({
      id: e.id ?? '',
      question: (e.question ?? '').trim(),
      answer: (e.answer ?? '').trim()
    })) // prettier-ignore
    .filter((e) => e.question && e.answer)
    .map((e) => {
      let id = e.id && !used.has(e.id) ? e.id : '';
      while (!id || used.has(id)) id = `faq-${next++}`;
      used.add(id);
      return { ...e, id };
    });
}

export async function saveFaq(
  db: RapportDb,
  entries: readonly Partial<FaqEntry>[]
): Promise<FaqEntry[]> {
  const clean = cleanFaq(entries);
  await setSetting(db, FAQ_KEY, clean);
  return clean;
}

/** FAQ entries from a CSV whose columns are named question and answer (else the first two). */
export async function parseFaqCsv(
  bytes: Uint8Array,
  fileName = 'faq.csv'
): Promise<{ entries: Partial<FaqEntry>[]; rejected: RowError[] }> {
  const t = await readTextTable(chunked(bytes), { fileName });
  const named = (name: string, pos: string) =>
    t.headers.some((h) => h.toLowerCase() === name) ? columnIndex(t, name) : columnIndex(t, pos);
  const q = named('question', '1');
  const a = named('answer', '2');
  const rejected = [...t.rejected];
  const entries: Partial<FaqEntry>[] = [];
  for (const r of t.rows) {
    const question = r.fields[q]?.trim();
    const answer = r.fields[a]?.trim();
    if (question && answer) entries.push({ question, answer });
    else rejected.push({ file: fileName, row: r.row, column: t.headers[question ? a : q], code: 'empty', params: { field: question ? 'answer' : 'question' } }); // prettier-ignore
  }
  return { entries, rejected };
}
