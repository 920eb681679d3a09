// Identity resolution for the duplicates page and after an import: train the matcher (the
// deterministic rules, then Fellegi–Sunter with EM, see family.ts) with every answer the user
// gave, then list the suggestions; after a customer import, say how many of the customers it
// wrote are in a suggested group. Nothing is merged here: the user reviews on the duplicates page.
import { importedCustomerIds, listAnswers, mergedGroups, type RapportDb } from '../../db';
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
  ctx: TrainContext = {}
): Promise<ImportMatches> {
  const ids = new Set(await importedCustomerIds(db, fileName));
  if (!ids.size) return { imported: 0, matched: 0, groups: 0 };
  await findDuplicates(runtime, db, {}, ctx);
  const groups = (await duplicatesReview(runtime, db)).groups.filter(
    (g) => !g.possible && g.members.some((m) => ids.has(m.id))
  );
  const matched = new Set(groups.flatMap((g) => g.members.map((m) => m.id).filter((id) => ids.has(id)))); // prettier-ignore
  return { imported: ids.size, matched: matched.size, groups: groups.length };
}
