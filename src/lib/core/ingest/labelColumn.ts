// What is wrong with a column meant as a yes/no label (churned or not), in words the user can act
// on: "Exited has only one value, 0" or 'Churn has values other than yes/no: "Maybe" (12 rows)'.
// Blank values are not a problem (those rows are simply left out of training).
import type { AttributeValue } from '../types';
import { parseBoolean } from './numbers';

/** 1, 0 or null (not a yes/no value). Callers may pass their own reading of yes and no. */
export type BinaryReader = (v: AttributeValue | undefined) => 0 | 1 | null;

/** Column names that usually hold a churn label (Telco "Churn", bank "Exited", "是否流失"...). */
const LABEL_NAME =
  /^(is[_ ]?)?(churn|churned|流失|是否流失|label|attrition|attrited|exited|target)$/i;

export function looksLikeLabelName(column: string): boolean {
  return LABEL_NAME.test(column.trim());
}

const EXTRA_YES = new Set(['churned', 'attrited customer']);
const EXTRA_NO = new Set(['stayed', 'existing customer']);

/** yes/no, true/false, 1/0, 是/否 (numbers.ts), plus churned/stayed wordings of label columns. */
export const readBinary: BinaryReader = (v) => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = String(v).trim().toLowerCase();
  if (EXTRA_YES.has(s)) return 1;
  if (EXTRA_NO.has(s)) return 0;
  const b = parseBoolean(s);
  return b === null ? null : b ? 1 : 0;
};

export type LabelProblem =
  | { kind: 'empty'; column: string }
  | { kind: 'oneClass'; column: string; value: string; rows: number }
  | { kind: 'otherValues'; column: string; others: { value: string; rows: number }[] };

const isBlank = (v: AttributeValue | undefined) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The first problem of a label column, or null when it has both yes-like and no-like values. */
export function labelColumnProblem(
  column: string,
  values: Iterable<AttributeValue | undefined>,
  read: BinaryReader = readBinary
): LabelProblem | null {
  const others = new Map<string, number>();
  // For each class, its spellings and how often each occurs (the message quotes the commonest).
  const spell: [Map<string, number>, Map<string, number>] = [new Map(), new Map()];
  for (const v of values) {
    if (isBlank(v)) continue;
    const text = String(v).trim();
    const b = read(v);
    const m = b === null ? others : spell[b];
    m.set(text, (m.get(text) ?? 0) + 1);
  }
  if (others.size > 0) {
    const list = [...others].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return {
      kind: 'otherValues',
      column,
      others: list.map(([value, rows]) => ({ value, rows }))
    };
  }
  const present = spell.filter((m) => m.size > 0);
  if (present.length === 0) return { kind: 'empty', column };
  if (present.length === 1) {
    const list = [...present[0]].sort((a, b) => b[1] - a[1]);
    const rows = list.reduce((n, [, k]) => n + k, 0);
    return { kind: 'oneClass', column, value: list[0][0], rows };
  }
  return null;
}

const rowsWord = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;

/** The problem in English (the CLI's and the fallback wording), or null when there is none. */
export function describeLabelProblem(p: LabelProblem | null): string | null {
  if (!p) return null;
  if (p.kind === 'empty') return `${p.column} is blank in every row`;
  if (p.kind === 'oneClass')
    return `${p.column} has only one value, ${p.value} (${rowsWord(p.rows)}): a label needs both yes and no`;
  const shown = p.others
    .slice(0, 3)
    .map((o) => `"${o.value}" (${rowsWord(o.rows)})`)
    .join(', ');
  const more = p.others.length > 3 ? ` and ${p.others.length - 3} more` : '';
  return `${p.column} has values other than yes/no: ${shown}${more}`;
}

/**
 * What is wrong with `values` as a yes/no label column named `column`, in English, or null when
 * it holds both yes-like and no-like values and nothing else (blanks aside).
 */
export function describeLabelColumn(
  column: string,
  values: Iterable<AttributeValue | undefined>,
  read?: BinaryReader
): string | null {
  return describeLabelProblem(labelColumnProblem(column, values, read));
}
