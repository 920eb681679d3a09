// Intent routing as a model family: what each support message is about, how sure the model is,
// and whether to route it to a person (see README.md).
import {
  checkAborted,
  yieldToLoop,
  type ModelFamily,
  type ScoreRow,
  type TrainContext
} from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { TextClassifier, type Prediction } from '../learners/text/classifier';
import { intentActions } from './actions';
import { intentDataset, type IntentDataset, type IntentOptions } from './dataset';
import { trainTextFamily, type TextReport } from './train';
import { intentChallenger } from './challenge';

/** One message's prediction as stored with its score (value = confidence). */
export interface IntentDetail {
  intent: string;
  unsure: boolean;
  /** The three most likely intents with their calibrated probabilities. */
  top: { intent: string; p: number }[];
  [k: string]: unknown;
}

/** Score rows of messages: value = calibrated confidence of the top class. */
export async function scoreMessages(
  model: TextClassifier,
  messages: readonly { id: string; text: string }[],
  ctx: TrainContext,
  detail: (p: Prediction) => Record<string, unknown>,
  value: (p: Prediction) => number = (p) => p.confidence
): Promise<ScoreRow[]> {
  const out: ScoreRow[] = [];
  for (let i = 0; i < messages.length; i++) {
    if (i % 500 === 499) {
      checkAborted(ctx.signal);
      await yieldToLoop();
    }
    const p = model.predict(messages[i].text);
    out.push({ entityKind: 'message', entityId: messages[i].id, item: '', value: value(p), detail: detail(p) }); // prettier-ignore
  }
  return out;
}

export function topIntents(model: TextClassifier, probs: Float64Array, k = 3) {
  return Array.from(probs, (p, c) => ({ intent: model.classes[c], p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, k);
}

export const intentRouting = {
  id: 'intents',
  needs: ['interactions'],
  entity: 'message',
  usesTf: false,
  dataset: (inputs: DataInputs, o: IntentOptions) => intentDataset(inputs, o),
  train: (ds: IntentDataset, ctx: TrainContext) => trainTextFamily(ds, 'intents', ctx),
  score: (model: TextClassifier, ds: IntentDataset, ctx: TrainContext) =>
    scoreMessages(model, ds.messages, ctx, (p) => ({
      intent: model.classes[p.top],
      unsure: p.unsure,
      top: topIntents(model, p.probs)
    })),
  save: (m: TextClassifier): SavedModel => m.save('intents'),
  load: (saved: SavedModel) => TextClassifier.load(saved),
  challenger: intentChallenger,
  actions: intentActions
} as const satisfies ModelFamily<
  IntentOptions,
  IntentDataset,
  TextClassifier,
  TextReport,
  TextReport,
  never,
  typeof intentActions
>;
