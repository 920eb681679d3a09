// The inbox's challenger (core/models/challenge.ts runs it): the user's intent corrections (the
// latest per message) are the new version's labels. Held out: the test messages of its own split
// (the model fitted without them classed them), less every corrected message, labelled as
// imported; the figure is 1 for the right intent, 0 otherwise, for both models.
import type { TextClassifier } from '../learners/text/classifier';
import type { Challenger, HeldOut } from '../family';
import type { IntentDataset, IntentOptions } from './dataset';
import { correctionsOf } from './feedback';
import type { TextHeldOut, TextReport } from './train';

export const intentChallenger: Challenger<
  IntentOptions,
  IntentDataset,
  TextClassifier,
  TextReport
> = {
  withFeedback(base, feedback) {
    const { corrections: _old, ...rest } = base;
    const fixes = correctionsOf(feedback);
    return Object.keys(fixes).length ? { ...rest, corrections: fixes } : rest;
  },
  heldOut({ champion, challenger, data }): HeldOut {
    const held = challenger.heldOut as TextHeldOut;
    const corrected = data.options.corrections ?? {};
    const out: HeldOut = { kind: 'mean', metric: 'accuracy', champion: [], challenger: [] };
    held.rows.forEach((r, i) => {
      if (corrected[data.ids[r]] !== undefined) return;
      const label = data.classes[data.y[r]];
      out.challenger.push(data.classes[held.predicted[i]] === label ? 1 : 0);
      out.champion.push(champion.classes[champion.predict(data.texts[r]).top] === label ? 1 : 0);
    });
    return out;
  }
};
