// Sentiment of support messages: the family, the lexicon baseline and the churn-feature trend.
export {
  sentimentModel,
  polarityOf,
  sentimentFitOptions,
  SENTIMENT_TERMS,
  SENTIMENT_MODELS,
  type SentimentReport,
  type SentimentOptions
} from './family';
export { lexiconSentiment } from './lexicon';
export { sentimentTrend, type SentimentTrend } from './trend';
