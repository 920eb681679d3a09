// Figures of a text classifier on labelled texts it never saw: accuracy and macro-F1 of the
// chosen combination and of each model alone, per-class precision / recall / F1, the confusion
// matrix, the "unsure" rule's coverage and answered accuracy, and examples of mistakes.
import { unsureFigures } from './calibrate';
import { TextClassifier, type TextModelKind } from './classifier';

export interface ClassFigures {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Mistake {
  text: string;
  truth: string;
  predicted: string;
  confidence: number;
}

export interface TextEvaluation {
  rows: number;
  accuracy: number;
  macroF1: number;
  /** Accuracy and macro-F1 of each trained model alone, and of the chosen combination. */
  models: Record<string, { accuracy: number; macroF1: number }>;
  perClass: ClassFigures[];
  /** counts[truth][predicted], in `classes` order. */
  confusion: number[][];
  unsure: { threshold: number; coverage: number; accuracyAnswered: number };
  mistakes: Mistake[];
  /** Mean prediction time per text, ms. */
  msPerText: number;
}

const argmax = (v: ArrayLike<number>): number => {
  let b = 0;
  for (let j = 1; j < v.length; j++) if (v[j] > v[b]) b = j;
  return b;
};

/** Per-class figures and macro-F1 from a confusion matrix. */
export function classFigures(confusion: number[][], classes: string[]): ClassFigures[] {
  return classes.map((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
}

/** Macro-F1 over the classes present in the truth. */
export function macroF1(figs: ClassFigures[]): number {
  const present = figs.filter((f) => f.support > 0);
  return present.length ? present.reduce((a, f) => a + f.f1, 0) / present.length : NaN;
}

function figuresOf(pred: number[], y: ArrayLike<number>, classes: string[]) {
  const k = classes.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let ok = 0;
  pred.forEach((p, i) => {
    confusion[y[i]][p]++;
    if (p === y[i]) ok++;
  });
  const perClass = classFigures(confusion, classes);
  return { accuracy: pred.length ? ok / pred.length : NaN, macroF1: macroF1(perClass), perClass, confusion }; // prettier-ignore
}

export function evaluateTexts(
  model: TextClassifier,
  texts: readonly string[],
  y: ArrayLike<number>,
  maxMistakes = 50
): TextEvaluation {
  const c = model.combination;
  const t0 = performance.now();
  const preds = texts.map((t) => model.predict(t));
  const msPerText = texts.length ? (performance.now() - t0) / texts.length : NaN;
  const chosen = figuresOf(
    preds.map((p) => p.top),
    y,
    model.classes
  );
  const models: TextEvaluation['models'] = {};
  const alone: TextModelKind[] = [];
  if (model.linear) alone.push('linear');
  if (model.neural) alone.push('neural');
  if (alone.length > 1) {
    const logits = texts.map((t) => model.logits(t));
    for (const kind of alone) {
      const f = figuresOf(logits.map((l) => argmax(TextClassifier.combine(l, { ...c, kind }))), y, model.classes); // prettier-ignore
      models[kind] = { accuracy: f.accuracy, macroF1: f.macroF1 };
    }
  }
  models[c.kind] = { accuracy: chosen.accuracy, macroF1: chosen.macroF1 };
  const correct = preds.map((p, i) => p.top === y[i]);
  const mistakes = preds
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => p.top !== y[i])
    .sort((a, b) => b.p.confidence - a.p.confidence)
    .slice(0, maxMistakes)
    .map(({ p, i }) => ({
      text: texts[i],
      truth: model.classes[y[i]],
      predicted: model.classes[p.top],
      confidence: p.confidence
    }));
  return {
    rows: texts.length,
    accuracy: chosen.accuracy,
    macroF1: chosen.macroF1,
    models,
    perClass: chosen.perClass,
    confusion: chosen.confusion,
    unsure: {
      threshold: model.threshold,
      ...unsureFigures(
        preds.map((p) => p.confidence),
        correct,
        model.threshold
      )
    },
    mistakes,
    msPerText
  };
}
