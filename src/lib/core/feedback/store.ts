// One feedback store for every model: what the user did with a model's output (accepted,
// rejected, corrected; for churn actions: contacted, saved, left anyway). Rows live in the
// database's `feedback` table (schema v2, indexed by customer and time), so backups carry them
// and erasing a customer removes theirs.
import type { RapportDb } from '../db/schema';

/** Where the output came from. */
export type FeedbackSource = 'churn' | 'recommend' | 'reply' | 'intent' | 'merge';

/** What the user did. */
export type FeedbackAction = 'accept' | 'reject' | 'correct' | 'contacted' | 'saved' | 'left';

export interface Feedback {
  id?: number;
  customerId: string;
  ts: number;
  source: FeedbackSource;
  action: FeedbackAction;
  /** The model version whose output it was, when known. */
  modelId?: string;
  /** The output concerned (a product, an intent label, a reply id, a merged record's id). */
  item?: string;
  /** The user's correction, for `correct`. */
  value?: string | number;
}

const SOURCES: readonly string[] = ['churn', 'recommend', 'reply', 'intent', 'merge'];
const ACTIONS: readonly string[] = ['accept', 'reject', 'correct', 'contacted', 'saved', 'left'];

/** Record one signal; refuses an unknown source or action (a typo would be silently ignored later). */
export async function addFeedback(db: RapportDb, f: Omit<Feedback, 'id'>): Promise<number> {
  if (!SOURCES.includes(f.source)) throw new Error(`unknown feedback source "${f.source}"`);
  if (!ACTIONS.includes(f.action)) throw new Error(`unknown feedback action "${f.action}"`);
  if (!f.customerId) throw new Error('feedback needs a customer id');
  return (await db.feedback.add({ ...f })) as number;
}

/** Signals of one source (all, or since `ts`), oldest first. */
export async function feedbackOf(
  db: RapportDb,
  source: FeedbackSource,
  since = -Infinity
): Promise<Feedback[]> {
  const rows = (await db.feedback.where('ts').above(since).toArray()) as unknown as Feedback[];
  return rows.filter((r) => r.source === source).sort((a, b) => a.ts - b.ts);
}
