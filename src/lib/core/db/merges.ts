// Customer merges and their exact undo, journaled beside import undo. A merge keeps one golden
// record (field-level survivorship: most recent, most complete, or per-channel priority),
// repoints every order line, interaction and relationship of the others to it, and deletes the
// others' records; the journal keeps everything it changed (records, the touched chunks'
// customer columns, interactions, relationships, stats), so undoMerge restores them exactly.
import type { AttributeValue, Customer, Interaction, Relationship } from '../types';
import { expandChunk, storedChunk } from './chunks';
import { refreshStats } from './refresh';
import type { Codes, CustomerStats, OrderChunk } from './rows';
import { bound, type RapportDb, type Tables } from './schema';
import { commitSeqOf, writeTables } from './session';
import { StatsEdit } from './statsStore';

/** How the golden record's fields are chosen among the merged records. */
export type Survivorship = 'recent' | 'complete' | 'priority';

export interface MergeRequest {
  /** The customers to merge (two or more). */
  ids: string[];
  /** The id that survives; default the most complete record (then the most recent). */
  keep?: string;
  rule?: Survivorship;
  /** Channels from most to least trusted (rule 'priority'). */
  priority?: string[];
  /** The match probability that suggested it (kept in the journal for the page). */
  score?: number;
  now?: number;
}

export interface MergeRow {
  id?: number;
  ts: number;
  status: 'merged' | 'undone';
  golden: string;
  merged: string[];
  rule: Survivorship;
  score?: number;
  /** The last committed import when the merge was made (newer ones may block its undo). */
  afterSeq: number;
  prev: {
    customers: { id: string; prev: Customer | null }[];
    interactions: Interaction[];
    relationships: Relationship[];
    chunks: { chunkId: number; customerIdx: Codes; customerDict: string[] }[];
    stats: { id: string; prev: CustomerStats | null }[];
  };
  moved: { orderLines: number; interactions: number; relationships: number };
}

/** A customer id merged away, and the golden record it now stands for (schema v6). */
export interface AliasRow {
  aliasId: string;
  goldenId: string;
  mergeId: number;
}

export interface MergeInfo {
  id: number;
  ts: number;
  status: MergeRow['status'];
  golden: string;
  merged: string[];
  rule: Survivorship;
  score?: number;
  moved: MergeRow['moved'];
}

const mergeTables = (db: RapportDb) => [...writeTables(db), db.merges, db.feedback, db.fixes, db.aliases]; // prettier-ignore

const filled = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const FIELDS = ['name', 'email', 'phone', 'country', 'city'] as const;

function completeness(c: Customer): number {
  return FIELDS.filter((f) => filled(c[f])).length + Object.values(c.attributes ?? {}).filter(filled).length; // prettier-ignore
}

/** The golden record from the records of one person (the `keep` record's id, channel, batch). */
export function goldenRecord(
  records: Customer[],
  keep: Customer,
  rule: Survivorship,
  priority: string[] = [],
  now = Date.now()
): Customer {
  const rank = (c: Customer): number => {
    const p = priority.indexOf(String(c.channel));
    return p < 0 ? priority.length : p;
  };
  // Candidates in order of preference for one field; 'complete' prefers the longest value.
  const ordered =
    rule === 'recent'
      ? [...records].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1))
      : rule === 'priority'
        ? [...records].sort((a, b) => rank(a) - rank(b) || b.updatedAt - a.updatedAt)
        : [...records].sort(
            (a, b) => completeness(b) - completeness(a) || b.updatedAt - a.updatedAt
          );
  const pick = <T>(get: (c: Customer) => T | undefined): T | undefined => {
    const have = ordered.map(get).filter(filled) as T[];
    if (rule === 'complete' && have.length && typeof have[0] === 'string')
      return [...have].sort((a, b) => String(b).length - String(a).length)[0];
    return have[0];
  };
  const out: Customer = { ...keep, attributes: { ...keep.attributes }, updatedAt: now };
  for (const f of FIELDS) {
    const v = pick((c) => c[f]);
    if (v !== undefined) out[f] = v;
  }
  const created = records.map((c) => c.createdAt).filter((t): t is number => typeof t === 'number');
  if (created.length) out.createdAt = Math.min(...created);
  const keys = new Set(records.flatMap((c) => Object.keys(c.attributes ?? {})));
  keys.delete('channels');
  for (const k of keys) {
    const v = pick<AttributeValue>((c) => c.attributes?.[k]);
    if (v !== undefined) out.attributes[k] = v;
  }
  // Every channel the person was known in (the multi-channel view and the feature table read it).
  const channels = new Set(
    records.flatMap((c) => [String(c.channel ?? ''), ...String(c.attributes?.channels ?? '').split('+')]) // prettier-ignore
  );
  channels.delete('');
  if (channels.size > 1) out.attributes.channels = [...channels].sort().join('+');
  return out;
}

function setCode(c: OrderChunk, r: number, code: number): void {
  if (code > 0xffff && c.customerIdx instanceof Uint16Array) c.customerIdx = Uint32Array.from(c.customerIdx); // prettier-ignore
  c.customerIdx[r] = code;
}

async function lastSeq(db: Tables): Promise<number> {
  const rows = await db.batches.where('status').equals('committed').toArray();
  return rows.reduce((m, b) => Math.max(m, commitSeqOf(b)), 0);
}

/** Merge customers into one golden record, in one transaction; returns the journal id. */
export async function mergeCustomers(rdb: RapportDb, req: MergeRequest): Promise<MergeInfo> {
  const ids = [...new Set(req.ids)];
  if (ids.length < 2) throw new Error('A merge needs at least two customers');
  const rule = req.rule ?? 'recent';
  const now = req.now ?? Date.now();
  return rdb.transaction('rw', mergeTables(rdb), async (tx) => {
    const db = bound(tx);
    const stored = await db.customers.bulkGet(ids);
    const stats = await StatsEdit.load(db, ids);
    const known = ids.map((id, i): Customer | null => {
      const c = stored[i];
      if (c) return c;
      const s = stats.get(id);
      return s ? { id, channel: s.channel ?? '', attributes: {}, batchId: s.batchId ?? 0, updatedAt: s.firstTs } : null; // prettier-ignore
    });
    const missing = ids.filter((_, i) => !known[i]);
    if (missing.length) throw new Error(`No customer ${missing.map((m) => `"${m}"`).join(', ')}`);
    const records = known as Customer[];
    const keep =
      (req.keep && records.find((c) => c.id === req.keep)) ||
      [...records].sort((a, b) => completeness(b) - completeness(a) || b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1))[0]; // prettier-ignore
    if (req.keep && keep.id !== req.keep) throw new Error(`"${req.keep}" is not one of the merged customers`); // prettier-ignore
    const others = ids.filter((id) => id !== keep.id);
    const otherSet = new Set(others);

    // Order lines: every chunk holding a line of the others gets those lines repointed.
    const chunkIds = new Set<number>();
    for (const id of others) for (const c of stats.get(id)?.chunkIds ?? []) chunkIds.add(c);
    const chunks = (await db.orderChunks.bulkGet([...chunkIds].sort((a, b) => a - b))).map(expandChunk); // prettier-ignore
    const prevChunks: MergeRow['prev']['chunks'] = [];
    const changed = new Map<number, OrderChunk>();
    let orderLines = 0;
    for (const c of chunks) {
      if (!c) continue;
      const codes = c.customerDict.map((d) => otherSet.has(d));
      if (!codes.some(Boolean)) continue;
      prevChunks.push({ chunkId: c.id!, customerIdx: c.customerIdx.slice(), customerDict: [...c.customerDict] }); // prettier-ignore
      let target = c.customerDict.indexOf(keep.id);
      if (target < 0) {
        target = c.customerDict.length;
        c.customerDict = [...c.customerDict, keep.id];
      }
      for (let r = 0; r < c.n; r++) {
        if (codes[c.customerIdx[r]]) {
          setCode(c, r, target);
          if (c.alive[r] === 1) orderLines++;
        }
      }
      changed.set(c.id!, c);
    }
    await db.orderChunks.bulkPut([...changed.values()].map(storedChunk));

    // Interactions and relationships.
    const inter = await db.interactions.where('customerId').anyOf(others).toArray();
    await db.interactions.bulkPut(inter.map((i) => ({ ...i, customerId: keep.id })));
    const relFrom = await db.relationships.where('from').anyOf(others).toArray();
    const relTo = await db.relationships.where('to').anyOf(others).toArray();
    const rels = new Map<string, Relationship>();
    for (const r of [...relFrom, ...relTo]) rels.set(r.id, r);
    await db.relationships.bulkPut(
      [...rels.values()].map((r) => ({
        ...r,
        from: otherSet.has(r.from) ? keep.id : r.from,
        to: otherSet.has(r.to) ? keep.id : r.to
      }))
    );

    // Records: the golden one written, the others removed; stats recomputed.
    const prevStats = ids.map((id) => ({ id, prev: stats.get(id) ?? null }));
    await db.customers.put(goldenRecord(records, keep, rule, req.priority, now));
    await db.customers.bulkDelete(others);
    await refreshStats(db, new Set(ids), changed, { chunksOf: (id) => (id === keep.id ? [...changed.keys()] : []) }); // prettier-ignore

    const row: MergeRow = {
      ts: now,
      status: 'merged',
      golden: keep.id,
      merged: others,
      rule,
      ...(req.score !== undefined ? { score: req.score } : {}),
      afterSeq: await lastSeq(db),
      prev: {
        customers: ids.map((id, i) => ({ id, prev: stored[i] ?? null })),
        interactions: inter,
        relationships: [...rels.values()],
        chunks: prevChunks,
        stats: prevStats
      },
      moved: { orderLines, interactions: inter.length, relationships: rels.size }
    };
    const id = (await db.merges.add(row)) as number;
    // A later import naming a merged-away id updates the golden record (see resolveAliases).
    await db.aliases.bulkPut(
      others.map((aliasId) => ({ aliasId, goldenId: keep.id, mergeId: id }))
    );
    // Every pair of the merged records is now "the same person", tied to this merge.
    const same = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ customerId: a, other: b, same: true, family: 'duplicates', ts: now, mergeId: id }))); // prettier-ignore
    await db.feedback.bulkAdd(same);
    return info({ ...row, id });
  });
}

const info = (m: MergeRow): MergeInfo => ({
  id: m.id!,
  ts: m.ts,
  status: m.status,
  golden: m.golden,
  merged: m.merged,
  rule: m.rule,
  score: m.score,
  moved: m.moved
});

/** Customer ids the newest committed customer import of `fileName` wrote (none: []). */
export async function importedCustomerIds(db: RapportDb, fileName: string): Promise<string[]> {
  const batches = await db.batches.where('status').equals('committed').toArray();
  const b = batches
    .filter((x) => x.kind === 'customers' && x.fileName === fileName)
    .sort((x, y) => commitSeqOf(y) - commitSeqOf(x))[0];
  const log = b ? await db.undoLogs.get(b.id!) : undefined;
  return log ? log.customers.map((e) => e.id) : [];
}

/** The records of each merge in force as they were before it (what the matcher learns from). */
export async function mergedGroups(db: RapportDb): Promise<Customer[][]> {
  const rows = await db.merges.where('status').equals('merged').toArray();
  return rows.map((m) => m.prev.customers.map((c) => c.prev).filter((c): c is Customer => !!c));
}

/** Merges, newest first (without their journals). */
export async function listMerges(db: RapportDb): Promise<MergeInfo[]> {
  return (await db.merges.reverse().toArray()).map(info);
}

/**
 * Undo a merge exactly: records, order lines, interactions, relationships and stats as they were.
 * Refuses when a newer merge still in force involves the same customers (undo that first), or
 * when an import committed since then wrote one of them.
 */
export async function undoMerge(rdb: RapportDb, mergeId: number): Promise<void> {
  await rdb.transaction('rw', mergeTables(rdb), async (tx) => {
    const db = bound(tx);
    const m = await db.merges.get(mergeId);
    if (!m) throw new Error(`Merge #${mergeId} does not exist`);
    if (m.status !== 'merged') throw new Error(`Merge #${mergeId} is already undone`);
    const ids = new Set([m.golden, ...m.merged]);
    const newer = (await db.merges.where('status').equals('merged').toArray()).filter(
      (o) => o.id! > mergeId && [o.golden, ...o.merged].some((id) => ids.has(id))
    );
    if (newer.length)
      throw new Error(
        `Cannot undo merge #${mergeId}: newer merge ${newer.map((o) => `#${o.id}`).join(', ')} involves the same customers. Undo it first.`
      );
    const chunkSet = new Set(m.prev.chunks.map((c) => c.chunkId));
    const fixes = (await db.fixes.where('status').equals('applied').toArray()).filter(
      (f) =>
        f.ts >= m.ts &&
        (f.prev.some((c) => ids.has(c.id)) ||
          !!f.lines?.stats.some((s) => ids.has(s.id)) ||
          !!f.lines?.chunks.some((c) => chunkSet.has(c.chunkId)))
    );
    if (fixes.length)
      throw new Error(`Cannot undo merge #${mergeId}: undo data fix #${fixes[0].id} first`);
    for (const b of await db.batches.where('status').equals('committed').toArray()) {
      if (commitSeqOf(b) <= m.afterSeq) continue;
      const log = await db.undoLogs.get(b.id!);
      if (
        log &&
        (log.customers.some((e) => ids.has(e.id)) ||
          log.interactions.some((e) => e.prev && ids.has(e.prev.customerId)) ||
          log.superseded.some((s) => chunkSet.has(s.chunkId)))
      )
        throw new Error(
          `Cannot undo merge #${mergeId}: import #${b.id} (${b.fileName}) changed the same customers since. Undo that import first.`
        );
    }
    const chunks = (await db.orderChunks.bulkGet([...chunkSet])).map(expandChunk);
    const back: OrderChunk[] = [];
    chunks.forEach((c, i) => {
      if (!c) return;
      const p = m.prev.chunks.find((x) => x.chunkId === c.id)!;
      back.push({ ...c, customerIdx: p.customerIdx, customerDict: p.customerDict });
      void i;
    });
    await db.orderChunks.bulkPut(back.map(storedChunk));
    await db.interactions.bulkPut(m.prev.interactions);
    await db.relationships.bulkPut(m.prev.relationships);
    await db.customers.bulkDelete(m.prev.customers.filter((c) => !c.prev).map((c) => c.id));
    await db.customers.bulkPut(m.prev.customers.filter((c) => c.prev).map((c) => c.prev!));
    const edit = await StatsEdit.load(db, [...ids]);
    const fresh = new Map<string, CustomerStats>();
    for (const s of m.prev.stats) if (s.prev) fresh.set(s.id, s.prev);
    await edit.save([...ids], fresh);
    await db.merges.update(mergeId, { status: 'undone' });
    await db.aliases.where('mergeId').equals(mergeId).delete();
    // The answers the merge recorded go with it: its pairs may be suggested again.
    await db.feedback.where('customerId').anyOf([...ids]).filter((f) => f.mergeId === mergeId).delete(); // prettier-ignore
  });
}

/** A user's answer about two customers, kept in the feedback table (family 'duplicates'). */
export interface MatchAnswer {
  a: string;
  b: string;
  same: boolean;
  ts: number;
  mergeId?: number;
}

/** Store answers ("the same person" / "not the same person"); a later answer replaces one. */
export async function recordAnswers(
  db: RapportDb,
  answers: { a: string; b: string; same: boolean }[],
  mergeId?: number,
  now = Date.now()
): Promise<void> {
  if (!answers.length) return;
  await db.transaction('rw', db.feedback, async () => {
    const ids = [...new Set(answers.flatMap((x) => [x.a, x.b]))];
    const old = await db.feedback.where('customerId').anyOf(ids).filter((f) => f.family === 'duplicates').toArray(); // prettier-ignore
    const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
    const wanted = new Set(answers.map((x) => key(x.a, x.b)));
    await db.feedback.bulkDelete(old.filter((f) => wanted.has(key(f.customerId, String(f.other)))).map((f) => f.id!)); // prettier-ignore
    await db.feedback.bulkAdd(
      answers.map((x) => ({ customerId: x.a, other: x.b, same: x.same, family: 'duplicates', ts: now, ...(mergeId !== undefined ? { mergeId } : {}) })) // prettier-ignore
    );
  });
}

export async function listAnswers(db: RapportDb): Promise<MatchAnswer[]> {
  const rows = await db.feedback.filter((f) => f.family === 'duplicates').toArray();
  return rows.map((f) => ({
    a: f.customerId,
    b: String(f.other),
    same: f.same === true,
    ts: f.ts,
    ...(typeof f.mergeId === 'number' ? { mergeId: f.mergeId } : {})
  }));
}
