// Intent routing and suggested replies: the family and the types the inbox and the CLI use.
export { intentRouting, type IntentDetail } from './family';
export { intentDataset, type IntentOptions, type IntentDataset } from './dataset';
export type { TextReport } from './train';
export type { InboxRow, InboxPage } from './actions';
export { UNSURE_QUEUE } from './actions';
export type { TextEpochProgress } from '../learners/text/fit';
export type { TextEvaluation } from '../learners/text/evaluate';
export type { Suggestion } from '../replies/retrieve';
export type { FaqEntry } from '../replies/faq';
