// The trained models of a merged backup: its registry versions with their weights/reports
// (modelData) and scores (modelScores). Nothing of either side is lost:
//   - a version whose id ('family@n') is not here is added under that id;
//   - a version with the same content as one here (same model, any number) is skipped;
//   - the same id with different content (both devices trained 'churn@2') is added under the
//     family's next free number, its data and scores re-keyed.
// The conflict choice decides which is active: `keep-mine` keeps this device's active version
// (a family with none here takes the backup's); `take-backup` activates the backup's.
// The merged data differs from what any of them was trained on, so their pages say so and offer
// a retrain (their data stamps no longer match the imports here).
//
// A backup lists its tables in name order, so a streamed merge meets modelData and modelScores
// before modelVersions: `planModels` decides every version's fate first, from a pass over the
// start of the file that stops after modelVersions (order chunks, the bulk, come after it), and
// the merge then writes each record as it arrives.
import type { ModelVersionRow } from '../db/rows';
import type { RapportDb } from '../db/schema';
import { encode } from './codec';
import type { MergeChoice } from './merge';

export interface ModelMergeResult {
  /** Versions added (under their own id or renumbered). */
  added: number;
  /** Of those, added under a new number because the id was taken by a different model. */
  renumbered: number;
  /** Families whose active version is now the backup's. */
  activated: string[];
}

/** What happens to each of the backup's versions: its id here, or absent (already here). */
export interface ModelPlan {
  ids: Map<string, { id: string; version: number; activate: boolean }>;
  result: ModelMergeResult;
}

const hex = (b: ArrayBuffer) =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

/** SHA-256 of a value's canonical bytes. */
export async function digestOf(v: unknown): Promise<string> {
  return hex(await globalThis.crypto.subtle.digest('SHA-256', encode(v) as Uint8Array<ArrayBuffer>)); // prettier-ignore
}

/** A version's content without its number and state, with its data's digest. */
async function signature(v: ModelVersionRow, dataDigest: string): Promise<string> {
  const { id: _i, version: _v, active: _a, ...rest } = v;
  return `${await digestOf(rest)}:${dataDigest}`;
}

/** The digest of a modelData row without its id. */
export function dataDigest(d: unknown): Promise<string> {
  const { id: _d, ...dr } = (d ?? {}) as { id?: string };
  return digestOf(dr);
}

/**
 * Decide, before anything is written, the id each of the backup's versions gets here (read
 * outside any transaction: the caller holds the write queue's turn, so nothing changes meanwhile).
 */
export async function planModels(
  db: RapportDb,
  versions: ModelVersionRow[],
  dataDigests: Map<string, string>,
  choice: MergeChoice
): Promise<ModelPlan> {
  const result: ModelMergeResult = { added: 0, renumbered: 0, activated: [] };
  const ids: ModelPlan['ids'] = new Map();
  if (versions.length === 0) return { ids, result };
  const mine = await db.modelVersions.toArray();
  const byId = new Set(mine.map((v) => v.id));
  const top = new Map<string, number>();
  const activeHere = new Set<string>();
  const seen = new Set<string>();
  for (const v of mine) {
    top.set(v.family, Math.max(top.get(v.family) ?? 0, v.version));
    if (v.active === 1) activeHere.add(v.family);
    seen.add(await signature(v, await dataDigest(await db.modelData.get(v.id))));
  }
  const emptyData = await dataDigest(undefined);
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const sig = await signature(v, dataDigests.get(v.id) ?? emptyData);
    if (seen.has(sig)) continue;
    seen.add(sig);
    let id = v.id;
    let version = v.version;
    if (byId.has(v.id) || [...ids.values()].some((x) => x.id === v.id)) {
      version = (top.get(v.family) ?? 0) + 1;
      id = `${v.family}@${version}`;
      result.renumbered++;
    }
    top.set(v.family, Math.max(top.get(v.family) ?? 0, version));
    const activate = v.active === 1 && (choice === 'take-backup' || !activeHere.has(v.family));
    if (activate) {
      // Only one active version per family: an earlier activation of the same family is undone.
      for (const x of ids.values()) if (x.id.startsWith(`${v.family}@`)) x.activate = false;
      activeHere.add(v.family);
      if (!result.activated.includes(v.family)) result.activated.push(v.family);
    }
    ids.set(v.id, { id, version, activate });
    result.added++;
  }
  return { ids, result };
}
