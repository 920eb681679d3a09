// `npm run rapport -- check FILE [--kind customers|orders|products|interactions|relationships]
//   [--encoding NAME] [--no-header] [--columns a,b,c]`
// Runs the app's import pipeline on FILE into a sink that stores nothing and prints, as JSON,
// what the Import page would show: encoding, delimiter, header, mapping, row counts, row errors
// (spreadsheet row numbers), the reason a file is refused, and the first 20 rows as parsed.
// Exit status 0 when the file would import (even with rejected rows), 1 when it is refused.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { checkFile, type CheckReport } from '../../lib/core/ingest/check';
import { rowErrorText } from '../../lib/i18n/rowErrors';
import { ENTITY_KINDS, type EntityKind } from '../../lib/core/types';
import { UsageError } from '../args';
import { readOptions } from '../files';

type Args = Record<string, string | boolean>;

function option(args: Args, key: string): string | undefined {
  const v = args[key];
  if (v === true) throw new UsageError(`--${key} needs a value`);
  return v === undefined || v === false ? undefined : v;
}

/** The report as printed: each row error as { row, column, message } in English. */
export type PrintedCheckReport = Omit<CheckReport, 'errors'> & {
  errors: { row: number; column: string; message: string }[];
};

export async function run(args: Args): Promise<PrintedCheckReport> {
  const path = option(args, '_1');
  if (!path) throw new UsageError('usage: rapport check FILE [--kind KIND] [--encoding NAME] [--no-header] [--columns a,b,c]'); // prettier-ignore
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${path}: no such file`);
  const kindArg = option(args, 'kind');
  if (kindArg && !(ENTITY_KINDS as readonly string[]).includes(kindArg))
    throw new UsageError(`--kind ${kindArg}: expected one of ${ENTITY_KINDS.join(', ')}`);
  option(args, 'encoding');
  option(args, 'columns');
  const report = await checkFile(createReadStream(path, { highWaterMark: 1 << 20 }), {
    fileName: basename(path),
    kind: kindArg as EntityKind | undefined,
    ...readOptions(args)
  });
  if (report.refused) process.exitCode = 1;
  const errors = report.errors.map((e) => ({
    row: e.row,
    column: e.column,
    message: rowErrorText('en', e)
  }));
  return { ...report, errors };
}
