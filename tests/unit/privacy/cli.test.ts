// `npm run rapport -- backup create|verify` as a user runs them: counts as JSON, exit 1 with the
// reason for a wrong passphrase or a damaged file, 2 for a mistake in the command line.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { RapportDb } from '../../../src/lib/core/db/schema';

const exec = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');

async function rapport(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await exec(process.execPath, ['--import', 'tsx', 'src/cli/rapport.ts', ...args], {
      cwd: ROOT
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('rapport backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-backup-'));
  const file = join(dir, 'shop.rbk');
  const pass = join(dir, 'pass.txt');
  beforeAll(async () => {
    writeFileSync(pass, 'a long passphrase\n');
    const r = await rapport('backup', 'create', '--out', file, '--sample', '120', '--passphrase-file', pass); // prettier-ignore
    expect(r.code).toBe(0);
  });

  it('verify prints the counts of an encrypted backup', async () => {
    const r = await rapport('backup', 'verify', file, '--passphrase-file', pass);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    // The schema this build opens (a backup records the version it was written from).
    const schemaVersion = new RapportDb('rapport-cli-version').verno;
    expect(out).toMatchObject({ encrypted: true, format: 1, schemaVersion });
    expect(out.tables.customers).toBe(120);
    expect(out.tables.batches).toBe(5);
    expect(out.orderLines).toBeGreaterThan(1000);
  });

  it('a wrong passphrase, a missing one, or a changed byte: exit 1 and the reason', async () => {
    const wrong = join(dir, 'wrong.txt');
    writeFileSync(wrong, 'not it');
    let r = await rapport('backup', 'verify', file, '--passphrase-file', wrong);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Wrong passphrase/);
    r = await rapport('backup', 'verify', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/encrypted/);
    const bytes = readFileSync(file);
    bytes[bytes.length - 40] ^= 1;
    const bad = join(dir, 'bad.rbk');
    writeFileSync(bad, bytes);
    r = await rapport('backup', 'verify', bad, '--passphrase-file', pass);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Frame 1 .*authentication/);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 100));
    r = await rapport('backup', 'verify', bad, '--passphrase-file', pass);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cut short/);
  });

  it('usage mistakes exit 2', async () => {
    expect((await rapport('backup', 'verify')).code).toBe(2);
    expect((await rapport('backup', 'verify', join(dir, 'nope.rbk'))).code).toBe(2);
    expect((await rapport('backup', 'frobnicate')).code).toBe(2);
  });
});
