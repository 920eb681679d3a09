// Purchase histories by the buy-till-you-die story of BG/NBD (Fader, Hardie & Lee 2005): while
// alive a customer buys as a Poisson process with rate lambda (here thinned by season), and after
// each purchase drops out for good with probability p. As in MBG/NBD (Batislam et al. 2007) the
// first purchase can also be the last, which gives the one-time buyers real shops have.
import type { CatalogueItem } from './catalogue';
import { CATEGORY_COUNT } from './catalogue';
import { SALES_CHANNELS, type SimCustomer } from './customers';
import { Rng, WeightedTable } from './rng';
import { DAY_MS, SEASON_MAX, season, shopHours } from './time';

export interface SimLine {
  product: number;
  quantity: number;
  unitPrice: number;
}

export interface SimReturn {
  line: number;
  ts: number;
}

export interface SimOrder {
  customer: SimCustomer;
  ts: number;
  channel: string;
  lines: SimLine[];
  /** The whole order was cancelled before it shipped. */
  cancelled: boolean;
  returns: SimReturn[];
  /** Assigned once all orders are sorted by time. */
  id: string;
}

function purchaseTimes(rng: Rng, c: SimCustomer, end: number): number[] {
  if (c.browsesOnly) return [];
  // Most buy when they sign up; the rest come back for a first order some days later.
  let t = c.createdAt + (rng.bool(0.65) ? 0 : rng.exp(1 / 12) * DAY_MS);
  const out: number[] = [];
  while (t < end) {
    out.push(Math.max(c.createdAt, shopHours(t, rng)));
    if (rng.bool(c.p)) {
      c.droppedOut = true;
      break;
    }
    // Thinning (Lewis & Shedler 1979) for the seasonal rate lambda * season(t).
    do t += rng.exp(c.lambda * SEASON_MAX) * DAY_MS;
    while (t < end && rng.next() * SEASON_MAX > season(t));
  }
  const ok = out.filter((x) => x < end).sort((a, b) => a - b);
  if (ok.length) c.lastPurchase = ok[ok.length - 1];
  return ok;
}

export function simulatePurchases(
  rng: Rng,
  customers: SimCustomer[],
  catalogue: CatalogueItem[],
  end: number
): SimOrder[] {
  const byCat: number[][] = Array.from({ length: CATEGORY_COUNT }, () => []);
  catalogue.forEach((it, i) => byCat[it.categoryIndex].push(i));
  const tables = byCat.map((ids) => new WeightedTable(ids.map((i) => catalogue[i].popularity)));
  const catShare = byCat.map((ids) => ids.reduce((s, i) => s + catalogue[i].popularity, 0));
  const catTable = new WeightedTable(catShare);
  const pickProduct = (c: SimCustomer): number => {
    const cat = rng.bool(0.75) ? rng.weighted(c.categoryPref) : catTable.draw(rng);
    return byCat[cat][tables[cat].draw(rng)];
  };

  const orders: SimOrder[] = [];
  for (const c of customers) {
    const times = purchaseTimes(rng, c, end);
    times.forEach((ts, k) => {
      const last = k === times.length - 1 && c.droppedOut;
      const n = Math.min(8, 1 + rng.poisson(1.2));
      const chosen: number[] = [];
      while (chosen.length < n) {
        const p = pickProduct(c);
        if (!chosen.includes(p)) chosen.push(p);
        // "Bought together": the product's complement joins the basket a third of the time.
        if (chosen.length < 8 && rng.bool(0.35)) {
          const comp = rng.pick(catalogue[p].complements);
          if (!chosen.includes(comp)) chosen.push(comp);
        }
      }
      const lines = chosen.map((product) => {
        const base = catalogue[product].product.price ?? 10;
        const discount = rng.bool(0.12) ? 0.8 + 0.1 * rng.int(2) : 1;
        const cheap = base < 8;
        const quantity = rng.bool(cheap ? 0.5 : 0.8) ? 1 : 2 + rng.poisson(cheap ? 2 : 0.6);
        return { product, quantity, unitPrice: Math.round(base * discount * 100) / 100 };
      });
      const returns: SimReturn[] = [];
      const cancelled = rng.bool(0.015);
      if (!cancelled) {
        // Unhappy last orders of customers about to leave come back more often.
        const pr = last ? 0.12 : 0.025;
        lines.forEach((_, li) => {
          if (!rng.bool(pr)) return;
          const rts = ts + (2 + rng.exp(1 / 6)) * DAY_MS;
          if (rts < end) returns.push({ line: li, ts: Math.floor(rts) });
        });
      }
      const channel = SALES_CHANNELS[rng.weighted(c.channelPref)];
      orders.push({ customer: c, ts, channel, lines, cancelled, returns, id: '' });
    });
  }
  orders.sort((a, b) => a.ts - b.ts || a.customer.index - b.customer.index);
  orders.forEach((o, k) => (o.id = `SO${100001 + k}`));
  return orders;
}
