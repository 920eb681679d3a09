// "Load sample data": a seeded, realistic shop generated on the device. See README.md.
export {
  DEFAULT_END,
  generateSampleShop,
  generateSampleShopWithTruth,
  type SampleShop,
  type SampleShopOptions,
  type SampleTruth
} from './shop';
export { isoDate, sampleAsCsv } from './csv';
export { INTENTS, type Intent } from './templates';
export { Rng } from './rng';
export { SAMPLE_SOURCE, storeSampleShop, type StoreSampleOptions } from './store';
