// Churn risk as a model family: who is likely to leave, and why (see README.md).
import { rawRecord } from '../../features/table';
import {
  checkAborted,
  yieldToLoop,
  type ModelFamily,
  type ScoreRow,
  type TrainContext
} from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { CHURN_ID, churnActions } from './actions';
import { churnChallenger } from './challenge';
import { churnDataset, type ChurnDataset, type ChurnOptions } from './dataset';
import { ChurnModel, type WhatIfColumn } from './model';
import { presentChurn, type ChurnView } from './present';
import type { StructuredReason } from './reasons';
import { trainChurnModel, type ChurnReport } from './train';

/** Reasons stored with each score (the list and the customer page show them). */
export const TOP_REASONS = 3;

export interface ChurnExplanation {
  risk: number;
  reasons: StructuredReason[];
  columns: WhatIfColumn[];
  /** TreeSHAP contributions in log-odds per input, for tree models. */
  contributions: { feature: string; value: number }[] | null;
  threshold: number;
}

export const churnRisk = {
  id: CHURN_ID,
  needs: ['customers', 'orders', 'interactions', 'relationships', 'products'],
  entity: 'customer',
  usesTf: true,
  dataset: (inputs: DataInputs, o: ChurnOptions) => churnDataset(inputs, o),
  train: (ds: ChurnDataset, ctx: TrainContext) => trainChurnModel(ds, ctx),
  async score(model: ChurnModel, ds: ChurnDataset, ctx: TrainContext): Promise<ScoreRow[]> {
    const raw = ds.scoring;
    const risk = model.scoreTable(raw);
    const out: ScoreRow[] = [];
    const CHUNK = 2000;
    for (let s = 0; s < raw.ids.length; s += CHUNK) {
      checkAborted(ctx.signal);
      const rows = Array.from({ length: Math.min(CHUNK, raw.ids.length - s) }, (_, i) => s + i);
      const reasons = model.explainMany(
        rows.map((r) => rawRecord(raw, r)),
        TOP_REASONS
      );
      rows.forEach((r, i) =>
        out.push({
          entityKind: 'customer',
          entityId: raw.ids[r],
          item: '',
          value: risk[r],
          detail: { reasons: reasons[i] }
        })
      );
      await yieldToLoop();
    }
    return out;
  },
  present: (r: ChurnReport): ChurnView => presentChurn(r),
  explain(model: ChurnModel, ds: ChurnDataset, id: string): ChurnExplanation | null {
    const row = ds.scoring.ids.indexOf(id);
    if (row < 0) return null;
    const record = rawRecord(ds.scoring, row);
    return {
      risk: model.riskOf(record),
      reasons: model.explain(record, 5),
      columns: model.whatIfColumns(record),
      contributions: model.contributions(record),
      threshold: model.threshold
    };
  },
  save: (m: ChurnModel): SavedModel => m.toJSON(),
  load: (saved: SavedModel) => ChurnModel.fromJSON(saved),
  dispose: (m: ChurnModel) => m.dispose(),
  challenger: churnChallenger,
  actions: churnActions
} as const satisfies ModelFamily<
  ChurnOptions,
  ChurnDataset,
  ChurnModel,
  ChurnReport,
  ChurnView,
  ChurnExplanation,
  typeof churnActions
>;
