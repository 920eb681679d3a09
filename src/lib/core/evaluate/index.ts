// The evaluation library: metrics, curves, ranking metrics, splits and cross-validation.
export * from './metrics';
export * from './curves';
export * from './ranking';
export * from './splits';
export * from './crossValidate';
