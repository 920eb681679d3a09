// Model registry over the db's `models` and `scores` tables: numbered versions per model family
// ('churn', 'clv'), one active version per family (roll back = activate an older one), and the
// per-customer scores each version produced. Pure core: runs in Node tests and in the worker.
import type { RapportDb } from '../db';
import type { SavedModel } from './model';

/** Model family: the part of `SavedModel.kind` before '-' ('churn-mlp' -> 'churn'). */
export const familyOf = (kind: string): string => kind.split('-')[0];

/** One row of the `models` table. */
export interface ModelRecord {
  /** `${family}@${version}`, e.g. 'churn@3'. */
  id: string;
  family: string;
  version: number;
  active: boolean;
  savedAt: number;
  model: SavedModel;
  /** Whatever the family keeps next to the model (evaluation results, label choice...). */
  extra?: unknown;
}

/** One reason behind a churn score, as the customer page shows it. */
export interface ScoreReason {
  text: string;
  direction: 'up' | 'down';
  /** |effect| in log-odds: how much this factor moves the risk. */
  weight: number;
}

export interface ChurnScore {
  modelId: string;
  customerId: string;
  kind: 'churn';
  /** Churn risk 0..1. */
  risk: number;
  reasons: ScoreReason[];
  /** What the customer is worth (CLV when fitted, else net spend): risk x value = value at risk. */
  value?: number;
}

export interface ClvScore {
  modelId: string;
  customerId: string;
  kind: 'clv';
  pAlive: number;
  expectedPurchases90: number;
  expectedPurchases365: number;
  /** Epoch ms, null when unlikely within a year. */
  nextPurchaseTs: number | null;
  /** Expected revenue over the next year and its 90% credible interval. */
  clv: number;
  clvLow: number;
  clvHigh: number;
}

/** The row shape of `db.scores` (the customer page reads it). */
export type ScoreRecord = ChurnScore | ClvScore;

type AnyRow = Record<string, unknown> & { id: string };

const asRecord = (r: unknown): ModelRecord => r as ModelRecord;

/** Every version of a family, newest first. */
export async function listModels(db: RapportDb, family: string): Promise<ModelRecord[]> {
  const rows = (await db.models.toArray()).map(asRecord).filter((r) => r.family === family);
  return rows.sort((a, b) => b.version - a.version);
}

export async function getModel(db: RapportDb, id: string): Promise<ModelRecord | undefined> {
  const r = await db.models.get(id);
  return r ? asRecord(r) : undefined;
}

export async function activeModel(db: RapportDb, family: string): Promise<ModelRecord | undefined> {
  return (await listModels(db, family)).find((r) => r.active);
}

/**
 * Store a trained model as the next version of its family. It becomes the active version unless
 * `activate` is false. Returns the stored record.
 */
export async function saveModel(
  db: RapportDb,
  model: SavedModel,
  opts: { activate?: boolean; extra?: unknown; family?: string } = {}
): Promise<ModelRecord> {
  const family = opts.family ?? familyOf(model.kind);
  return db.transaction('rw', db.models, async () => {
    const all = (await db.models.toArray()).map(asRecord).filter((r) => r.family === family);
    const version = all.reduce((m, r) => Math.max(m, r.version), 0) + 1;
    const activate = opts.activate ?? true;
    const rec: ModelRecord = {
      id: `${family}@${version}`,
      family,
      version,
      active: activate,
      savedAt: Date.now(),
      model: { ...model, version },
      ...(opts.extra !== undefined ? { extra: opts.extra } : {})
    };
    if (activate)
      for (const r of all)
        if (r.active) await db.models.update(r.id, { active: false } as Partial<AnyRow>);
    await db.models.put(rec as unknown as AnyRow);
    return rec;
  });
}

/** Make `id` the active version of its family (roll back or forward). */
export async function activateModel(db: RapportDb, id: string): Promise<ModelRecord> {
  return db.transaction('rw', db.models, async () => {
    const rec = await getModel(db, id);
    if (!rec) throw new Error(`no model "${id}"`);
    for (const r of await listModels(db, rec.family))
      if (r.active !== (r.id === id))
        await db.models.update(r.id, { active: r.id === id } as Partial<AnyRow>);
    return { ...rec, active: true };
  });
}

/**
 * Delete a version and its scores. Deleting the active version activates the newest remaining
 * one, so a family with versions always has an active one.
 */
export async function deleteModel(db: RapportDb, id: string): Promise<void> {
  await db.transaction('rw', db.models, db.scores, async () => {
    const rec = await getModel(db, id);
    if (!rec) return;
    await db.models.delete(id);
    await db.scores.where('[modelId+customerId]').between([id, ''], [id, '\uffff']).delete();
    if (rec.active) {
      const next = (await listModels(db, rec.family))[0];
      if (next) await db.models.update(next.id, { active: true } as Partial<AnyRow>);
    }
  });
}

/** Replace the scores of one model version. */
export async function saveScores(
  db: RapportDb,
  modelId: string,
  scores: ScoreRecord[]
): Promise<void> {
  await db.transaction('rw', db.scores, async () => {
    await db.scores
      .where('[modelId+customerId]')
      .between([modelId, ''], [modelId, '\uffff'])
      .delete();
    await db.scores.bulkPut(scores.map((s) => ({ ...s, modelId })));
  });
}

/** All scores of one model version, in customer id order. */
export async function scoresOf(db: RapportDb, modelId: string): Promise<ScoreRecord[]> {
  const rows = await db.scores
    .where('[modelId+customerId]')
    .between([modelId, ''], [modelId, '\uffff'])
    .toArray();
  return rows as unknown as ScoreRecord[];
}

/** The active model's score of one customer for a family, if any. */
export async function activeScore<K extends ScoreRecord['kind']>(
  db: RapportDb,
  customerId: string,
  kind: K
): Promise<Extract<ScoreRecord, { kind: K }> | undefined> {
  const rec = await activeModel(db, kind);
  if (!rec) return undefined;
  const row = await db.scores.get([rec.id, customerId]);
  return row as unknown as Extract<ScoreRecord, { kind: K }> | undefined;
}
