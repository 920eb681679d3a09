// The intent dataset: every support message (to score), and those with an intent label (to
// learn from) — the label as imported, or the user's correction where there is one. Intents
// with a single example cannot be learned and tested: they are left out and listed.
import { ModelInputError } from '../../errors';
import type { DataInputs } from '../inputs';
import type { TextFitOptions } from '../learners/text/fit';

export interface IntentOptions extends TextFitOptions {
  /** Share of labelled messages held out to measure the model (default 0.2). */
  testShare?: number;
  /** The user's corrections, message id → intent (read from feedback at training time). */
  corrections?: Record<string, string>;
}

export interface MessageRow {
  id: string;
  customerId: string;
  ts: number;
  text: string;
}

export interface IntentDataset {
  options: IntentOptions;
  messages: MessageRow[];
  /** Labelled messages: texts, class index of each, and their message ids. */
  texts: string[];
  y: Int32Array;
  ids: string[];
  classes: string[];
  /** Intents with one example, left out. */
  rare: string[];
  corrected: number;
}

/** Fewest labelled messages the intent model trains on. */
export const MIN_LABELLED = 10;

export function intentDataset(inputs: DataInputs, options: IntentOptions = {}): IntentDataset {
  const fix = options.corrections ?? {};
  const messages = inputs.interactions
    .filter((m) => m.text?.trim())
    .map((m) => ({ id: m.id, customerId: m.customerId, ts: m.ts, text: m.text }));
  const labelled = inputs.interactions
    .map((m) => ({ m, label: (fix[m.id] ?? m.label ?? '').trim() }))
    .filter(({ m, label }) => label && m.text?.trim());
  const count = new Map<string, number>();
  for (const { label } of labelled) count.set(label, (count.get(label) ?? 0) + 1);
  const classes = [...count].filter(([, n]) => n >= 2).map(([c]) => c).sort(); // prettier-ignore
  const rare = [...count].filter(([, n]) => n < 2).map(([c]) => c).sort(); // prettier-ignore
  const index = new Map(classes.map((c, i) => [c, i]));
  const kept = labelled.filter(({ label }) => index.has(label));
  if (kept.length < MIN_LABELLED || classes.length < 2)
    throw new ModelInputError(
      'intents.tooFew',
      `intent routing learns from labelled messages: found ${kept.length} in ${classes.length} intents; import support messages with an intent (label) column — at least ${MIN_LABELLED} messages in 2 intents`,
      { messages: kept.length, intents: classes.length, min: MIN_LABELLED }
    );
  return {
    options,
    messages,
    texts: kept.map(({ m }) => m.text),
    y: Int32Array.from(kept, ({ label }) => index.get(label)!),
    ids: kept.map(({ m }) => m.id),
    classes,
    rare,
    corrected: kept.filter(({ m }) => fix[m.id] !== undefined).length
  };
}
