// Recognises files that are not text at all (spreadsheets, archives, images) so the user gets
// "export it as CSV" instead of a page of garbage rows.

export type BinaryKind =
  'zip' | 'xls' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'gzip' | 'sqlite' | 'nul' | 'control';

const MAGIC: [number[], BinaryKind, string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'zip', 'a ZIP archive (an Excel .xlsx workbook?)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'xls', 'a legacy Excel .xls workbook'],
  [[0x25, 0x50, 0x44, 0x46], 'pdf', 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'png', 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'jpeg', 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'gif', 'a GIF image'],
  [[0x1f, 0x8b], 'gzip', 'a gzip archive'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'sqlite', 'an SQLite database']
];

/** What the bytes are when they are not text (kind and an English reason), or null. */
export function binaryKind(bytes: Uint8Array, utf16: boolean): [BinaryKind, string] | null {
  for (const [sig, kind, what] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b)) return [kind, `this is ${what}, not a CSV file`];
  }
  if (utf16) return null;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return ['nul', 'the file contains binary data (NUL bytes), not CSV text'];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * 0.01 ? ['control', 'the file contains binary data, not CSV text'] : null;
}

/** Describes why the bytes are not text, or null when they look like text. */
export function binaryReason(bytes: Uint8Array, utf16: boolean): string | null {
  return binaryKind(bytes, utf16)?.[1] ?? null;
}
