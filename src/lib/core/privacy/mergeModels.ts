// The trained models of a merged backup: its registry versions with their weights/reports
// (modelData) and scores (modelScores), in one transaction. Nothing of either side is lost:
//   - a version whose id ('family@n') is not here is added under that id;
//   - a version with the same content as one here (same model, any number) is skipped;
//   - the same id with different content (both devices trained 'churn@2') is added under the
//     family's next free number, its data and scores re-keyed.
// The conflict choice decides which is active: `keep-mine` keeps this device's active version
// (a family with none here takes the backup's); `take-backup` activates the backup's.
// The merged data differs from what any of them was trained on, so their pages say so and offer
// a retrain (their data stamps no longer match the imports here).
import type { ModelScoreRow, ModelVersionRow } from '../db/rows';
import type { RapportDb } from '../db/schema';
import type { BackupContents } from './backup';
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

export async function mergeModels(
  db: RapportDb,
  contents: BackupContents,
  choice: MergeChoice
): Promise<ModelMergeResult> {
  const versions = (contents.rows.get('modelVersions') ?? []) as ModelVersionRow[];
  const data = new Map(
    ((contents.rows.get('modelData') ?? []) as { id: string }[]).map((d) => [d.id, d])
  );
  const scores = new Map<string, ModelScoreRow[]>();
  for (const s of (contents.rows.get('modelScores') ?? []) as ModelScoreRow[]) {
    let list = scores.get(s.modelId);
    if (!list) scores.set(s.modelId, (list = []));
    list.push(s);
  }
  const result: ModelMergeResult = { added: 0, renumbered: 0, activated: [] };
  if (versions.length === 0) return result;
  await db.transaction('rw', db.modelVersions, db.modelData, db.modelScores, async () => {
    const mine = await db.modelVersions.toArray();
    const byId = new Map(mine.map((v) => [v.id, v]));
    const top = new Map<string, number>();
    const activeHere = new Set<string>();
    for (const v of mine) {
      top.set(v.family, Math.max(top.get(v.family) ?? 0, v.version));
      if (v.active === 1) activeHere.add(v.family);
    }
    // A version's content without its number and state: the same model merged twice, or
    // already renumbered by an earlier merge, is recognised and not added again.
    const signature = (v: ModelVersionRow, d: unknown): string => {
      const { id: _i, version: _v, active: _a, ...rest } = v;
      const { id: _d, ...dr } = (d ?? {}) as { id?: string };
      return Array.from(encode([rest, dr])).join(',');
    };
    const seen = new Set<string>();
    for (const v of mine) seen.add(signature(v, await db.modelData.get(v.id)));
    for (const v of [...versions].sort((a, b) => a.version - b.version)) {
      const sig = signature(v, data.get(v.id));
      if (seen.has(sig)) continue;
      seen.add(sig);
      let id = v.id;
      let version = v.version;
      if (byId.has(v.id)) {
        version = (top.get(v.family) ?? 0) + 1;
        id = `${v.family}@${version}`;
        result.renumbered++;
      }
      top.set(v.family, Math.max(top.get(v.family) ?? 0, version));
      const activate = v.active === 1 && (choice === 'take-backup' || !activeHere.has(v.family));
      if (activate) {
        await db.modelVersions.where('family').equals(v.family).modify({ active: 0 });
        activeHere.add(v.family);
        result.activated.push(v.family);
      }
      await db.modelVersions.add({ ...v, id, version, active: activate ? 1 : 0 });
      const d = data.get(v.id);
      if (d) await db.modelData.put({ ...d, id });
      const s = scores.get(v.id);
      if (s?.length) await db.modelScores.bulkPut(s.map((r) => ({ ...r, modelId: id })));
      result.added++;
    }
  });
  return result;
}
