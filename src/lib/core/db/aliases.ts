// Aliases (schema v6): each customer id merged away into a golden record points at it, so an
// import naming the old id (a re-import of the same channel's file) writes its customer fields,
// order lines, interactions and links to the golden record instead of recreating the duplicate.
// Written in the merge's transaction, removed exactly by its undo (core/db/merges.ts); erasing
// the golden customer removes the aliases that name it (core/privacy/erase.ts drops every row of
// a table it does not know that mentions the id).
import type { AliasRow, MergeRow } from './merges';
import type { Tables } from './schema';

/** The aliases of the merges in force (each merged-away id -> its golden id). */
export const aliasesOfMerges = (merges: MergeRow[]): AliasRow[] =>
  merges
    .filter((m) => m.status === 'merged')
    .flatMap((m) => m.merged.map((aliasId) => ({ aliasId, goldenId: m.golden, mergeId: m.id! })));

/**
 * Every alias in force, resolved to the customer that stands for it now: a chain of merges
 * (A into B, then B into C) maps A to C. Empty when nothing was merged.
 */
export async function resolveAliases(db: Pick<Tables, 'aliases'>): Promise<Map<string, string>> {
  const rows = await db.aliases.toArray();
  const direct = new Map(rows.map((r) => [r.aliasId, r.goldenId]));
  const out = new Map<string, string>();
  for (const id of direct.keys()) {
    let to = direct.get(id)!;
    // Bounded walk: a cycle cannot arise from merges (a merged-away id is gone) but costs nothing to guard.
    for (let i = 0; i < direct.size && direct.has(to); i++) to = direct.get(to)!;
    out.set(id, to);
  }
  return out;
}

/** `id` as the customer that stands for it now (itself when it is no alias). */
export const aliasOf = (aliases: ReadonlyMap<string, string>, id: string): string =>
  aliases.size === 0 ? id : (aliases.get(id) ?? id);
