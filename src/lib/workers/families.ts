// One handler factory for every model family: `<family>.train`, `.results`, `.scores`,
// `.explain`, `.versions`, `.activate`, `.challenge` (families with a challenger: retraining on
// user feedback, core/models/challenge.ts), plus the family's own actions, all thin adapters over
// the model runtime in core. A new family gets its handlers from one line in handlers.ts.
import type {
  ActionsOf,
  AnyFamily,
  ExplanationOf,
  OptionsOf,
  TrainProgress,
  ViewOf
} from '../core/models/family';
import { challenge, type ChallengeResult } from '../core/models/challenge';
import type { ModelVersion } from '../core/models/registry';
import type {
  FamilyEnv,
  FamilyResults,
  ModelRuntime,
  ScorePage,
  TrainSummary
} from '../core/models/runtime';
import type { Handler, TaskContext } from './protocol';

type Id<F extends AnyFamily> = F['id'];
type ActionArgs<A, K extends keyof A> = A[K] extends (env: FamilyEnv, args: infer X) => unknown ? X : never; // prettier-ignore
type ActionResult<A, K extends keyof A> = A[K] extends (...a: never[]) => Promise<infer R> ? R : never; // prettier-ignore

export type FamilyHandlers<F extends AnyFamily> = {
  [K in `${Id<F>}.train`]: Handler<OptionsOf<F> | undefined, TrainSummary>;
} & {
  [K in `${Id<F>}.results`]: Handler<
    { modelId?: string } | undefined,
    FamilyResults<ViewOf<F>> | null
  >;
} & {
  [K in `${Id<F>}.scores`]: Handler<
    { modelId?: string; offset?: number; limit?: number; ascending?: boolean } | undefined,
    ScorePage
  >;
} & {
  [K in `${Id<F>}.explain`]: Handler<{ id: string; modelId?: string }, ExplanationOf<F> | null>;
} & {
  [K in `${Id<F>}.versions`]: Handler<undefined, ModelVersion[]>;
} & {
  [K in `${Id<F>}.activate`]: Handler<{ id: string }, ModelVersion[]>;
} & (F extends { challenger: object }
    ? { [K in `${Id<F>}.challenge`]: Handler<OptionsOf<F> | undefined, ChallengeResult> }
    : unknown) & {
    [K in keyof ActionsOf<F> & string as `${Id<F>}.${K}`]: Handler<
      ActionArgs<ActionsOf<F>, K>,
      ActionResult<ActionsOf<F>, K>
    >;
  };

/** The progress a page sees: done/total, a phase and its parameters, and any live payload. */
function forward(ctx: TaskContext) {
  return (p: TrainProgress) =>
    ctx.progress({
      done: p.done,
      total: p.total,
      message: p.phase,
      data: p.data ?? (p.params ? { type: 'phase', phase: p.phase, params: p.params } : undefined)
    });
}

export function familyHandlers<F extends AnyFamily>(
  family: F,
  runtime: () => ModelRuntime
): FamilyHandlers<F> {
  const id = family.id;
  const env = (ctx: TaskContext): FamilyEnv => ({
    runtime: runtime(),
    family,
    signal: ctx.signal,
    progress: forward(ctx)
  });
  const out: Record<string, Handler<never, unknown>> = {
    [`${id}.train`]: (options: OptionsOf<F> | undefined, ctx: TaskContext) =>
      runtime().train(family, (options ?? {}) as OptionsOf<F>, {
        signal: ctx.signal,
        progress: forward(ctx)
      }),
    [`${id}.results`]: (a: { modelId?: string } | undefined) =>
      runtime().results(family, a?.modelId),
    [`${id}.scores`]: (a: Parameters<ModelRuntime['scores']>[1] | undefined) =>
      runtime().scores(family, a ?? {}),
    [`${id}.explain`]: (a: { id: string; modelId?: string }) =>
      runtime().explain(family, a.id, a.modelId),
    [`${id}.versions`]: () => runtime().versions(family),
    [`${id}.activate`]: (a: { id: string }) => runtime().activate(family, a.id)
  };
  if (family.challenger)
    out[`${id}.challenge`] = (options: OptionsOf<F> | undefined, ctx: TaskContext) =>
      challenge(runtime(), family, options, { signal: ctx.signal, progress: forward(ctx) });
  const actions = (family.actions ?? {}) as Record<string, Action>;
  Object.assign(
    out,
    actionHandlers(id, actions, Object.keys(actions), () => env)
  );
  return out as unknown as FamilyHandlers<F>;
}

type Action = (e: FamilyEnv, a: unknown) => Promise<unknown>;

/** `<id>.<name>` for each action named, run with the environment `envOf(name)` gives a task. */
function actionHandlers<A extends object>(
  id: string,
  actions: A,
  names: readonly (keyof A & string)[],
  envOf: (name: string) => (ctx: TaskContext) => FamilyEnv
): Record<string, Handler<never, unknown>> {
  const out: Record<string, Handler<never, unknown>> = {};
  for (const name of names) {
    const action = actions[name] as Action;
    const env = envOf(name);
    out[`${id}.${name}`] = (args: unknown, ctx: TaskContext) => action(env(ctx), args);
  }
  return out;
}

/**
 * Handlers for a family's actions that read only `env.runtime` (never the family object, whose
 * training code brings tfjs): the registry serves these names before tfjs has loaded
 * (handlers/light.ts). They are the very functions familyHandlers registers under the same
 * names (both through actionHandlers), so either route gives the same answer.
 */
export function lightActionHandlers<A extends object>(
  id: string,
  actions: A,
  names: readonly (keyof A & string)[],
  runtime: () => ModelRuntime
): Record<string, Handler<never, unknown>> {
  return actionHandlers(id, actions, names, (name) => (ctx) => ({
    runtime: runtime(),
    get family(): never {
      throw new Error(`${id}.${name} is served without tfjs and cannot use its family`);
    },
    signal: ctx.signal,
    progress: forward(ctx)
  }));
}

/**
 * Merge handler maps into one, refusing a name defined twice (object spread would let the
 * later map silently replace the earlier one's handler).
 */
export function mergeHandlers<T extends object[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const m of maps)
    for (const [k, v] of Object.entries(m)) {
      if (k in out) throw new Error(`worker handler "${k}" is defined twice`);
      out[k] = v;
    }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never; // prettier-ignore
