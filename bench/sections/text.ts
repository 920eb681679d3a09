// Text models: BANKING77 intents on the official split (3 seeds: accuracy, macro-F1 and train
// time per model, the "unsure" rule, inference time), ChnSentiCorp sentiment by stratified 5-fold
// cross-validation (seed 42), and FAQ retrieval on BANKING77 (one training message per intent as
// the FAQ question; top-1 / top-3 of the test messages, BM25 alone and with the learned
// embeddings). Node, WASM-free (the text models are plain TypeScript).
import { join } from 'node:path';
import { run as textCli, readLabelledFile } from '../../src/cli/commands/text';
import { fitTextClassifier } from '../../src/lib/core/models/learners/text/fit';
import { ReplyIndex } from '../../src/lib/core/models/replies/retrieve';
import type { BenchSection, Metrics } from '../types';

const SEEDS = (process.env.RAPPORT_BENCH_SEEDS ?? '42,43,44').split(',').map(Number);
const r4 = (v: number) => +v.toFixed(4);
const spread = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
  return { m, sd };
};

type Cli = { models: Record<string, { accuracy: number; macroF1: number; trainMs: number }>; best: string; unsure: { threshold: number; coverage: number; accuracyAnswered: number }; msPerText: number }; // prettier-ignore

const section: BenchSection = {
  name: 'text',
  order: 70,
  async run(ctx) {
    const data = join(ctx.root, '..', 'shared', 'datasets');
    const b77 = { train: join(data, 'banking77', 'train.csv'), test: join(data, 'banking77', 'test.csv') }; // prettier-ignore
    const out: Metrics = {};
    const runs: Cli[] = [];
    for (const seed of SEEDS) {
      ctx.log(`BANKING77 official split, seed ${seed}`);
      runs.push((await textCli({ ...b77, 'text-col': 'text', 'label-col': 'category', seed: String(seed) })) as Cli); // prettier-ignore
    }
    for (const name of Object.keys(runs[0].models))
      for (const k of ['accuracy', 'macroF1', 'trainMs'] as const) {
        const v = runs.map((r) => r.models[name]?.[k]).filter((x) => x !== undefined);
        const { m, sd } = spread(v);
        out[`banking77_${name}_${k}`] = k === 'trainMs' ? Math.round(m) : r4(m);
        out[`banking77_${name}_${k}_runs`] = v.map((x) => (k === 'trainMs' ? Math.round(x) : r4(x))).join(' / '); // prettier-ignore
        if (k !== 'trainMs') out[`banking77_${name}_${k}_sd`] = r4(sd);
      }
    out.banking77_chosen = runs.map((r) => r.best).join(' / ');
    out.banking77_unsure_threshold = runs.map((r) => r4(r.unsure.threshold)).join(' / ');
    out.banking77_unsure_coverage = runs.map((r) => r4(r.unsure.coverage)).join(' / ');
    out.banking77_unsure_accuracy_answered = runs.map((r) => r4(r.unsure.accuracyAnswered)).join(' / '); // prettier-ignore
    out.banking77_ms_per_message = r4(spread(runs.map((r) => r.msPerText)).m);

    ctx.log('ChnSentiCorp, stratified 5-fold, seed 42');
    const csc = (await textCli({ train: join(data, 'chnsenticorp', 'ChnSentiCorp_htl_all.csv'), folds: '5', 'text-col': '2', 'label-col': '1', 'no-header': true })) as { models: Record<string, { accuracy: { mean: number; sd: number }; accuracyByRun?: number[]; macroF1: { mean: number; sd: number }; trainMs: { mean: number } }>; best: string }; // prettier-ignore
    for (const [name, f] of Object.entries(csc.models)) {
      out[`chnsenticorp_${name}_accuracy`] = f.accuracy.mean;
      out[`chnsenticorp_${name}_accuracy_sd`] = f.accuracy.sd;
      out[`chnsenticorp_${name}_accuracy_folds`] = (f.accuracyByRun ?? []).join(' / ');
      out[`chnsenticorp_${name}_macroF1`] = f.macroF1.mean;
      out[`chnsenticorp_${name}_trainMs`] = Math.round(f.trainMs.mean);
    }
    out.chnsenticorp_chosen = csc.best;

    ctx.log('FAQ retrieval on BANKING77');
    const read = { textCol: 'text', labelCol: 'category', header: true };
    const train = await readLabelledFile(b77.train, read);
    const test = await readLabelledFile(b77.test, read);
    const faq = new Map<string, string>();
    train.texts.forEach((t, i) => faq.has(train.labels[i]) || faq.set(train.labels[i], t));
    const cands = [...faq].map(([label, q]) => ({ source: 'faq' as const, id: label, question: q, answer: label })); // prettier-ignore
    const classes = [...new Set(train.labels)].sort();
    const { model } = await fitTextClassifier(train.texts, Int32Array.from(train.labels, (l) => classes.indexOf(l)), classes, { models: ['neural'], refit: false }); // prettier-ignore
    for (const [name, index] of [
      ['bm25', new ReplyIndex(cands)],
      ['bm25_embedding', new ReplyIndex(cands, (t) => model.embed(t))]
    ] as const) {
      // prettier-ignore
      let top1 = 0;
      let top3 = 0;
      test.texts.forEach((t, i) => {
        const s = index.suggest(t, 3).map((x) => x.answer);
        if (s[0] === test.labels[i]) top1++;
        if (s.includes(test.labels[i])) top3++;
      });
      out[`faq_${name}_top1`] = r4(top1 / test.texts.length);
      out[`faq_${name}_top3`] = r4(top3 / test.texts.length);
    }
    return out;
  }
};
export default section;
