// The model registry of every family (schema v4): numbered versions per family, one active
// version each (roll back = activate an older one), each version's saved model and report in a
// separate table (listing versions loads no weights), and its scores keyed by (version, entity
// kind, entity id, item). A version and its scores are written in one transaction.
import type { RapportDb } from '../db';
import type { ModelScoreRow, ModelVersionRow } from '../db/rows';
import type { DataNeed } from './inputs';
import type { ScoreEntity, ScoreRow } from './family';
import type { Metrics, SavedModel } from './model';

/** One trained version, as lists show it (no weights, no report). */
export interface ModelVersion {
  /** `${family}@${version}`, e.g. 'churn@3'. */
  id: string;
  family: string;
  version: number;
  active: boolean;
  /** What was fitted: 'churn-gbdt', 'clv', 'segments'... */
  kind: string;
  createdAt: number;
  metrics: Metrics;
  trainingMs: number;
  backend: string;
  /** The date the model describes its customers as of (epoch ms). */
  snapshotDate: number;
  /** The options its dataset was built with (rebuilt from them for explanations). */
  options: unknown;
  /** Which imports it was trained on (see `dataStamp`). */
  dataStamp: string;
  entity: ScoreEntity;
  scoreCount: number;
  /** Saved by an older Rapport whose report the current views cannot read. */
  legacy?: boolean;
}

export interface StoredScore extends ScoreRow {
  modelId: string;
}

export interface NewVersion {
  family: string;
  kind: string;
  entity: ScoreEntity;
  saved: SavedModel;
  report: unknown;
  metrics: Metrics;
  options: unknown;
  dataStamp: string;
  trainingMs: number;
  backend: string;
  snapshotDate: number;
}

const toVersion = (r: ModelVersionRow): ModelVersion =>
  ({ ...r, active: r.active === 1 }) as unknown as ModelVersion;

const fromVersion = (v: ModelVersion): ModelVersionRow =>
  ({ ...v, active: v.active ? 1 : 0 }) as unknown as ModelVersionRow;

/** Every version of a family, newest first (no weights are read). */
export async function listVersions(db: RapportDb, family: string): Promise<ModelVersion[]> {
  const rows = await db.modelVersions.where('family').equals(family).toArray();
  return rows.map(toVersion).sort((a, b) => b.version - a.version);
}

export async function getVersion(db: RapportDb, id: string): Promise<ModelVersion | undefined> {
  const r = await db.modelVersions.get(id);
  return r ? toVersion(r) : undefined;
}

export async function activeVersion(
  db: RapportDb,
  family: string
): Promise<ModelVersion | undefined> {
  const r = await db.modelVersions.where('[family+active]').equals([family, 1]).first();
  return r ? toVersion(r) : undefined;
}

/** A version's saved model and stored report. */
export async function loadModelData(
  db: RapportDb,
  id: string
): Promise<{ saved: SavedModel; report: unknown } | undefined> {
  const r = await db.modelData.get(id);
  return r ? { saved: r.saved as SavedModel, report: r.report ?? null } : undefined;
}

/**
 * Store a trained model, its report and its scores as the next version of its family, in one
 * transaction. It becomes the active version unless `activate` is false.
 */
export async function saveVersion(
  db: RapportDb,
  v: NewVersion,
  scores: readonly ScoreRow[],
  opts: { activate?: boolean } = {}
): Promise<ModelVersion> {
  const activate = opts.activate ?? true;
  return db.transaction('rw', db.modelVersions, db.modelData, db.modelScores, async () => {
    const all = await db.modelVersions.where('family').equals(v.family).toArray();
    const version = all.reduce((m, r) => Math.max(m, r.version), 0) + 1;
    const id = `${v.family}@${version}`;
    const rec: ModelVersion = {
      id,
      family: v.family,
      version,
      active: activate,
      kind: v.kind,
      createdAt: Date.now(),
      metrics: v.metrics,
      trainingMs: v.trainingMs,
      backend: v.backend,
      snapshotDate: v.snapshotDate,
      options: v.options,
      dataStamp: v.dataStamp,
      entity: v.entity,
      scoreCount: scores.length
    };
    if (activate)
      for (const r of all) if (r.active === 1) await db.modelVersions.update(r.id, { active: 0 });
    await db.modelVersions.put(fromVersion(rec));
    await db.modelData.put({ id, saved: { ...v.saved, version }, report: v.report });
    await db.modelScores.bulkPut(
      scores.map((s) => ({ ...s, item: s.item ?? '', modelId: id }) as ModelScoreRow)
    );
    return rec;
  });
}

/** Make `id` the active version of its family (roll back or forward). */
export async function activateVersion(db: RapportDb, id: string): Promise<ModelVersion> {
  return db.transaction('rw', db.modelVersions, async () => {
    const rec = await getVersion(db, id);
    if (!rec) throw new Error(`no model version "${id}"`);
    const all = await db.modelVersions.where('family').equals(rec.family).toArray();
    for (const r of all) {
      const want = r.id === id ? 1 : 0;
      if (r.active !== want) await db.modelVersions.update(r.id, { active: want });
    }
    return { ...rec, active: true };
  });
}

/**
 * Delete a version, its data and scores. Deleting the active version activates the newest
 * remaining one, so a family with versions always has an active one.
 */
export async function deleteVersion(db: RapportDb, id: string): Promise<void> {
  await db.transaction('rw', db.modelVersions, db.modelData, db.modelScores, async () => {
    const rec = await getVersion(db, id);
    if (!rec) return;
    await db.modelVersions.delete(id);
    await db.modelData.delete(id);
    await db.modelScores.where('modelId').equals(id).delete();
    if (rec.active) {
      const next = (await listVersions(db, rec.family))[0];
      if (next) await db.modelVersions.update(next.id, { active: 1 });
    }
  });
}

/** All scores of one version (of one entity kind when given), in key order. */
export async function scoresOf(
  db: RapportDb,
  modelId: string,
  entityKind?: ScoreEntity
): Promise<StoredScore[]> {
  const rows = await db.modelScores.where('modelId').equals(modelId).toArray();
  const out = entityKind ? rows.filter((r) => r.entityKind === entityKind) : rows;
  return out as StoredScore[];
}

/** One score of one version. */
export async function scoreOf(
  db: RapportDb,
  modelId: string,
  entityKind: ScoreEntity,
  entityId: string,
  item = ''
): Promise<StoredScore | undefined> {
  return (await db.modelScores.get([modelId, entityKind, entityId, item])) as
    StoredScore | undefined;
}

/** The active versions' scores of one entity, by family (what the customer page shows). */
export async function activeScoresOf(
  db: RapportDb,
  entityKind: ScoreEntity,
  entityId: string
): Promise<Map<string, { version: ModelVersion; score: StoredScore }>> {
  const rows = (await db.modelScores.where('entityId').equals(entityId).toArray()) as StoredScore[];
  const out = new Map<string, { version: ModelVersion; score: StoredScore }>();
  const mine = rows.filter((r) => r.entityKind === entityKind && r.item === '');
  const versions = await db.modelVersions.bulkGet([...new Set(mine.map((r) => r.modelId))]);
  const byId = new Map(versions.filter((v) => v).map((v) => [v!.id, toVersion(v!)]));
  for (const score of mine) {
    const version = byId.get(score.modelId);
    if (version?.active) out.set(version.family, { version, score });
  }
  return out;
}

/** Data kinds a merge of customers rewrites (records, order lines, interactions, links). */
const MERGE_KINDS = new Set<string>(['customers', 'orders', 'interactions', 'relationships']);

/** The parts of a stamp that name import batches (the rest: merges, fixes, erasures). */
const IMPORT_PART = /^(customers|orders|interactions|relationships|products):/;

/**
 * What data of the kinds a family reads exist now, as a string: a model whose stamp differs from
 * the current one was trained on other data. It names the committed imports of those kinds and,
 * unless `edits` is false, the merges in force and the quality fixes applied that touch them
 * (`|merges:3,5|fixes:2`, parts left out when empty, so a database without any keeps the stamps
 * it had). Defined by content: undoing a merge or a fix restores the data exactly, and with it
 * the stamp. Erasure appends `|erased:N` to the versions' stamps (core/privacy/erase.ts).
 */
export async function dataStamp(
  db: RapportDb,
  needs: readonly DataNeed[],
  opts: { edits?: boolean } = {}
): Promise<string> {
  const batches = await db.batches.toArray();
  const want = new Set<string>(needs);
  const parts = needs.map((kind) => {
    const ids = batches
      .filter((b) => b.status === 'committed' && b.kind === kind && want.has(b.kind))
      .map((b) => b.id!)
      .sort((a, b) => a - b);
    return `${kind}:${ids.join(',')}`;
  });
  if (opts.edits === false) return parts.join('|');
  if (needs.some((k) => MERGE_KINDS.has(k))) {
    const ids = (await db.merges.where('status').equals('merged').primaryKeys()).sort((a, b) => a - b); // prettier-ignore
    if (ids.length) parts.push(`merges:${ids.join(',')}`);
  }
  const fixes = (await db.fixes.where('status').equals('applied').toArray())
    .filter((f) => want.has(f.table ?? 'customers'))
    .map((f) => f.id!)
    .sort((a, b) => a - b);
  if (fixes.length) parts.push(`fixes:${fixes.join(',')}`);
  return parts.join('|');
}

/**
 * What changed between two stamps: imports added, imports undone (batch ids), and whether
 * anything else differs (a merge, a quality fix or their undo, an erasure): `edited`.
 */
export function stampChanges(
  trained: string,
  current: string
): { added: number[]; removed: number[]; edited: boolean } | null {
  if (trained === current) return null;
  const split = (s: string) => s.split('|').filter(Boolean);
  const ids = (s: string) =>
    new Set(
      split(s)
        .filter((part) => IMPORT_PART.test(part))
        .flatMap((part) => part.slice(part.indexOf(':') + 1).split(','))
        .filter(Boolean)
        .map(Number)
    );
  const others = (s: string) =>
    split(s)
      .filter((part) => !IMPORT_PART.test(part))
      .join('|');
  const a = ids(trained);
  const b = ids(current);
  return {
    added: [...b].filter((x) => !a.has(x)),
    removed: [...a].filter((x) => !b.has(x)),
    edited: others(trained) !== others(current)
  };
}
