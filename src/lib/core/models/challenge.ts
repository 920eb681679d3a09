// Retraining on user feedback as a challenger, the same for every family that has feedback
// (a `challenger` on its ModelFamily): the family's signals from the one feedback store go into
// the new version's options (churn's "saved" / "left anyway" marks as labels, the inbox's intent
// corrections as labels, accepted recommendations as purchases); the new version is saved, but
// replaces the one in use (the champion) only when it is better on the same held-out rows — rows
// the challenger was not fitted on, less those any feedback concerns, labelled from the data —
// by more than chance (core/feedback/champion.ts). The champion may have been fitted on some of
// these rows, which can only favour it: the test is conservative.
import { compareMeans, compareOnHoldout, type Comparison } from '../feedback/champion';
import { feedbackOf } from '../feedback/store';
import type { AnyFamily, HeldOut, OptionsOf, TrainContext } from './family';
import type { ModelRuntime, TrainSummary } from './runtime';

export interface ChallengeResult extends TrainSummary {
  /** The version in use before; null when there was none (the new one is promoted). */
  championId: string | null;
  promoted: boolean;
  comparison: Comparison | null;
  /** Feedback signals of the family the challenger was given (before its own filtering). */
  feedback: number;
  /** Set when the champion could not score the held-out rows (e.g. a column it needs is gone). */
  incomparable?: string;
}

/** Compare what `heldOut` returned. */
export function compareHeldOut(h: HeldOut): Comparison {
  return h.kind === 'auc'
    ? compareOnHoldout(h.labels, h.champion, h.challenger)
    : compareMeans(h.metric, h.champion, h.challenger);
}

/**
 * Train a challenger of `family` with `options` (none: the champion's, as the app's idle
 * retraining does) plus the family's feedback; promote it only when better.
 */
export async function challenge<F extends AnyFamily>(
  runtime: ModelRuntime,
  family: F,
  options: OptionsOf<F> | undefined,
  ctx: TrainContext = {}
): Promise<ChallengeResult> {
  const spec = family.challenger;
  if (!spec) throw new Error(`${family.id} has no challenger retraining`);
  const champ = await runtime.active<unknown>(family);
  const base = (options ?? champ?.version.options ?? {}) as OptionsOf<F>;
  const feedback = await feedbackOf(runtime.db, family.id);
  const trainOptions = spec.withFeedback(base, feedback) as OptionsOf<F>;
  let comparison: Comparison | null = null;
  let incomparable: string | undefined;
  const summary = await runtime.train(family, trainOptions, ctx, async (out, data) => {
    if (!champ) return true;
    let held: HeldOut;
    try {
      held = await spec.heldOut({
        champion: champ.model,
        championData: () =>
          runtime.dataset(family, (champ.version.options ?? {}) as OptionsOf<F>) as Promise<never>,
        challenger: out,
        data
      });
    } catch (e) {
      incomparable = e instanceof Error ? e.message : String(e);
      return false;
    }
    comparison = compareHeldOut(held);
    return comparison.promote;
  });
  const result: ChallengeResult = {
    ...summary,
    championId: champ?.version.id ?? null,
    promoted: !champ || (comparison as Comparison | null)?.promote === true,
    comparison,
    feedback: feedback.length
  };
  if (incomparable) result.incomparable = incomparable;
  return result;
}
