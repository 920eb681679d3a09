import { describe, expect, it } from 'vitest';
import { STATS_SHARDS, shardOf } from '../../../src/lib/core/db';
import { StatsEdit, allStats, getStats, toShards } from '../../../src/lib/core/db/statsStore';
import type { CustomerStats } from '../../../src/lib/core/db';
import { newDb } from './helpers';

const stat = (customerId: string, lines = 1): CustomerStats => ({
  customerId,
  orders: 1,
  lines,
  totalSpent: lines * 10,
  firstTs: 1,
  lastTs: 2,
  chunkIds: [1]
});

describe('stats shards', () => {
  it('hashes ids to a fixed shard (stored databases depend on it)', () => {
    expect(['17850', '', 'C1042', '客户0001'].map(shardOf)).toEqual([62, 5, 45, 9]);
    const ids = Array.from({ length: 6400 }, (_, i) => `C${i}`);
    const counts = new Array(STATS_SHARDS).fill(0);
    for (const id of ids) counts[shardOf(id)]++;
    // Spread evenly enough: no shard holds more than twice its share.
    expect(Math.max(...counts)).toBeLessThan(200);
    expect(Math.min(...counts)).toBeGreaterThan(50);
  });

  it('updates, deletes and reads stats through the shards, leaving no empty record', async () => {
    const db = newDb('shards');
    await db.statsShards.bulkPut(toShards([stat('a'), stat('b'), stat('c')]));
    expect(await getStats(db, 'b')).toEqual(stat('b'));

    const edit = await StatsEdit.load(db, ['a', 'b', 'z']);
    expect(edit.get('a')).toEqual(stat('a'));
    expect(edit.get('z')).toBeUndefined();
    // a changes, b goes (not in fresh), z arrives; c is untouched.
    await edit.save(['a', 'b', 'z'], new Map([
      ['a', stat('a', 5)],
      ['z', stat('z')]
    ])); // prettier-ignore
    const all = (await allStats(db)).sort((x, y) => (x.customerId < y.customerId ? -1 : 1));
    expect(all).toEqual([stat('a', 5), stat('c'), stat('z')]);
    expect(await getStats(db, 'b')).toBeUndefined();
    const shards = await db.statsShards.toArray();
    expect(shards.every((s) => s.stats.length > 0)).toBe(true);
    expect(shards.length).toBe(new Set(['a', 'c', 'z'].map(shardOf)).size);

    // A shard that was not loaded cannot be written by mistake.
    const loaded = new Set(['a', 'b', 'z'].map(shardOf));
    let other = 0;
    while (loaded.has(shardOf(`x${other}`))) other++;
    await expect(edit.save([`x${other}`], new Map())).rejects.toThrow(/was not loaded/);
    db.close();
  });
});
