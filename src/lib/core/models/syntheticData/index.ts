// Synthetic customers: the family and the types its page and the CLI use.
export { syntheticData } from './family';
export { SYNTH_KINDS, type SynthKind, type SynthOptions } from './dataset';
export type { SynthReport, SynthModelReport, GanEpochProgress } from './train';
export type { ExportReport, SyntheticExport } from './actions';
export type { QualityReport } from './report/quality';
export type { PrivacyReport } from './report/privacy';
export type { EfficacyReport } from './report/efficacy';
