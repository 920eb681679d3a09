// Public API of the CSV ingest module.
export {
  detectEncoding,
  decodeStream,
  guessEncoding,
  isDecodable,
  parseEncodingName,
  ENCODINGS,
  StreamDecoder,
  type TextEncodingName
} from './encoding';
export { sniff, detectDelimiter, type SniffResult } from './sniff';
export { previewBytes, type Preview } from './preview';
export { RecordReader, type CsvRecord, type Delimiter } from './records';
export { FIELDS, fieldSpec, missingRequired, type FieldSpec, type FieldType } from './fields';
export {
  autoMap,
  guessKind,
  normalizeHeader,
  headerSimilarity,
  type AutoMapResult
} from './mapping';
export { parseDate, detectDateOrder, type DateOrder } from './dates';
export { parseNumber, parseBoolean, detectDecimalMark, type DecimalMark } from './numbers';
export { profileColumn, attributeValue, type ColumnProfile } from './profile';
export { runImport, type RunImportOptions, type ImportReport } from './import';
export { importFile, type ImportFileOptions } from './session';
export { ImportError } from './errors';
export { toCsv, errorsToCsv, csvCell } from './export';
export { bytesOf, chunked } from './streams';
export { type FileHead, type HeadOptions } from './head';
export { describeLabelColumn, labelColumnProblem, looksLikeLabelName } from './labelColumn';
export { checkFile, type CheckReport } from './check';
