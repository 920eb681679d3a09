// Worker side only: the implementations behind the Handlers interface (one line per area).
// `satisfies` makes the build fail when an implementation is missing or mistyped.
import type { Handlers } from './handlers';
import { computeHandlers } from './handlers/compute';

export const registry = {
  ...computeHandlers
} satisfies Handlers;
