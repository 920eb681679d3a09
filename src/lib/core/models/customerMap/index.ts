// The customer map and anomaly alerts: the family and the types its page uses.
export { customerMap, type MapExplanation } from './family';
export type { MapOptions } from './dataset';
export type { MapReport, MapEpochProgress } from './train';
export type { MapPoints, UnusualCustomer } from './actions';
export type { UnusualColumn } from './model';
export type { SavedSegment } from './segments';
export type { AnomalyKind } from './anomalies';
