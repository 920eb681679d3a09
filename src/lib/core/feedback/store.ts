// One feedback store for every model: what the user did with a model's output, in the database's
// `feedback` table ('++id, customerId, ts'), so backups carry it and erasing a customer removes
// theirs. Rows share one shape with the recommendations' and the inbox's feedback
// (models/recommendations/feedback.ts, models/intents/feedback.ts): `family` says whose output
// it was, `signal` what the user did. Churn's signals: contacted, saved, left (anyway).
import type { RapportDb } from '../db/schema';

export const CHURN_SIGNALS = ['contacted', 'saved', 'left'] as const;
export type ChurnSignal = (typeof CHURN_SIGNALS)[number];

export interface Feedback {
  id?: number;
  customerId: string;
  ts: number;
  /** The model family whose output it was ('churn', 'recommend', 'intents', ...). */
  family: string;
  /** What the user did (per family: churn's are CHURN_SIGNALS). */
  signal: string;
  /** The model version whose output it was, when known. */
  modelId?: string;
  /** The output concerned (a product, a message, a merged record's id). */
  item?: string;
  /** A correction or rating, when the signal carries one. */
  value?: string | number;
}

/** Record one signal; refuses an unknown churn signal (a typo would be silently ignored later). */
export async function addFeedback(db: RapportDb, f: Omit<Feedback, 'id'>): Promise<number> {
  if (!f.customerId) throw new Error('feedback needs a customer id');
  if (!f.family || !f.signal) throw new Error('feedback needs a family and a signal');
  if (f.family === 'churn' && !(CHURN_SIGNALS as readonly string[]).includes(f.signal))
    throw new Error(`unknown churn feedback signal "${f.signal}"`);
  return (await db.feedback.add({ ...f })) as number;
}

/** Signals of one family (all, or after `since`), oldest first. */
export async function feedbackOf(
  db: RapportDb,
  family: string,
  since = -Infinity
): Promise<Feedback[]> {
  const rows = (await db.feedback.where('ts').above(since).toArray()) as unknown as Feedback[];
  return rows.filter((r) => r.family === family).sort((a, b) => a.ts - b.ts);
}
