// `rapport synth`: the same file through the CLI's path and the app's (imported into the
// database, the family on the stored data) gives the same report; it writes the rows asked
// for under the file's own headers; bad options get clear messages.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/synth';
import { syntheticData } from '../../../src/lib/core/models/syntheticData';
import { loadInputs } from '../../../src/lib/core/models/inputs';
import { newDb } from '../db/helpers';
import { importInto } from '../models/helpers';
import { TELCO } from './helpers';

interface Out {
  rows: number;
  label: string;
  written: { model: string; path: string };
  models: Record<string, { quality: { overall: number; columnShapes: number }; privacy: { exactCopies: number; dcrSyntheticMedian: number; dcrHoldoutMedian: number }; efficacy: { trainRealAuc: number; trainSynthAuc: number } }>; // prettier-ignore
}

describe('rapport synth', () => {
  it('gives the app’s report on the same file and writes the rows', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'synth-')), 'synthetic.csv');
    const cli = (await run({ table: TELCO, rows: '250', out, models: 'copula', seed: '3' })) as Out;
    const db = newDb('synth-parity');
    await importInto(db, TELCO, 'customers');
    const ds = syntheticData.dataset(await loadInputs(db), { models: ['copula'], seed: 3 });
    const app = (await syntheticData.train(ds, {})).report.models[0];
    expect(cli.label).toBe('Churn');
    expect(cli.models.copula.quality.overall).toBe(+app.quality.overall.toFixed(4));
    expect(cli.models.copula.privacy.dcrHoldoutMedian).toBe(+app.privacy.dcrHoldoutMedian.toFixed(4)); // prettier-ignore
    expect(cli.models.copula.efficacy.trainSynthAuc).toBe(+app.efficacy!.learners[0].trainSynthAuc.toFixed(4)); // prettier-ignore
    expect(cli.models.copula.privacy.exactCopies).toBe(0);
    expect(cli.rows).toBe(250);
    expect(cli.written).toMatchObject({ model: 'copula', path: out });
    const lines = readFileSync(out, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(251);
    expect(lines[0].split(',')).toEqual(
      readFileSync(TELCO, 'utf8').split('\n')[0].trim().split(',')
    );
    db.close();
  }, 120_000);

  it('reports bad options clearly', async () => {
    await expect(run({})).rejects.toThrow(/--table/);
    await expect(run({ table: TELCO })).rejects.toThrow(/--rows N/);
    await expect(run({ table: TELCO, rows: 'many' })).rejects.toThrow(/--rows must be a whole number/); // prettier-ignore
    await expect(run({ table: TELCO, rows: '5', models: 'vae' })).rejects.toThrow(/unknown model "vae"/); // prettier-ignore
    await expect(run({ table: TELCO, rows: '5', label: 'Nope' })).rejects.toThrow(/no usable column "Nope"/); // prettier-ignore
  });
});
