// Hook for bench/sections/browser-text.ts: window.__rapportBench.text(trainUrl, testUrl,
// textCol, labelCol) fetches two same-origin labelled CSVs, reads them through the app's text
// table reader and trains the intent classifier (linear SVM + embedding bag, calibration,
// threshold, refit) in this page's JavaScript engine, then measures it on the test file.
// Nothing is stored. Runs on the main thread: the bench page has nothing else to do.
import { evaluateTexts } from './core/models/learners/text/evaluate';
import { fitTextClassifier } from './core/models/learners/text/fit';
import { columnIndex, labelledRows, readTextTable } from './core/text/table';

async function read(url: string, textCol: string, labelCol: string) {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const t = await readTextTable(res.body as unknown as AsyncIterable<Uint8Array>, {
    fileName: url
  });
  return labelledRows(t, columnIndex(t, textCol), columnIndex(t, labelCol));
}

async function text(trainUrl: string, testUrl: string, textCol: string, labelCol: string) {
  const train = await read(trainUrl, textCol, labelCol);
  const test = await read(testUrl, textCol, labelCol);
  const classes = [...new Set(train.labels)].sort();
  const index = new Map(classes.map((c, i) => [c, i]));
  const t0 = performance.now();
  const { model, report } = await fitTextClassifier(train.texts, Int32Array.from(train.labels, (l) => index.get(l)!), classes); // prettier-ignore
  const trainMs = performance.now() - t0;
  const keep = test.labels.map((l, i) => i).filter((i) => index.has(test.labels[i]));
  const ev = evaluateTexts(model, keep.map((i) => test.texts[i]), Int32Array.from(keep, (i) => index.get(test.labels[i])!), 0); // prettier-ignore
  return { rows: train.texts.length, trainMs, ms: report.ms, accuracy: ev.accuracy, macroF1: ev.macroF1, models: ev.models, msPerText: ev.msPerText, chosen: model.combination.kind }; // prettier-ignore
}

if (typeof window !== 'undefined') {
  const w = window as unknown as { __rapportBench?: Record<string, unknown> };
  w.__rapportBench = { ...(w.__rapportBench ?? {}), text };
}
