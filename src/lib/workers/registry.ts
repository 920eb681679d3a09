// Worker side only: the implementations behind the Handlers interface (one line per area).
// Areas that need tfjs (compute, models, bench) are loaded on their first call, so a worker that
// only imports or counts never fetches or evaluates tfjs (several MB, about a second of startup).
import type { Handlers } from './handlers';
import type { BenchHandlers } from './handlers/bench';
import type { ComputeHandlers } from './handlers/compute';
import type { ModelsHandlers } from './handlers/models';
import { dataHandlers } from './handlers/data';
import { customersHandlers } from './handlers/customers';
import { privacyHandlers } from './handlers/privacy';
import { feedbackHandlers } from './handlers/feedback';
import { everydayHandlers } from './handlers/everyday';
import { mergeHandlers } from './families';

type AnyHandler = (args: unknown, ctx: unknown) => Promise<unknown>;

/** Handlers that load nothing heavy. */
const eager = mergeHandlers(
  dataHandlers,
  customersHandlers,
  privacyHandlers,
  feedbackHandlers,
  everydayHandlers
);

/** Fails the build when an area is missing here (each area types its own implementations). */
export type RegistryComplete = Handlers extends typeof eager &
  ComputeHandlers &
  ModelsHandlers &
  BenchHandlers
  ? true
  : never;
export const registryComplete: RegistryComplete = true;

let assetsBase: string | null = null;
let heavy: Promise<Record<string, AnyHandler>> | null = null;

async function loadHeavy(): Promise<Record<string, AnyHandler>> {
  const tf = await import('./tf');
  if (assetsBase) tf.configureWasm(assetsBase);
  const [compute, models, bench] = await Promise.all([
    import('./handlers/compute'),
    import('./handlers/models'),
    // Bench and dev builds only: the production build has no bench handlers.
    __RAPPORT_BENCH__ ? import('./handlers/bench') : null
  ]);
  // Merged with the eager map too, so a name defined in both fails here instead of never
  // being reached.
  const all = mergeHandlers(
    eager,
    compute.computeHandlers,
    models.modelsHandlers,
    bench?.benchHandlers ?? {}
  ) as unknown as Record<string, AnyHandler>;
  return all;
}

/** Where the wasm binaries live: applied when tfjs loads (or now, if it already has). */
export function configureAssets(base: string): void {
  assetsBase = base;
  if (heavy) void import('./tf').then((m) => m.configureWasm(base));
}

let light: Promise<Record<string, AnyHandler>> | null = null;

/**
 * The handler called `name`: an eager one; else one of the light model handlers (the same
 * functions as the tfjs areas' handlers of those names, reached without loading tfjs:
 * handlers/light.ts); else from the tfjs areas, loaded on first use.
 */
export async function findHandler(name: string): Promise<AnyHandler | undefined> {
  const h = (eager as unknown as Record<string, AnyHandler>)[name];
  if (h) return h;
  light ??= import('./handlers/light').then((m) => m.lightHandlers as Record<string, AnyHandler>);
  light.catch(() => (light = null));
  const l = (await light)[name];
  if (l) return l;
  heavy ??= loadHeavy();
  heavy.catch(() => (heavy = null));
  return (await heavy)[name];
}
