// Customer profiles and the hidden traits that drive their behaviour. Purchase rate and
// dropout probability follow the BG/NBD assumptions (Fader, Hardie & Lee 2005):
// lambda ~ Gamma(r, alpha), p ~ Beta(a, b), both independent across customers.
import type { NewCustomer } from '../ingest/sink';
import {
  AGE_BANDS,
  AGE_WEIGHTS,
  CITIES,
  EMAIL_DOMAINS,
  EN_FAMILY,
  EN_GIVEN,
  ZH_FAMILY,
  ZH_GIVEN
} from './people';
import type { Rng } from './rng';
import { CATEGORY_COUNT } from './catalogue';
import { shopHours } from './time';

export const SALES_CHANNELS = ['shop', 'pos', 'web', 'social'] as const;
/** Shop-wide mix of the sales channels; each customer's own mix is a Dirichlet around it. */
const CHANNEL_MIX = [0.25, 0.2, 0.4, 0.15];

/**
 * BG/NBD heterogeneity, per day: mean rate r/alpha = one purchase every 20 days while alive.
 * Dropout is Beta(a, b) (mean 0.036) for regulars plus a point mass at p = 1 for a share of
 * one-off buyers (gifts, tourists), which real shops have more of than a single Beta gives.
 */
export const BEHAVIOUR = { r: 2, alpha: 40, a: 0.3, b: 8, oneOff: 0.2 } as const;

/** Communities per city: social circles inside which referrals and follows mostly happen. */
export const COMMUNITIES_PER_CITY = 4;

export interface SimCustomer {
  index: number;
  id: string;
  createdAt: number;
  /** Purchases per day while alive. */
  lambda: number;
  /** Probability of dropping out right after each purchase. */
  p: number;
  city: number;
  community: number;
  writesZh: boolean;
  channelPref: number[];
  categoryPref: number[];
  referred: boolean;
  /** Signed up but never bought. */
  browsesOnly: boolean;
  /** Filled by the purchase simulation: last purchase time, and whether they dropped out then. */
  lastPurchase: number;
  droppedOut: boolean;
  profile: NewCustomer;
}

/** Acquisition time on [start, end): density rising linearly to twice its starting value. */
function acquisitionTime(rng: Rng, start: number, end: number): number {
  const x = -1 + Math.sqrt(1 + 3 * rng.next()); // inverse CDF of f(x) = (1 + x) / 1.5 on [0, 1]
  return Math.floor(start + x * (end - start));
}

function digits(rng: Rng, n: number): string {
  let s = String(1 + rng.int(9));
  while (s.length < n) s += rng.int(10);
  return s;
}

export function buildCustomers(rng: Rng, n: number, start: number, end: number): SimCustomer[] {
  const cityWeights = CITIES.map((c) => c.weight);
  const out: SimCustomer[] = [];
  const usedEmails = new Set<string>();
  for (let i = 0; i < n; i++) {
    const city = rng.weighted(cityWeights);
    const c = CITIES[city];
    const zhName = rng.bool(c.zhShare);
    let name: string;
    let local: string;
    if (zhName) {
      const fam = rng.pick(ZH_FAMILY);
      const g1 = rng.pick(ZH_GIVEN);
      const g2 = rng.bool(0.7) ? rng.pick(ZH_GIVEN) : null;
      name = fam[0] + g1[0] + (g2 ? g2[0] : '');
      local = `${g1[1]}${g2 ? g2[1] : ''}.${fam[1]}`;
    } else {
      const g = rng.pick(EN_GIVEN);
      const f = rng.pick(EN_FAMILY);
      name = `${g} ${f}`;
      local = `${g}.${f}`.toLowerCase();
    }
    let email: string | undefined = `${local}@${rng.pick(EMAIL_DOMAINS)}`;
    while (usedEmails.has(email)) email = `${local}${rng.int(100)}@${rng.pick(EMAIL_DOMAINS)}`;
    usedEmails.add(email);
    if (rng.bool(0.12)) email = undefined;
    const phone = rng.bool(0.2) ? undefined : `${c.dial} ${digits(rng, c.digits)}`;

    const lambda = rng.gamma(BEHAVIOUR.r, BEHAVIOUR.alpha);
    const referred = i > n * 0.05 && rng.bool(0.22);
    // Referred customers stay longer (Schmitt, Skiera & Van den Bulte 2011): lower dropout.
    const p =
      (rng.bool(BEHAVIOUR.oneOff) ? 1 : rng.beta(BEHAVIOUR.a, BEHAVIOUR.b)) * (referred ? 0.6 : 1);
    const channelPref = rng.dirichlet(CHANNEL_MIX.map((m) => m * 3));
    const categoryPref = rng.dirichlet(new Array<number>(CATEGORY_COUNT).fill(0.35));
    const createdAt = shopHours(acquisitionTime(rng, start, end), rng);
    // Signup channel: the one they use most, sometimes another (e.g. met at a pop-up stall).
    const favourite = channelPref.indexOf(Math.max(...channelPref));
    const channel = SALES_CHANNELS[rng.bool(0.8) ? favourite : rng.weighted(channelPref)];
    // Observable attributes that carry some signal about the hidden traits, as in real shops.
    const tierScore = Math.log(lambda * 40) + 0.8 * rng.normal();
    const plan = tierScore > 0.9 ? 'premium' : tierScore > -0.2 ? 'plus' : 'basic';
    const newsletter = rng.bool(0.75 - p * 1.2) ? 'yes' : 'no';
    const id = `C${String(i + 1).padStart(5, '0')}`;
    out.push({
      index: i,
      id,
      createdAt,
      lambda,
      p,
      city,
      community: city * COMMUNITIES_PER_CITY + rng.int(COMMUNITIES_PER_CITY),
      writesZh: zhName ? rng.bool(0.8) : rng.bool(0.05),
      channelPref,
      categoryPref,
      referred,
      browsesOnly: rng.bool(0.07),
      lastPurchase: -Infinity,
      droppedOut: false,
      profile: {
        id,
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        country: c.country,
        city: c.en,
        createdAt,
        channel,
        attributes: {
          plan,
          age_band: AGE_BANDS[rng.weighted(AGE_WEIGHTS)],
          newsletter,
          referred: referred ? 'yes' : 'no'
        }
      }
    });
  }
  return out;
}
