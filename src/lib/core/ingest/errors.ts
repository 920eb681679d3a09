// Whole-file problems: thrown before anything is committed. Row problems are RowErrors instead.

export class ImportError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly column?: string;

  constructor(file: string, message: string, where: { row?: number; column?: string } = {}) {
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
  }
}
