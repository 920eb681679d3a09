// Per-customer stats stored in a fixed number of shard records instead of one record per customer.
// Chromium's IndexedDB pays ~0.1 ms per record written on 2 cores (6,000 stats records took 0.5-1 s
// to put, the same data in 64 records 25-35 ms), and every import that touches a customer rewrote
// that customer's record: with shards an import writes at most STATS_SHARDS records.
// A customer's stats live in shard `shardOf(id)`; a shard holds them in one array.
import type { CustomerStats, StatsShard } from './rows';
import type { Tables } from './schema';

export const STATS_SHARDS = 64;

type ShardTables = Pick<Tables, 'statsShards'>;

/** FNV-1a over UTF-16 code units, reduced to a shard number. Stable across releases. */
export function shardOf(customerId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    h ^= customerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % STATS_SHARDS;
}

// Rows kept in id order inside a shard: the same stats give the same records whatever the history.
const byId = (a: CustomerStats, b: CustomerStats) =>
  a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;

/** Group stats rows into shard records (an empty shard has no record). */
export function toShards(stats: Iterable<CustomerStats>): StatsShard[] {
  const shards: StatsShard[] = Array.from({ length: STATS_SHARDS }, (_, shard) => ({
    shard,
    stats: []
  }));
  for (const s of stats) shards[shardOf(s.customerId)].stats.push(s);
  for (const sh of shards) sh.stats.sort(byId);
  return shards.filter((sh) => sh.stats.length > 0);
}

/** Stats of one customer. */
export async function getStats(db: ShardTables, id: string): Promise<CustomerStats | undefined> {
  const shard = await db.statsShards.get(shardOf(id));
  return shard?.stats.find((s) => s.customerId === id);
}

/** Stats of every customer with alive order lines. */
export async function allStats(db: ShardTables): Promise<CustomerStats[]> {
  const out: CustomerStats[] = [];
  for (const shard of await db.statsShards.toArray()) for (const s of shard.stats) out.push(s);
  return out;
}

/**
 * The shards holding `ids`, loaded once inside the caller's transaction: read the old stats with
 * `get`, then `save` the fresh ones (customers missing from `fresh` lose their stats).
 */
export class StatsEdit {
  private constructor(
    private readonly db: ShardTables,
    private readonly shards: Map<number, Map<string, CustomerStats>>
  ) {}

  static async load(db: ShardTables, ids: Iterable<string>): Promise<StatsEdit> {
    const wanted = new Set<number>();
    for (const id of ids) wanted.add(shardOf(id));
    const keys = [...wanted].sort((a, b) => a - b);
    const rows = await db.statsShards.bulkGet(keys);
    const shards = new Map<number, Map<string, CustomerStats>>();
    keys.forEach((k, i) => shards.set(k, new Map(rows[i]?.stats.map((s) => [s.customerId, s]))));
    return new StatsEdit(db, shards);
  }

  get(id: string): CustomerStats | undefined {
    return this.shards.get(shardOf(id))?.get(id);
  }

  /** Replace the stats of `ids` by `fresh` (an id of `ids` not in `fresh` is deleted). */
  async save(ids: Iterable<string>, fresh: Map<string, CustomerStats>): Promise<void> {
    const touched = new Set<number>();
    for (const id of ids) {
      const k = shardOf(id);
      const shard = this.shards.get(k);
      if (!shard) throw new Error(`StatsEdit: shard ${k} of "${id}" was not loaded`);
      const s = fresh.get(id);
      if (s) shard.set(id, s);
      else shard.delete(id);
      touched.add(k);
    }
    const keys = [...touched].sort((a, b) => a - b);
    const out: StatsShard[] = keys
      .map((k) => ({ shard: k, stats: [...this.shards.get(k)!.values()].sort(byId) }))
      .filter((sh) => sh.stats.length > 0);
    await this.db.statsShards.bulkPut(out);
    // No record for an empty shard, so equal stats always mean equal tables.
    await this.db.statsShards.bulkDelete(keys.filter((k) => this.shards.get(k)!.size === 0));
  }
}
