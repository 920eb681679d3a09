// Referral and follow links. Structure: communities (social circles within a city) plus
// preferential attachment (Barabasi & Albert 1999): a newcomer links to an existing member with
// probability proportional to 1 + the links that member already has, mostly inside its own
// community. Drawing uniformly from a list where each member appears 1 + degree times does that
// in O(1) per link.
import type { NewRelationship } from '../ingest/sink';
import { SALES_CHANNELS, type SimCustomer } from './customers';
import type { Rng } from './rng';
import { DAY_MS } from './time';

const SOCIAL = SALES_CHANNELS.indexOf('social');

class Pools {
  private readonly byCommunity = new Map<number, SimCustomer[]>();
  private readonly byCity = new Map<number, SimCustomer[]>();
  private readonly all: SimCustomer[] = [];

  add(c: SimCustomer): void {
    for (const [m, k] of [
      [this.byCommunity, c.community],
      [this.byCity, c.city]
    ] as const) {
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(c);
    }
    this.all.push(c);
  }

  /** Same community with `pSame`, else same city with `pCity`, else anyone; degree-weighted. */
  draw(rng: Rng, c: SimCustomer, pSame: number, pCity: number): SimCustomer | undefined {
    const u = rng.next();
    const list =
      u < pSame
        ? this.byCommunity.get(c.community)
        : u < pSame + pCity
          ? this.byCity.get(c.city)
          : this.all;
    const from = list?.length ? list : this.all;
    return from.length ? from[rng.int(from.length)] : undefined;
  }
}

export function simulateNetwork(
  rng: Rng,
  customers: SimCustomer[],
  end: number
): NewRelationship[] {
  const byTime = [...customers].sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
  const referrers = new Pools();
  const followed = new Pools();
  const edges = new Map<string, NewRelationship>();
  const link = (from: SimCustomer, to: SimCustomer, kind: string, ts: number) => {
    const id = `${from.id}->${to.id}:${kind}`;
    if (from === to || ts >= end || edges.has(id)) return false;
    edges.set(id, { id, from: from.id, to: to.id, kind, weight: 1, ts: Math.floor(ts) });
    return true;
  };
  // Dead customers stop recommending the shop some weeks after their last purchase.
  const active = (r: SimCustomer, t: number) =>
    !r.browsesOnly && (!r.droppedOut || r.lastPurchase + 60 * DAY_MS > t);

  for (const c of byTime) {
    if (c.referred) {
      let r: SimCustomer | undefined;
      for (let k = 0; k < 30 && !r; k++) {
        const cand = referrers.draw(rng, c, 0.8, 0.1);
        if (cand && active(cand, c.createdAt)) r = cand;
      }
      r ??= referrers.draw(rng, c, 0.8, 0.1);
      if (r && link(r, c, 'referral', c.createdAt)) referrers.add(r);
    }
    // Social-channel fans follow more people.
    const mean = 0.4 + 6 * c.channelPref[SOCIAL];
    const k = rng.poisson(mean);
    for (let j = 0; j < k; j++) {
      const t = followed.draw(rng, c, 0.75, 0.1);
      if (!t) break;
      const ts = c.createdAt + rng.exp(1 / 30) * DAY_MS;
      if (!link(c, t, 'follows', ts)) continue;
      followed.add(t);
      if (rng.bool(0.3) && link(t, c, 'follows', ts + rng.exp(1 / 3) * DAY_MS)) followed.add(c);
    }
    referrers.add(c);
    followed.add(c);
  }
  return [...edges.values()].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || (a.id < b.id ? -1 : 1));
}
