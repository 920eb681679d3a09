// `npm run rapport -- text --train train.csv [--test test.csv | --folds 5] --text-col C
//    --label-col C [--no-header] [--models linear,neural] [--seed 42] [--target 0.95]
//    [--encoding gb18030] [--task intent|sentiment]`
// A column is a header name or a 1-based position. Reads the files through the app's ingest
// decoder and record reader (core/text/table.ts: rows broken by an unquoted line break are
// joined or rejected, never shifted), builds the intent dataset as the app does and trains the
// same text classifier (validation carved from the training file for calibration and the
// "unsure" threshold); prints JSON with figures on the test file or on each fold's test part.
// The task is sentiment when every training label is a sentiment label (positive / negative /
// neutral, 1 / 0, 正面 / 负面..., as the app's sentiment family reads them), else intent;
// --task overrides. Sentiment adds the sentiment family's term options and models (linear
// alone unless --models says otherwise: sentimentFitOptions).
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { TextEncodingName } from '../../lib/core/ingest/encoding';
import { stratifiedKFold } from '../../lib/core/evaluate/splits';
import { intentDataset } from '../../lib/core/models/intents';
import { polarityOf, sentimentFitOptions } from '../../lib/core/models/sentiment';
import { evaluateTexts, type TextEvaluation } from '../../lib/core/models/learners/text/evaluate';
import { fitTextClassifier, type TextFitOptions } from '../../lib/core/models/learners/text/fit';
import { columnIndex, labelledRows, readTextTable } from '../../lib/core/text/table';
import type { Interaction } from '../../lib/core/types';
import { int, list, str, type Args } from '../files';
import { rowErrorText } from '../../lib/i18n/rowErrors';

const r4 = (v: number) => (Number.isFinite(v) ? +v.toFixed(4) : v);

export interface LabelledFile {
  file: string;
  texts: string[];
  labels: string[];
  rowsRead: number;
  joined: { from: number; to: number }[];
  rejected: { row: number; column: string; message: string }[];
}

/** A labelled text CSV read through the app's decoder and record reader. */
export async function readLabelledFile(
  path: string,
  o: { textCol: string; labelCol: string; header: boolean; encoding?: TextEncodingName }
): Promise<LabelledFile> {
  const stream = createReadStream(path) as unknown as AsyncIterable<Uint8Array>;
  const t = await readTextTable(stream, { fileName: basename(path), header: o.header, encoding: o.encoding }); // prettier-ignore
  const l = labelledRows(t, columnIndex(t, o.textCol, '--text-col'), columnIndex(t, o.labelCol, '--label-col')); // prettier-ignore
  return {
    file: t.fileName,
    texts: l.texts,
    labels: l.labels,
    rowsRead: t.rows.length + t.rejected.length,
    joined: t.joined,
    rejected: [...t.rejected, ...l.rejected].map((e) => ({ row: e.row, column: e.column, message: rowErrorText('en', e) })) // prettier-ignore
  };
}

/** Labelled texts as the app stores support messages (the label is the intent). */
const asMessages = (f: LabelledFile, prefix: string): Interaction[] =>
  f.texts.map((text, i) => ({ id: `${prefix}${i}`, customerId: '', ts: 0, channel: 'file', kind: 'message', text, label: f.labels[i], batchId: 0 })); // prettier-ignore

export function fitOptions(args: Args): TextFitOptions {
  const models = list(args, 'models');
  for (const m of models ?? [])
    if (m !== 'linear' && m !== 'neural') throw new Error(`--models: unknown model "${m}" (choose from linear, neural)`); // prettier-ignore
  const target = str(args, 'target');
  const t = target === undefined ? 0.95 : Number(target);
  if (!(t > 0 && t <= 1)) throw new Error(`--target must be a share from 0 to 1, got "${target}"`);
  return { seed: int(args, 'seed', 42), targetAccuracy: t, ...(models ? { models: models as ('linear' | 'neural')[] } : {}) }; // prettier-ignore
}

interface Run {
  evaluation: TextEvaluation;
  ms: Record<string, number>;
  best: string;
}

async function trainAndTest(
  texts: string[],
  y: Int32Array,
  classes: string[],
  testTexts: string[],
  testY: Int32Array,
  o: TextFitOptions
): Promise<Run> {
  // prettier-ignore
  const t0 = performance.now();
  const { model, report } = await fitTextClassifier(texts, y, classes, o);
  const total = performance.now() - t0;
  const evaluation = evaluateTexts(model, testTexts, testY, 0);
  return { evaluation, ms: { ...report.ms, total }, best: model.combination.kind };
}

function modelFigures(runs: Run[]) {
  // Folds may choose different combinations: each model over the runs that have it.
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.evaluation.models)))];
  const has = (n: string) => runs.filter((r) => r.evaluation.models[n]);
  const stat = (v: number[]) => {
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    const sd =
      v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
    return runs.length > 1 ? { mean: r4(m), sd: r4(sd) } : r4(m);
  };
  return Object.fromEntries(
    names.map((n) => {
      const ms = (r: Run) => (n === 'ensemble' ? r.ms.total : (r.ms[n] ?? NaN) + r.ms.vectorise + r.ms.terms); // prettier-ignore
      const acc = has(n).map((r) => r.evaluation.models[n].accuracy);
      return [n, { accuracy: stat(acc), ...(runs.length > 1 ? { accuracyByRun: acc.map(r4) } : {}), macroF1: stat(has(n).map((r) => r.evaluation.models[n].macroF1)), trainMs: stat(has(n).map((r) => Math.round(ms(r)))) }]; // prettier-ignore
    })
  );
}

export async function run(args: Args): Promise<unknown> {
  const trainPath = str(args, 'train');
  const textCol = str(args, 'text-col');
  const labelCol = str(args, 'label-col');
  if (!trainPath || !textCol || !labelCol)
    throw new Error('give --train file.csv --text-col C --label-col C (a column name or a 1-based position)'); // prettier-ignore
  const testPath = str(args, 'test');
  if (testPath && args.folds !== undefined) throw new Error('give --test or --folds, not both');
  const read = { textCol, labelCol, header: !args['no-header'], encoding: str(args, 'encoding') as TextEncodingName | undefined }; // prettier-ignore
  const trainFile = await readLabelledFile(trainPath, read);
  const task = str(args, 'task') ?? (trainFile.labels.every((l) => polarityOf(l)) ? 'sentiment' : 'intent'); // prettier-ignore
  if (task !== 'intent' && task !== 'sentiment') throw new Error(`--task must be intent or sentiment, got "${task}"`); // prettier-ignore
  const o = task === 'sentiment' ? sentimentFitOptions(fitOptions(args)) : fitOptions(args);
  const ds = intentDataset(
    {
      customers: [],
      orders: [],
      relationships: [],
      products: [],
      interactions: asMessages(trainFile, 'train-')
    },
    {}
  );
  const classIndex = new Map(ds.classes.map((c, i) => [c, i]));
  const files = [trainFile];
  const runs: Run[] = [];
  let testRows = 0;
  if (testPath) {
    const testFile = await readLabelledFile(testPath, read);
    files.push(testFile);
    const keep = testFile.labels.map((l, i) => [l, i] as const).filter(([l]) => classIndex.has(l));
    const unseen = testFile.labels.length - keep.length;
    if (unseen) testFile.rejected.push({ row: 0, column: labelCol, message: `${unseen} test rows have a label the training file lacks (left out)` }); // prettier-ignore
    testRows = keep.length;
    runs.push(await trainAndTest(ds.texts, ds.y, ds.classes, keep.map(([, i]) => testFile.texts[i]), Int32Array.from(keep, ([l]) => classIndex.get(l)!), o)); // prettier-ignore
  } else {
    const folds = stratifiedKFold(ds.y, int(args, 'folds', 5, 2, 20), o.seed ?? 42);
    for (const f of folds) {
      testRows += f.test.length;
      runs.push(await trainAndTest(f.train.map((r) => ds.texts[r]), Int32Array.from(f.train, (r) => ds.y[r]), ds.classes, f.test.map((r) => ds.texts[r]), Int32Array.from(f.test, (r) => ds.y[r]), o)); // prettier-ignore
    }
  }
  const last = runs[runs.length - 1].evaluation;
  return {
    task,
    classes: ds.classes.length,
    train: ds.texts.length,
    test: testRows,
    ...(runs.length > 1 ? { folds: runs.length } : {}),
    models: modelFigures(runs),
    best: runs.map((r) => r.best).join(','),
    unsure: runs.length > 1
      ? { threshold: runs.map((r) => r4(r.evaluation.unsure.threshold)), coverage: runs.map((r) => r4(r.evaluation.unsure.coverage)), accuracyAnswered: runs.map((r) => r4(r.evaluation.unsure.accuracyAnswered)) } // prettier-ignore
      : { threshold: r4(last.unsure.threshold), coverage: r4(last.unsure.coverage), accuracyAnswered: r4(last.unsure.accuracyAnswered) }, // prettier-ignore
    msPerText: r4(runs.reduce((a, r) => a + r.evaluation.msPerText, 0) / runs.length),
    rare: ds.rare,
    files: files.map((f) => ({ file: f.file, rowsRead: f.rowsRead, rows: f.texts.length, joined: f.joined, rejected: f.rejected.slice(0, 10) })) // prettier-ignore
  };
}
