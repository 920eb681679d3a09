// Whole-file problems: thrown before anything is committed. Row problems are RowErrors instead.

/**
 * What kind of whole-file problem an ImportError is, so a page can say it in the user's language
 * (`import.refused.<code>` in the i18n catalogue, with `params`); the English message is the
 * fallback and what the CLI prints.
 */
export type ImportErrorCode =
  | 'empty'
  | 'blank'
  | 'binary'
  | 'rowTooLong'
  | 'headerEmpty'
  | 'headerInvalidText'
  | 'headerLooksLikeData'
  | 'noDataRows'
  | 'columnCount'
  | 'columnNameTwice'
  | 'notAField'
  | 'columnAbsent'
  | 'columnTwice'
  | 'noDelimiter'
  | 'requiredMissing'
  | 'other';

export interface ImportErrorDetails {
  row?: number;
  column?: string;
  code?: ImportErrorCode;
  params?: Record<string, string | number>;
}

export class ImportError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly code: ImportErrorCode;
  readonly params: Record<string, string | number>;
  /** The message without the "file (row, column): " prefix. */
  readonly detail: string;

  constructor(file: string, message: string, where: ImportErrorDetails = {}) {
    const at = [
      where.row !== undefined ? `row ${where.row}` : '',
      where.column !== undefined ? `column "${where.column}"` : ''
    ]
      .filter(Boolean)
      .join(', ');
    super(`${file}${at ? ` (${at})` : ''}: ${message}`);
    this.name = 'ImportError';
    this.file = file;
    this.row = where.row;
    this.column = where.column;
    this.code = where.code ?? 'other';
    this.params = where.params ?? {};
    this.detail = message;
  }
}
