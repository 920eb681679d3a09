// Identity resolution for the duplicates page and after an import: train the matcher (the
// deterministic rules, then Fellegi–Sunter with EM, see family.ts) with every answer the user
// gave, then list the suggestions; after a customer import, say how many of the customers it
// wrote are in a suggested group. Nothing is merged unless the user turned on bulk-accept above
// a threshold: then each such group is merged as a click on the duplicates page would (journaled,
// undoable there).
import {
  importedCustomerIds,
  listAnswers,
  mergeCustomers,
  mergedGroups,
  type RapportDb
} from '../../db';
import type { TrainContext } from '../family';
import type { ModelRuntime, Staleness, TrainSummary } from '../runtime';
import { duplicateCustomers, type DuplicatesReport } from './family';
import { reviewGroups, type ReviewGroup } from './review';

export interface DuplicatesReview {
  modelId: string | null;
  report: DuplicatesReport | null;
  stale: Staleness | null;
  groups: ReviewGroup[];
}

/** What a customer import matched: its customers that the matcher groups with others. */
export interface ImportMatches {
  imported: number;
  /** Imported customers in a suggested group (the likely duplicates), and the groups. */
  matched: number;
  groups: number;
  /** Groups merged automatically (bulk-accept above a threshold; 0 when off). */
  merged: number;
}

/** The active matcher's suggestions, grouped, without pairs the user answered. */
export async function duplicatesReview(
  runtime: ModelRuntime,
  db: RapportDb
): Promise<DuplicatesReview> {
  const res = await runtime.results(duplicateCustomers);
  if (!res) return { modelId: null, report: null, stale: null, groups: [] };
  const page = await runtime.scores(duplicateCustomers, { limit: 1e9 });
  const inputs = await runtime.inputs();
  const groups = reviewGroups(page.rows, inputs.customers, await listAnswers(db));
  return { modelId: res.version.id, report: res.view, stale: res.stale, groups };
}

/** Train the matcher on the stored customers, learning from every answer and merge in force. */
export async function findDuplicates(
  runtime: ModelRuntime,
  db: RapportDb,
  options: { threshold?: number; country?: string } = {},
  ctx: TrainContext = {}
): Promise<TrainSummary> {
  const answers = (await listAnswers(db)).map(({ a, b, same }) => ({ a, b, same }));
  const examples = await mergedGroups(db);
  return runtime.train(
    duplicateCustomers,
    { ...options, answers, ...(examples.length ? { examples } : {}) },
    ctx
  );
}

/**
 * After a customer import of `fileName`: find duplicates over every stored customer and count
 * the imported ones in a suggested group (their matches may be in the same file or stored
 * before). Cancellable through `ctx.signal` (the registry is left as it was).
 */
export async function matchImport(
  runtime: ModelRuntime,
  db: RapportDb,
  fileName: string,
  ctx: TrainContext = {},
  opts: { mergeAbove?: number } = {}
): Promise<ImportMatches> {
  const ids = new Set(await importedCustomerIds(db, fileName));
  if (!ids.size) return { imported: 0, matched: 0, groups: 0, merged: 0 };
  await findDuplicates(runtime, db, {}, ctx);
  const groups = (await duplicatesReview(runtime, db)).groups.filter(
    (g) => !g.possible && g.members.some((m) => ids.has(m.id))
  );
  const matched = new Set(groups.flatMap((g) => g.members.map((m) => m.id).filter((id) => ids.has(id)))); // prettier-ignore
  let merged = 0;
  if (opts.mergeAbove !== undefined) {
    // Bulk-accept: every group whose weakest pair reaches the threshold, one journaled merge each.
    for (const g of groups.filter((x) => x.minScore >= opts.mergeAbove!)) {
      if (ctx.signal?.aborted) break;
      await mergeCustomers(db, { ids: g.members.map((m) => m.id), score: g.minScore });
      merged++;
    }
  }
  return { imported: ids.size, matched: matched.size, groups: groups.length, merged };
}
