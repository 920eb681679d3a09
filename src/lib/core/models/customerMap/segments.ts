// Segments the user draws on the customer map (a lasso, or a range typed in): a name and the
// customer ids inside, kept in the database's settings table under one key (no schema change),
// so they travel with backups and go with "erase everything".
import type { RapportDb } from '../../db';
import { getSetting, setSetting } from '../../db';
import { ModelInputError } from '../../errors';

export interface SavedSegment {
  id: string;
  name: string;
  ids: string[];
  createdAt: number;
}

export const SEGMENTS_KEY = 'customerMap.segments';

export async function savedSegments(db: RapportDb): Promise<SavedSegment[]> {
  return (await getSetting<SavedSegment[]>(db, SEGMENTS_KEY)) ?? [];
}

export async function saveSegment(
  db: RapportDb,
  name: string,
  ids: readonly string[]
): Promise<SavedSegment[]> {
  const clean = name.trim();
  if (!clean) throw new ModelInputError('segment.noName', 'give the segment a name');
  if (!ids.length) throw new ModelInputError('segment.empty', 'select some customers first');
  const all = await savedSegments(db);
  const rest = all.filter((s) => s.name.toLowerCase() !== clean.toLowerCase());
  const seg: SavedSegment = {
    id: `seg-${Date.now().toString(36)}-${rest.length}`,
    name: clean,
    ids: [...new Set(ids)],
    createdAt: Date.now()
  };
  await setSetting(db, SEGMENTS_KEY, [...rest, seg]);
  return [...rest, seg];
}

export async function deleteSegment(db: RapportDb, id: string): Promise<SavedSegment[]> {
  const rest = (await savedSegments(db)).filter((s) => s.id !== id);
  await setSetting(db, SEGMENTS_KEY, rest);
  return rest;
}
