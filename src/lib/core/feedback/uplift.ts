// What happened after the user acted: among customers the churn list flagged, the retention rate
// of those contacted minus that of those not contacted, with a 95% interval (Newcombe 1998,
// "Interval estimation for the difference between independent proportions", method 10: Wilson
// score intervals combined). Observational, not a randomised trial: the page says so.

export interface UpliftInput {
  contacted: boolean;
  /** Still a customer at the end of the outcome window. */
  retained: boolean;
}

export interface Uplift {
  contacted: { n: number; retained: number; rate: number };
  notContacted: { n: number; retained: number; rate: number };
  /** rate(contacted) - rate(not contacted). */
  uplift: number;
  low: number;
  high: number;
}

const Z = 1.959964;

function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (Z * Z) / n;
  const c = p + (Z * Z) / (2 * n);
  const r = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return [(c - r) / d, (c + r) / d];
}

export function upliftOf(rows: UpliftInput[]): Uplift | null {
  let n1 = 0, k1 = 0, n0 = 0, k0 = 0; // prettier-ignore
  for (const r of rows) {
    if (r.contacted) {
      n1++;
      k1 += r.retained ? 1 : 0;
    } else {
      n0++;
      k0 += r.retained ? 1 : 0;
    }
  }
  if (n1 === 0 || n0 === 0) return null;
  const p1 = k1 / n1;
  const p0 = k0 / n0;
  const [l1, u1] = wilson(k1, n1);
  const [l0, u0] = wilson(k0, n0);
  const d = p1 - p0;
  return {
    contacted: { n: n1, retained: k1, rate: p1 },
    notContacted: { n: n0, retained: k0, rate: p0 },
    uplift: d,
    low: d - Math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2),
    high: d + Math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)
  };
}
