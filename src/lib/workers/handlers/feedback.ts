// Feedback handlers: record what the user did with a model's output (one store for every
// source), and, for the churn page, what happened afterwards to the customers it flagged.
import { allStats } from '../../core/db/statsStore';
import { retrainDue } from '../../core/feedback/champion';
import { contactOutcomes } from '../../core/feedback/outcomes';
import { addFeedback, feedbackOf, type Feedback } from '../../core/feedback/store';
import { upliftOf, type Uplift } from '../../core/feedback/uplift';
import { activeVersion, scoresOf } from '../../core/models/registry';
import { getDb } from '../db';
import type { Handler } from '../protocol';

export interface ChurnOutcomes {
  /** Customers at or above the threshold in the churn version in use. */
  flagged: number;
  contacted: number;
  threshold: number;
  /** Null until both groups have customers. */
  uplift: Uplift | null;
  signals: number;
}

export interface RetrainState {
  due: boolean;
  /** Rows the version in use scored (its customers). */
  trainedRows: number;
  /** Rows stored by imports committed since that version was trained. */
  newRows: number;
  /** Feedback signals of this family recorded since then. */
  newFeedback: number;
}

export interface FeedbackHandlers {
  /** Whether enough has arrived since `family`'s version in use to try a challenger. */
  'feedback.retrainDue': Handler<{ family: string }, RetrainState | null>;
  'feedback.add': Handler<Omit<Feedback, 'id' | 'ts'>, { id: number }>;
  'feedback.churnOutcomes': Handler<undefined, ChurnOutcomes | null>;
}

const DEFAULT_THRESHOLD = 0.5;

export const feedbackHandlers: FeedbackHandlers = {
  'feedback.retrainDue': async ({ family }) => {
    const db = getDb();
    const v = await activeVersion(db, family);
    if (!v) return null;
    const [batches, newFeedback] = await Promise.all([
      db.batches.where('status').equals('committed').toArray(),
      db.feedback
        .where('ts')
        .above(v.createdAt)
        .filter((f) => f.family === family)
        .count()
    ]);
    const newRows = batches
      .filter((b) => (b.finishedAt ?? 0) > v.createdAt)
      .reduce((s, b) => s + b.rowsStored, 0);
    const state = { trainedRows: v.scoreCount, newRows, newFeedback };
    return { ...state, due: retrainDue(state) };
  },
  'feedback.add': async (f) => ({ id: await addFeedback(getDb(), { ...f, ts: Date.now() }) }),
  'feedback.churnOutcomes': async () => {
    const db = getDb();
    const v = await activeVersion(db, 'churn');
    if (!v) return null;
    const threshold =
      typeof v.metrics?.threshold === 'number' ? v.metrics.threshold : DEFAULT_THRESHOLD;
    const [scores, stats, feedback] = await Promise.all([
      scoresOf(db, v.id, 'customer'),
      allStats(db),
      feedbackOf(db, 'churn')
    ]);
    const rows = contactOutcomes({
      risk: new Map(scores.map((s) => [s.entityId, s.value])),
      threshold,
      since: v.createdAt,
      lastOrder: new Map(stats.map((s) => [s.customerId, s.lastTs])),
      feedback
    });
    return {
      flagged: rows.length,
      contacted: rows.filter((r) => r.contacted).length,
      threshold,
      uplift: upliftOf(rows),
      signals: feedback.length
    };
  }
};
