// A trained churn model: the feature encoder plus a classifier (logistic regression or MLP).
// Scores customers, explains one customer's risk and answers what-if questions.
import type { RawTable, RawValue } from '../../features/columns';
import {
  columnGroups,
  encodeRecord,
  encodeRows,
  meanVector,
  type Encoder
} from '../../features/encode';
import type { Reason, SavedModel } from '../model';
import { LogisticRegression } from './logistic';
import { Mlp } from './mlp';
import { phrase, reasonDetail, type ColumnMeta, type ReasonDetail } from './reasons';

export type ChurnKind = 'logistic' | 'mlp';

/** A reason in English words plus its structured form (key + params) for translation. */
export type ChurnReason = Reason & ReasonDetail;

const logit = (p: number) => Math.log(Math.max(p, 1e-7) / Math.max(1 - p, 1e-7));

export class ChurnModel {
  constructor(
    readonly classifier: LogisticRegression | Mlp,
    readonly encoder: Encoder,
    readonly meta: ColumnMeta[]
  ) {}

  get kind(): ChurnKind {
    return this.classifier.kind;
  }

  static metaOf(raw: RawTable): ColumnMeta[] {
    return raw.columns.map(({ name, label, origin, kind, unit }) => ({
      name,
      label,
      origin,
      kind,
      ...(unit ? { unit } : {})
    }));
  }

  /** Churn risk (0..1) of every row of an already encoded matrix. */
  predict(X: Float32Array): Float32Array {
    return this.classifier.predict(X);
  }

  /** Churn risk of every customer of a raw table (encoded with this model's encoder). */
  scoreTable(raw: RawTable): Float32Array {
    return this.predict(encodeRows(this.encoder, raw));
  }

  riskOf(record: Record<string, RawValue>): number {
    return this.predict(encodeRecord(this.encoder, record))[0];
  }

  /**
   * Factors behind one customer's risk. Effect of an input = logit(risk) minus logit(risk with
   * that input's encoded columns set to the population average (meanVector: mean of each
   * standardised numeric, share of each category level)), in log-odds. For logistic regression
   * this is exactly sum_j coef_j * (x_j - mean_j), "coefficient x standardised value"; for the
   * MLP it is the change in risk when the input is made average. (The mode would make the
   * most common value, e.g. month-to-month, never a reason.)
   */
  explain(record: Record<string, RawValue>, topK = 5): ChurnReason[] {
    const x = encodeRecord(this.encoder, record);
    const base = meanVector(this.encoder);
    const groups = columnGroups(this.encoder);
    const p = x.length;
    const batch = new Float32Array((groups.length + 1) * p);
    batch.set(x, 0);
    groups.forEach((g, k) => {
      const row = batch.subarray((k + 1) * p, (k + 2) * p);
      row.set(x);
      for (const j of g.cols) row[j] = base[j];
    });
    const risk = this.predict(batch);
    const metaBy = new Map(this.meta.map((m) => [m.name, m]));
    const reasons: ChurnReason[] = [];
    const specBy = new Map(this.encoder.specs.map((s) => [s.source, s]));
    groups.forEach((g, k) => {
      const effect = logit(risk[0]) - logit(risk[k + 1]);
      const m = metaBy.get(g.source);
      if (!m || Math.abs(effect) < 1e-4) return;
      const spec = specBy.get(g.source);
      reasons.push({
        ...reasonDetail(m, record, spec?.type === 'numeric' ? spec.median : undefined),
        feature: g.source,
        text: phrase(m, record),
        effect,
        direction: effect > 0 ? 'raises' : 'lowers'
      });
    });
    return reasons.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, topK);
  }

  toJSON(meta: Partial<SavedModel> = {}): SavedModel {
    const inner = this.classifier.toJSON();
    return {
      ...inner,
      kind: `churn-${this.kind}`,
      params: { classifier: inner.params, encoder: this.encoder, columns: this.meta },
      ...meta
    };
  }

  static fromJSON(saved: SavedModel): ChurnModel {
    const params = saved.params as {
      classifier: Record<string, unknown>;
      encoder: Encoder;
      columns: ColumnMeta[];
    };
    const inner = { ...saved, params: params.classifier };
    const clf =
      saved.kind === 'churn-mlp' ? Mlp.fromJSON(inner) : LogisticRegression.fromJSON(inner);
    return new ChurnModel(clf, params.encoder, params.columns);
  }
}

/** Risk before and after changing some of a customer's raw values. */
export function whatIf(
  model: ChurnModel,
  record: Record<string, RawValue>,
  changes: Record<string, RawValue>
): { before: number; after: number; change: number } {
  const before = model.riskOf(record);
  const after = model.riskOf({ ...record, ...changes });
  return { before, after, change: after - before };
}
