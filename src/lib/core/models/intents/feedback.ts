// The user's feedback on the inbox, kept in the feedback table (schema: '++id, customerId, ts';
// rows {customerId, ts, family, messageId, signal, value}): intent corrections become labels at
// the next training; reply ratings re-rank suggestions from then on.
import type { RapportDb } from '../../db';
import { feedbackOf, type Feedback } from '../../feedback/store';

export type FeedbackSignal = 'intent' | 'reply';

export interface TextFeedback {
  customerId: string;
  ts: number;
  family: 'intents';
  messageId: string;
  signal: FeedbackSignal;
  /** The corrected intent, or 1 / 0 for a reply marked helpful / not helpful. */
  value: string | number;
  /** The answer a reply rating is about. */
  answer?: string;
}

export async function addFeedback(
  db: RapportDb,
  f: Omit<TextFeedback, 'ts' | 'family'>
): Promise<void> {
  await db.feedback.add({ ...f, family: 'intents', ts: Date.now() });
}

async function all(db: RapportDb, signal: FeedbackSignal): Promise<TextFeedback[]> {
  const rows = (await db.feedback.toArray()) as unknown as TextFeedback[];
  return rows
    .filter((r) => r.family === 'intents' && r.signal === signal)
    .sort((a, b) => a.ts - b.ts);
}

/** The latest intent correction of each message: message id → intent. */
export function correctionsOf(feedback: readonly Feedback[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of feedback) {
    const id = (f as Feedback & { messageId?: string }).messageId;
    if (f.family === 'intents' && f.signal === 'intent' && id) out[id] = String(f.value ?? '').trim(); // prettier-ignore
  }
  return out;
}

/** The latest correction of each message in the database: message id → intent. */
export async function corrections(db: RapportDb): Promise<Record<string, string>> {
  return correctionsOf(await feedbackOf(db, 'intents'));
}

/** Helpful / not helpful counts per answer text. */
export async function replyRatings(
  db: RapportDb
): Promise<Map<string, { up: number; down: number }>> {
  const out = new Map<string, { up: number; down: number }>();
  for (const r of await all(db, 'reply')) {
    const key = (r.answer ?? '').trim();
    const c = out.get(key) ?? { up: 0, down: 0 };
    if (Number(r.value) > 0) c.up++;
    else c.down++;
    out.set(key, c);
  }
  return out;
}
