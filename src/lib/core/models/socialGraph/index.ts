// Social network analysis: the graph family (influencers, communities) and the likely-connections
// family (link prediction), and the types their page, the CLI and the bench use.
export { socialGraph, type SocialGraphOptions, type SocialGraphReport } from './family';
export { likelyLinks, type LikelyLinksOptions, type LikelyLinksReport } from './linksFamily';
export type { GraphView, GraphNode } from './view';
export type { CommunitySummary, ValueSource } from './influence';
export type { LinkEvaluation, PredictorFigures } from './evaluateLinks';
export type { SuggestedLink, SuggestionPage } from './linksActions';
export type { EdgeListTiming } from './actions';
export { CO_PURCHASE } from './graph';
