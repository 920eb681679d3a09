// The churn report as the results page shows it: held-out figures per learner, the selection
// procedure and the baseline; ROC, PR, calibration and gains curves from out-of-fold scores
// (thinned for drawing); and confusion matrices at the thresholds chosen inside each fold or at
// one the user picks.
import { calibrationCurve, gainsCurve, prCurve, rocCurve } from '../../evaluate/curves';
import { confusionMatrix, rocAuc, type ConfusionMatrix } from '../../evaluate/metrics';
import { riskiestLift, type RiskLift } from '../headline';
import type { ChurnReport, LearnerSummary } from './train';

export interface CurveData {
  label: string;
  x: number[];
  y: number[];
  auc: number;
}

export interface ChurnView {
  label: ChurnReport['label'];
  rows: number;
  labelRate: number;
  folds: number;
  learners: LearnerSummary[];
  selected: LearnerSummary;
  baseline: LearnerSummary;
  final: ChurnReport['final'];
  roc: CurveData[];
  pr: CurveData[];
  calibration: { label: string; x: number[]; y: number[] }[];
  gains: { label: string; x: number[]; y: number[] }[];
  /** The selected model's out-of-fold counts, each fold at the threshold chosen inside it. */
  confusion: ConfusionMatrix;
  importance: ChurnReport['importance'];
  columns: ChurnReport['columns'];
  trainingMs: number;
  /** The headline: how much more often the riskiest tenth left (out-of-fold, selected model). */
  lift?: RiskLift;
}

/** Keep a few hundred points of a long curve: enough to draw it. */
function thin(label: string, x: number[], y: number[], auc: number): CurveData {
  const step = Math.max(1, Math.floor(x.length / 400));
  const keep = (_: number, i: number) => i % step === 0 || i === x.length - 1;
  return { label, x: x.filter(keep), y: y.filter(keep), auc };
}

/** Out-of-fold counts with each fold's own threshold (what was decided inside that fold). */
export function foldConfusion(r: ChurnReport, name = 'selected'): ConfusionMatrix {
  const s = r.oof[name];
  const thr = r.thresholds[name];
  const cm = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < r.y.length; i++) {
    const pred = s[i] >= thr[r.foldOf[i]];
    if (r.y[i] === 1) pred ? cm.tp++ : cm.fn++;
    else pred ? cm.fp++ : cm.tn++;
  }
  return cm;
}

/** Out-of-fold counts of the selected model at one threshold the user picked. */
export function confusionAt(r: ChurnReport, threshold: number): ConfusionMatrix {
  return confusionMatrix(r.y, r.oof.selected, threshold);
}

export function presentChurn(r: ChurnReport): ChurnView {
  const names = ['selected', ...r.learners.map((l) => l.learner), 'baseline'];
  const roc = names.map((n) => {
    const c = rocCurve(r.y, r.oof[n]);
    return thin(n, c.fpr, c.tpr, rocAuc(r.y, r.oof[n]));
  });
  const pr = names.map((n) => {
    const c = prCurve(r.y, r.oof[n]);
    const m = n === 'selected' ? r.selected : n === 'baseline' ? r.baseline : r.learners.find((l) => l.learner === n)!; // prettier-ignore
    return thin(n, c.recall, c.precision, m.mean.prAuc);
  });
  const calibration = names
    .filter((n) => n !== 'baseline')
    .map((n) => {
      const bins = calibrationCurve(r.y, r.oof[n]).bins.filter((b) => b.count > 0);
      return {
        label: n,
        x: bins.map((b) => b.meanPredicted),
        y: bins.map((b) => b.fractionPositive)
      };
    });
  const gains = names.map((n) => {
    const g = gainsCurve(r.y, r.oof[n]);
    return { label: n, x: [0, ...g.map((p) => p.fraction)], y: [0, ...g.map((p) => p.gain)] };
  });
  return {
    label: r.label,
    rows: r.rows,
    labelRate: r.labelRate,
    folds: r.folds,
    learners: r.learners,
    selected: r.selected,
    baseline: r.baseline,
    final: r.final,
    roc,
    pr,
    calibration,
    gains,
    confusion: foldConfusion(r),
    importance: r.importance,
    columns: r.columns,
    trainingMs: r.trainingMs,
    lift: riskiestLift(r.y, r.oof.selected, 0.1)
  };
}
