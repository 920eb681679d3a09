// Worker side only: the implementations behind the Handlers interface (one line per area).
// `satisfies` makes the build fail when an implementation is missing or mistyped.
import type { Handlers } from './handlers';
import { computeHandlers } from './handlers/compute';
import { dataHandlers } from './handlers/data';
import { customersHandlers } from './handlers/customers';
import { modelsHandlers } from './handlers/models';
import { benchHandlers } from './handlers/bench';

export const registry = {
  ...computeHandlers,
  ...dataHandlers,
  ...customersHandlers,
  ...modelsHandlers,
  ...benchHandlers
} satisfies Handlers;
