// `npm run rapport -- synth --table customers.csv --rows N [--out synthetic.csv] [--label Churn]`
//   [--models ctgan,copula] [--model ctgan|copula] [--seed 42] [--steps 300] [--epochs E]
//   [--augment] [--encoding windows-1252]
// Reads the table as a customer export through the app's import code, trains the synthesisers
// exactly as the app does (a fifth of the customers held out from them), writes N synthetic
// rows (of --model, else of the one with the better quality score) and prints the report as JSON.
import { writeFileSync } from 'node:fs';
import type { RawTable } from '../../lib/core/features/columns';
import { syntheticData, SYNTH_KINDS, type SynthKind } from '../../lib/core/models/syntheticData';
import type { SynthModelReport } from '../../lib/core/models/syntheticData';
import { syntheticCsv } from '../../lib/core/models/syntheticData/csv';
import { tableRows } from '../../lib/core/models/customerMap/table';
import { initTf } from '../../lib/core/tf/backend';
import { int, list, readInputs, str, type Args } from '../files';

const r4 = (v: number) => (Number.isFinite(v) ? +v.toFixed(4) : v);

function summarise(m: SynthModelReport) {
  const e = m.efficacy?.learners[0];
  return {
    quality: {
      overall: r4(m.quality.overall),
      columnShapes: r4(m.quality.columnShapes),
      columnPairTrends: r4(m.quality.columnPairTrends),
      vsHoldout: r4(m.qualityVsHoldout)
    },
    privacy: {
      exactCopies: m.privacy.exactCopies,
      removedCopies: m.privacy.removedCopies,
      dcrSyntheticMedian: r4(m.privacy.dcrSyntheticMedian),
      dcrHoldoutMedian: r4(m.privacy.dcrHoldoutMedian)
    },
    efficacy: e
      ? {
          learner: e.learner,
          trainRealAuc: r4(e.trainRealAuc),
          trainSynthAuc: r4(e.trainSynthAuc),
          others: m.efficacy!.learners.slice(1).map((l) => ({ learner: l.learner, trainRealAuc: r4(l.trainRealAuc), trainSynthAuc: r4(l.trainSynthAuc) })) // prettier-ignore
        }
      : null,
    ...(m.augmentation
      ? { augmentation: { added: m.augmentation.added, realAuc: r4(m.augmentation.realAuc), augmentedAuc: r4(m.augmentation.augmentedAuc) } } // prettier-ignore
      : {}),
    trainMs: Math.round(m.trainMs)
  };
}

/** The table with the file's own headers (built-in fields such as country back to their column). */
function withHeaders(t: RawTable, mapping: Record<string, string>): RawTable {
  return { ...t, columns: t.columns.map((c) => ({ ...c, name: mapping[c.name] ?? c.name })) };
}

export async function run(args: Args): Promise<unknown> {
  const table = str(args, 'table');
  if (!table) throw new Error('give --table customers.csv (one row per customer) and --rows N');
  const rows = int(args, 'rows', NaN, 1, 1_000_000);
  if (!Number.isFinite(rows)) throw new Error('--rows N: how many synthetic rows to write');
  const models = (list(args, 'models') ?? [...SYNTH_KINDS]) as SynthKind[];
  for (const m of models)
    if (!SYNTH_KINDS.includes(m))
      throw new Error(`--models: unknown model "${m}" (choose from ${SYNTH_KINDS.join(', ')})`);
  const chosen = str(args, 'model') as SynthKind | undefined;
  if (chosen && !models.includes(chosen)) throw new Error(`--model ${chosen} is not among --models ${models.join(',')}`); // prettier-ignore
  const seed = int(args, 'seed', 42);
  const label = str(args, 'label');
  const encoding = str(args, 'encoding') as 'utf-8' | undefined;
  const { inputs, files } = await readInputs({ customers: table }, { customers: encoding ? { encoding } : {} }); // prettier-ignore
  const ds = syntheticData.dataset(inputs, {
    ...(label !== undefined ? { labelColumn: label } : {}),
    seed,
    models,
    augment: args.augment === true,
    ctgan: {
      ...(args.steps !== undefined ? { steps: int(args, 'steps', 1500, 10, 100_000) } : {}),
      ...(args.epochs !== undefined ? { epochs: int(args, 'epochs', 100, 1, 10_000) } : {})
    }
  });
  const backend = await initTf();
  const out = await syntheticData.train(ds, {});
  const r = out.report;
  const best = chosen ?? [...r.models].sort((a, b) => b.quality.overall - a.quality.overall)[0].model; // prettier-ignore
  const path = str(args, 'out');
  const g = out.model.generate(best, rows, seed + 1, tableRows(ds.table, ds.train));
  if (path) {
    const fields: Record<string, string> = {};
    for (const [field, header] of Object.entries(files[0].mapping)) fields[field] = header;
    writeFileSync(
      path,
      syntheticCsv(withHeaders(g.table, fields), fields.customerId ?? 'customer_id')
    );
  }
  syntheticData.dispose(out.model);
  return {
    rows: g.table.ids.length,
    file: files[0],
    label: r.label,
    trainRows: r.trainRows,
    holdoutRows: r.holdoutRows,
    holdoutQuality: r4(r.holdoutQuality),
    written: { model: best, path: path ?? null, removedCopies: g.removed },
    models: Object.fromEntries(r.models.map((m) => [m.model, summarise(m)])),
    backend,
    trainingMs: Math.round(r.trainingMs)
  };
}
