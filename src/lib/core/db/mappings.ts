// Mapping memory: the column mapping a source used last time, keyed by [source+kind].
import type { Channel, EntityKind } from '../types';
import type { SourceRow } from './rows';
import type { RapportDb } from './schema';

export async function saveMapping(
  db: RapportDb,
  source: string,
  kind: EntityKind,
  mapping: Record<string, string>,
  channel: Channel
): Promise<void> {
  await db.transaction('rw', db.sources, async () => {
    const prev = await db.sources.get([source, kind]);
    await db.sources.put({
      source,
      kind,
      channel,
      mapping: { ...mapping },
      updatedAt: Date.now(),
      uses: prev?.uses ?? 0
    });
  });
}

export async function getMapping(
  db: RapportDb,
  source: string,
  kind: EntityKind
): Promise<SourceRow | undefined> {
  return db.sources.get([source, kind]);
}

/** Every remembered source, most recently used first. */
export async function listSources(db: RapportDb): Promise<SourceRow[]> {
  const rows = await db.sources.toArray();
  return rows.sort((a, b) => b.updatedAt - a.updatedAt || a.source.localeCompare(b.source));
}
