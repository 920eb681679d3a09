// Calendar helpers for the generator: opening hours and the shop's seasonal demand.

export const DAY_MS = 86_400_000;

/** Same day, at a time people shop: 09:00-22:59, busier in the evening. */
export function shopHours(ts: number, rng: { next(): number }): number {
  const day = Math.floor(ts / DAY_MS) * DAY_MS;
  const u = rng.next();
  const hour = 9 + Math.floor(14 * Math.sqrt(u)); // density rising towards the evening
  const minute = Math.floor(rng.next() * 60);
  return day + hour * 3_600_000 + minute * 60_000;
}

/** Demand multiplier in [1, SEASON_MAX]: a late-November to December peak (11.11, Christmas). */
export const SEASON_MAX = 1.6;
export function season(ts: number): number {
  const d = new Date(ts);
  const doy = (ts - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  const z = (doy - 335) / 22;
  return 1 + 0.6 * Math.exp(-z * z);
}
