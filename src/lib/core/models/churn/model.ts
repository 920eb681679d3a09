// A trained churn model: the chosen learner (encoder + classifier), the columns it reads with
// their typical values, and the decision threshold chosen on held-out training rows. Scores
// customers, explains one customer's risk and answers what-if questions.
import type { RawTable, RawValue } from '../../features/columns';
import { rawRecord } from '../../features/table';
import type { SavedModel } from '../model';
import { Gbdt } from '../learners/gbdt/gbdt';
import { TabularModel, type LearnerKind } from '../learners/tabular';
import { phraseWithTypical, reasonDetail, type ColumnMeta, type StructuredReason } from './reasons';

/** A raw input the what-if panel can change, with its current value and choices. */
export interface WhatIfColumn {
  name: string;
  label: string;
  kind: 'numeric' | 'categorical';
  value: RawValue;
  typical: RawValue;
  levels?: string[];
}

export class ChurnModel {
  constructor(
    readonly tab: TabularModel,
    readonly meta: ColumnMeta[],
    /** Training median (numeric) or most common level (categorical) of each column. */
    readonly typical: Record<string, RawValue>,
    /** Decision threshold for "will churn", chosen on held-out training rows. */
    readonly threshold: number
  ) {}

  get learner(): LearnerKind {
    return this.tab.config.kind;
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

  /** The typical value of each column, from the encoder fitted on the training rows. */
  static typicalOf(tab: TabularModel): Record<string, RawValue> {
    const out: Record<string, RawValue> = {};
    for (const s of tab.encoder.specs) out[s.source] = s.type === 'numeric' ? s.median : s.mode;
    return out;
  }

  /** Churn risk (0..1) of every row of a raw table. */
  scoreTable(raw: RawTable): Float32Array {
    return this.tab.predictTable(raw);
  }

  riskOf(record: Record<string, RawValue>): number {
    return this.tab.predictRecords([record])[0];
  }

  /**
   * The inputs behind one customer's risk. Each input's effect is the change in risk when it
   * alone is set to its typical value (training median or most common level):
   * effect = risk − risk with that input typical. So every reason is faithful by construction —
   * setting it to typical moves the risk the stated way — and reasons are ordered by how far
   * that moves the risk, the largest first. Inputs already at their typical value have no
   * effect and are never a reason.
   */
  explain(record: Record<string, RawValue>, topK = 5): StructuredReason[] {
    return this.explainMany([record], topK)[0];
  }

  /** `explain` for many customers, predicted in large batches (fast for every learner). */
  explainMany(records: Record<string, RawValue>[], topK = 3): StructuredReason[][] {
    const out: StructuredReason[][] = [];
    const CHUNK = 256;
    for (let s = 0; s < records.length; s += CHUNK) {
      const part = records.slice(s, s + CHUNK);
      const plans = part.map((record) => ({
        record,
        cols: this.meta.filter((m) => !sameValue(record[m.name], this.typical[m.name]))
      }));
      const batch = plans.flatMap(({ record, cols }) => [
        record,
        ...cols.map((m) => ({ ...record, [m.name]: this.typical[m.name] }))
      ]);
      const risk = this.tab.predictRecords(batch);
      let at = 0;
      for (const { record, cols } of plans) {
        const base = risk[at];
        const reasons: StructuredReason[] = [];
        cols.forEach((m, k) => {
          const effect = base - risk[at + k + 1];
          // Below a tenth of a risk point an input explains nothing.
          if (Math.abs(effect) < 1e-3) return;
          const typical = this.typical[m.name];
          reasons.push({
            ...reasonDetail(m, record, typical),
            feature: m.name,
            text: phraseWithTypical(m, record, typical),
            direction: effect > 0 ? 'up' : 'down',
            weight: Math.abs(effect),
            riskIfTypical: risk[at + k + 1]
          });
        });
        at += cols.length + 1;
        out.push(reasons.sort((a, b) => b.weight - a.weight).slice(0, topK));
      }
    }
    return out;
  }

  /** Reasons of every row of a raw table (top `topK` each). */
  explainTable(raw: RawTable, topK = 3): StructuredReason[][] {
    return this.explainMany(
      raw.ids.map((_, i) => rawRecord(raw, i)),
      topK
    );
  }

  /** Exact contributions in log-odds (TreeSHAP) per input, when the learner is a tree model. */
  contributions(record: Record<string, RawValue>): { feature: string; value: number }[] | null {
    const clf = this.tab.classifier;
    if (!(clf instanceof Gbdt)) return null;
    const x = this.tab.encodeRecords([record]);
    const { values } = clf.shap(x);
    const bySource = new Map<string, number>();
    this.tab.encoder.columns.forEach((c, j) =>
      bySource.set(c.source, (bySource.get(c.source) ?? 0) + values[j])
    );
    return [...bySource.entries()]
      .map(([feature, value]) => ({ feature, value }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  }

  /** The inputs the what-if panel offers, with this customer's values. */
  whatIfColumns(record: Record<string, RawValue>): WhatIfColumn[] {
    const specs = new Map(this.tab.encoder.specs.map((s) => [s.source, s]));
    return this.meta.map((m) => {
      const spec = specs.get(m.name);
      const levels =
        spec?.type === 'categorical'
          ? [...new Set([spec.mode, ...spec.levels])].filter(
              (l) => l !== 'other' && l !== 'missing'
            )
          : undefined;
      return {
        name: m.name,
        label: m.label,
        kind: m.kind,
        value: record[m.name] ?? null,
        typical: this.typical[m.name] ?? null,
        ...(levels ? { levels } : {})
      };
    });
  }

  /** Risk before and after changing some of a customer's raw values. */
  whatIf(
    record: Record<string, RawValue>,
    changes: Record<string, RawValue>
  ): { before: number; after: number; change: number } {
    const [before, after] = this.tab.predictRecords([record, { ...record, ...changes }]);
    return { before, after, change: after - before };
  }

  toJSON(): SavedModel {
    const inner = this.tab.toJSON();
    return {
      kind: `churn-${this.learner}`,
      version: 0,
      createdAt: Date.now(),
      params: {
        config: inner.config,
        encoder: inner.encoder,
        classifier: { ...inner.classifier, weights: undefined },
        columns: this.meta,
        typical: this.typical,
        threshold: this.threshold
      },
      metrics: {},
      trainingMs: 0,
      backend: inner.classifier.backend,
      snapshotDate: 0,
      weights: inner.classifier.weights
    };
  }

  static fromJSON(saved: SavedModel): ChurnModel {
    const p = saved.params as {
      config: TabularModel['config'];
      encoder: TabularModel['encoder'];
      classifier: SavedModel;
      columns: ColumnMeta[];
      typical: Record<string, RawValue>;
      threshold: number;
    };
    const tab = TabularModel.fromJSON({
      config: p.config,
      encoder: p.encoder,
      classifier: { ...p.classifier, weights: saved.weights }
    });
    return new ChurnModel(tab, p.columns, p.typical, p.threshold);
  }

  dispose(): void {
    this.tab.dispose();
  }
}

function sameValue(a: RawValue | undefined, b: RawValue | undefined): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  return typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) < 1e-9
    : String(a) === String(b);
}
