// Privacy checks of a synthetic table against the real customers it was learned from:
//  - exact copies: synthetic rows equal, in every column, to a real row;
//  - distance to the closest real record (DCR): for each synthetic row, the Gower distance
//    (Gower 1971: numbers |a − b| / range, categories 0 or 1, averaged over columns) to the
//    nearest training row, against the same distance for real customers the synthesiser never
//    saw (the hold-out). Synthetic rows no closer to the training rows than new real customers
//    are means the model did not memorise them (the "DCR" test of SDV / Zhao et al. 2021).
import type { RawTable, RawValue } from '../../../features/columns';
import { median, quantile } from '../../../features/stats';
import { tableRows } from '../../customerMap/table';

export interface PrivacyReport {
  /** Synthetic rows equal to a real row (training or hold-out) after filtering. */
  exactCopies: number;
  /** Copies of training rows the generator produced and the filter dropped before output. */
  removedCopies: number;
  dcrSyntheticMedian: number;
  dcrHoldoutMedian: number;
  dcrSyntheticP5: number;
  dcrHoldoutP5: number;
  /** Rows compared (synthetic rows sampled to the hold-out's size). */
  compared: number;
}

/** Each row as a string key: numbers in a canonical form, blanks marked. */
export function rowKeys(t: RawTable, columns = t.columns.map((c) => c.name)): string[] {
  const cols = columns.map((name) => t.columns.find((c) => c.name === name)!.values);
  const keyOf = (v: RawValue) => (v === null ? '\u0000' : typeof v === 'number' ? String(+v.toFixed(6)) : v); // prettier-ignore
  return t.ids.map((_, i) => cols.map((vs) => keyOf(vs[i])).join('\u0001'));
}

/** Columns as arrays a distance loop can read fast: numbers scaled by the reference range, categories as codes. */
function encodeFor(t: RawTable, ref: RawTable): { num: Float64Array[]; cat: Int32Array[] } {
  const num: Float64Array[] = [];
  const cat: Int32Array[] = [];
  for (const rc of ref.columns) {
    const vals = t.columns.find((c) => c.name === rc.name)!.values;
    if (rc.kind === 'numeric') {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of rc.values) if (typeof v === 'number') (lo = Math.min(lo, v)), (hi = Math.max(hi, v)); // prettier-ignore
      const range = hi - lo || 1;
      num.push(Float64Array.from(vals, (v) => (typeof v === 'number' ? (v - lo) / range : NaN)));
    } else {
      const codes = new Map<string, number>();
      for (const v of rc.values) if (!codes.has(String(v))) codes.set(String(v), codes.size);
      cat.push(Int32Array.from(vals, (v) => codes.get(String(v)) ?? -1));
    }
  }
  return { num, cat };
}

/** Gower distance from each row of `from` to its nearest row of `to` (ranges and codes from `to`). */
export function closestDistances(from: RawTable, to: RawTable): Float64Array {
  const a = encodeFor(from, to);
  const b = encodeFor(to, to);
  const p = a.num.length + a.cat.length;
  const out = new Float64Array(from.ids.length);
  for (let i = 0; i < out.length; i++) {
    let best = Infinity;
    for (let j = 0; j < to.ids.length && best > 0; j++) {
      let d = 0;
      for (let k = 0; k < a.cat.length && d < best; k++) if (a.cat[k][i] !== b.cat[k][j]) d += 1;
      for (let k = 0; k < a.num.length && d < best; k++) {
        const x = a.num[k][i];
        const y = b.num[k][j];
        d += Number.isNaN(x) || Number.isNaN(y) ? (Number.isNaN(x) && Number.isNaN(y) ? 0 : 1) : Math.min(1, Math.abs(x - y)); // prettier-ignore
      }
      if (d < best) best = d;
    }
    out[i] = best / p;
  }
  return out;
}

export function privacyReport(
  synthetic: RawTable,
  train: RawTable,
  holdout: RawTable,
  removedCopies: number,
  sampleRows: (n: number) => number[]
): PrivacyReport {
  const real = new Set([...rowKeys(train), ...rowKeys(holdout)]);
  const columns = train.columns.map((c) => c.name);
  const exactCopies = rowKeys(synthetic, columns).filter((k) => real.has(k)).length;
  const rows = sampleRows(Math.min(synthetic.ids.length, holdout.ids.length));
  const ds = closestDistances(tableRows(synthetic, rows), train);
  const dh = closestDistances(holdout, train);
  return {
    exactCopies,
    removedCopies,
    dcrSyntheticMedian: median(ds),
    dcrHoldoutMedian: median(dh),
    dcrSyntheticP5: quantile(ds, 0.05),
    dcrHoldoutP5: quantile(dh, 0.05),
    compared: rows.length
  };
}
