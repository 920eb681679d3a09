// `npm run rapport -- backup verify FILE [--passphrase-file F]`
//   Reads a backup completely (every frame's authentication or checksum, every record, every
//   table's count) and prints its contents' counts as JSON. Exit 1 with the reason when the file
//   is not a good backup (wrong passphrase, truncated, altered, from a newer Rapport).
// `npm run rapport -- backup create --out FILE [--sample N] [--passphrase-file F]`
//   Writes a backup of a database holding the generated sample shop (N customers, default
//   2000), the way the app's Data & privacy page does: for trying the format and for the bench.
import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { openDb } from '../../lib/core/db';
import { generateSampleShop, storeSampleShop } from '../../lib/core/sample';
import { createBackup, readBackup, type BackupSummary } from '../../lib/core/privacy/backup';
import { UsageError } from '../args';
import { int, str, type Args } from '../files';

const USAGE =
  'usage: rapport backup verify FILE [--passphrase-file F] | rapport backup create --out FILE [--sample N] [--passphrase-file F]';

/** The passphrase in F (one trailing newline removed), or undefined without the option. */
function passphrase(args: Args): string | undefined {
  if (args['passphrase-file'] === true) throw new UsageError('--passphrase-file needs a value');
  const f = str(args, 'passphrase-file');
  if (f === undefined) return undefined;
  if (!existsSync(f)) throw new UsageError(`${f}: no such file`);
  return readFileSync(f, 'utf8').replace(/\r?\n$/, '');
}

async function verify(args: Args): Promise<BackupSummary & { file: string; bytes: number }> {
  const path = str(args, '_2');
  if (!path) throw new UsageError(USAGE);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${path}: no such file`);
  const { summary } = await readBackup(createReadStream(path, { highWaterMark: 1 << 20 }), {
    passphrase: passphrase(args)
  });
  return { file: path, bytes: statSync(path).size, ...summary };
}

async function create(args: Args): Promise<{ file: string; bytes: number; customers: number }> {
  const out = str(args, 'out');
  if (!out) throw new UsageError(USAGE);
  const customers = int(args, 'sample', 2000, 10, 1_000_000);
  const { IDBKeyRange, indexedDB } = await import('fake-indexeddb');
  const db = openDb(`rapport-cli-${process.pid}`, { indexedDB, IDBKeyRange }, { locks: null });
  await storeSampleShop(db, generateSampleShop({ customers }));
  const file = createWriteStream(out);
  let bytes = 0;
  for await (const part of createBackup(db, { passphrase: passphrase(args) })) {
    bytes += part.length;
    if (!file.write(part)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  db.close();
  return { file: out, bytes, customers };
}

export async function run(args: Args): Promise<unknown> {
  const sub = str(args, '_1');
  if (sub === 'verify') return verify(args);
  if (sub === 'create') return create(args);
  throw new UsageError(USAGE);
}
