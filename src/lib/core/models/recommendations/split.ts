// The evaluation protocol's split, the same in app, CLI and bench: per user, interactions in time
// order; the last 20% (rounded up, so at least one) are the test set, the rest train. Carving a
// validation set from the training part uses the same rule on it, so hyper-parameters are
// chosen on training interactions only.
import type { UserItems } from './interactions';

export const TEST_FRACTION = 0.2;

export interface TemporalSplit {
  train: UserItems;
  test: UserItems;
}

/** Test interactions a user with `n` interactions keeps apart. */
export const testCount = (n: number, fraction = TEST_FRACTION): number =>
  n === 0 ? 0 : Math.max(1, Math.ceil(n * fraction));

function take(h: UserItems, from: (u: number) => number, to: (u: number) => number): UserItems {
  const ptr = new Int32Array(h.nUsers + 1);
  for (let u = 0; u < h.nUsers; u++) ptr[u + 1] = ptr[u] + (to(u) - from(u));
  const idx = new Int32Array(ptr[h.nUsers]);
  const ts = new Float64Array(ptr[h.nUsers]);
  for (let u = 0; u < h.nUsers; u++) {
    idx.set(h.idx.subarray(from(u), to(u)), ptr[u]);
    ts.set(h.ts.subarray(from(u), to(u)), ptr[u]);
  }
  return { nUsers: h.nUsers, nItems: h.nItems, ptr, idx, ts };
}

/** Per user, the last `fraction` of interactions (at least one) as test, the rest as train. */
export function temporalSplit(h: UserItems, fraction = TEST_FRACTION): TemporalSplit {
  const cut = (u: number) => h.ptr[u + 1] - testCount(h.ptr[u + 1] - h.ptr[u], fraction);
  return {
    train: take(h, (u) => h.ptr[u], cut),
    test: take(h, cut, (u) => h.ptr[u + 1])
  };
}

/** Users with at least one test interaction (the ones the metrics average over). */
export function evaluatedUsers(test: UserItems): number[] {
  const out: number[] = [];
  for (let u = 0; u < test.nUsers; u++) if (test.ptr[u + 1] > test.ptr[u]) out.push(u);
  return out;
}

/** The interactions `keep` accepts (by position in `h`), users and items as they were. */
export function filterEntries(h: UserItems, keep: (k: number) => boolean): UserItems {
  const ptr = new Int32Array(h.nUsers + 1);
  const idx: number[] = [];
  const ts: number[] = [];
  for (let u = 0; u < h.nUsers; u++) {
    for (let k = h.ptr[u]; k < h.ptr[u + 1]; k++)
      if (keep(k)) {
        idx.push(h.idx[k]);
        ts.push(h.ts[k]);
      }
    ptr[u + 1] = idx.length;
  }
  return { nUsers: h.nUsers, nItems: h.nItems, ptr, idx: Int32Array.from(idx), ts: Float64Array.from(ts) }; // prettier-ignore
}

/** Each user's interactions of `a`, then theirs of `b` (b's are the later ones). */
export function appendEntries(a: UserItems, b: UserItems): UserItems {
  if (!b.idx.length) return a;
  const ptr = new Int32Array(a.nUsers + 1);
  const n = a.idx.length + b.idx.length;
  const idx = new Int32Array(n);
  const ts = new Float64Array(n);
  let w = 0;
  for (let u = 0; u < a.nUsers; u++) {
    for (const h of [a, b])
      for (let k = h.ptr[u]; k < h.ptr[u + 1]; k++) {
        idx[w] = h.idx[k];
        ts[w++] = h.ts[k];
      }
    ptr[u + 1] = w;
  }
  return { nUsers: a.nUsers, nItems: a.nItems, ptr, idx, ts };
}
