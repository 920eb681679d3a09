// Churn risk: the family and the types its pages and the CLI use.
export { churnRisk, TOP_REASONS, type ChurnExplanation } from './family';
export {
  churnDataset,
  planLabel,
  type ChurnOptions,
  type ChurnDataset,
  type LabelPlan
} from './dataset';
export type { ChurnReport, LearnerSummary, EpochProgress } from './train';
export type { ChurnView, CurveData } from './present';
export type { FeatureTableView, RankedRow, RankedPage } from './actions';
export type { WhatIfColumn } from './model';
export type { StructuredReason, ReasonDetail } from './reasons';
