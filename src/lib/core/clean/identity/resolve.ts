// Identity resolution end to end: deterministic rules (same normalised e-mail, phone or identity
// number), blocking, comparison vectors, Fellegi–Sunter with EM-estimated m/u, match
// probabilities, transitive clustering. The user's answers (same person / not the same person)
// enter EM with their known class, fix those pairs' probabilities and are never asked again.
import { Rng } from '../../sample/rng';
import { candidatePairs, type BlockingOptions } from './blocking';
import { clusterPairs, clustersOf } from './cluster';
import {
  COMPARISONS,
  FIELD_INDEX,
  FIELDS,
  compareRecords,
  presentFields,
  type FieldKey,
  type IdentityRecord
} from './fields';
import {
  countPatterns,
  fitEm,
  initialM,
  levelFrequencies,
  logOdds,
  sigmoid,
  type FsParams
} from './fellegiSunter';

/** A user's answer about two records (by id). */
export interface PairAnswer {
  a: string;
  b: string;
  same: boolean;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`); // prettier-ignore

export interface ResolveOptions extends BlockingOptions {
  /** Match probability at or above which a pair is a match (default 0.9, Splink's habit). */
  threshold?: number;
  /** Random pairs used to start u (default 100,000). */
  randomPairs?: number;
  seed?: number;
  /** Keep u at its random-pair estimate during EM (default false: EM re-estimates u). */
  fixU?: boolean;
  answers?: PairAnswer[];
  /** Groups of records confirmed to be one person that are no longer in `records` (merged). */
  examples?: IdentityRecord[][];
  /**
   * Deterministic rules applied before the model: a pair agreeing exactly on one of these fields
   * is a match (default e-mail and phone; pass [] to rely on the model alone).
   */
  deterministic?: FieldKey[];
  maxClusterSize?: number;
  signal?: AbortSignal;
  progress?(p: { phase: string; done: number; total: number }): void;
}

export interface Resolution {
  records: number;
  /** The fields compared (present in at least one record) and their level counts. */
  fields: FieldKey[];
  levels: number[];
  candidatePairs: number;
  perRule: Record<string, number>;
  skippedBlocks: Record<string, number>;
  params: FsParams;
  iterations: number;
  converged: boolean;
  /** Every candidate pair: record indices, comparison vector (`fields.length` bytes each), probability. */
  left: Uint32Array;
  right: Uint32Array;
  vectors: Uint8Array;
  probability: Float64Array;
  /** Indices (into the candidate pairs) at or above the threshold, most probable first. */
  matched: number[];
  /** Cluster root of each record, and the clusters with more than one record. */
  root: Int32Array;
  clusters: number[][];
  threshold: number;
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

/** Comparison vectors of random record pairs (different sources when linking): u's start. */
function randomVectors(
  records: readonly IdentityRecord[],
  fields: number[],
  count: number,
  link: boolean,
  rng: Rng
): Uint8Array {
  const n = records.length;
  const out = new Uint8Array(count * fields.length);
  let made = 0;
  for (let tries = 0; made < count && tries < count * 20; tries++) {
    const i = Math.floor(rng.next() * n);
    const j = Math.floor(rng.next() * n);
    if (i === j || (link && records[i].source === records[j].source)) continue;
    compareRecords(records[i], records[j], fields, out, made * fields.length);
    made++;
  }
  return out.subarray(0, made * fields.length);
}

export async function resolveIdentities(
  records: readonly IdentityRecord[],
  opts: ResolveOptions = {}
): Promise<Resolution> {
  const n = records.length;
  const threshold = opts.threshold ?? 0.9;
  const fields = presentFields(records);
  const F = fields.length;
  const levels = fields.map((f) => COMPARISONS[f].levels);
  const say = (phase: string, done: number, total: number) => opts.progress?.({ phase, done, total }); // prettier-ignore

  say('blocking', 0, 1);
  const cand = candidatePairs(records, opts);
  // Answered pairs are always compared, even when no blocking rule brings them together.
  const indexOf = new Map(records.map((r, i) => [r.id, i]));
  const answer = new Map<string, boolean>();
  for (const a of opts.answers ?? []) answer.set(pairKey(a.a, a.b), a.same);
  let left = cand.left;
  let right = cand.right;
  if (answer.size) {
    const have = new Set<string>();
    for (let p = 0; p < left.length; p++) have.add(pairKey(records[left[p]].id, records[right[p]].id)); // prettier-ignore
    const extraL: number[] = [];
    const extraR: number[] = [];
    for (const a of opts.answers ?? []) {
      const i = indexOf.get(a.a);
      const j = indexOf.get(a.b);
      if (i === undefined || j === undefined || i === j || have.has(pairKey(a.a, a.b))) continue;
      have.add(pairKey(a.a, a.b));
      extraL.push(Math.min(i, j));
      extraR.push(Math.max(i, j));
    }
    if (extraL.length) {
      left = Uint32Array.from([...left, ...extraL]);
      right = Uint32Array.from([...right, ...extraR]);
    }
  }
  const P = left.length;
  await tick();
  checkAborted(opts.signal);

  const vectors = new Uint8Array(P * F);
  const labels = new Int8Array(P);
  const STEP = 20_000;
  for (let p = 0; p < P; p++) {
    compareRecords(records[left[p]], records[right[p]], fields, vectors, p * F);
    if (answer.size) {
      const s = answer.get(pairKey(records[left[p]].id, records[right[p]].id));
      if (s !== undefined) labels[p] = s ? 1 : -1;
    }
    if (p % STEP === STEP - 1) {
      say('comparing', p + 1, P);
      await tick();
      checkAborted(opts.signal);
    }
  }

  say('estimating', 0, 1);
  const rng = new Rng(opts.seed ?? 12);
  const random = randomVectors(records, fields, opts.randomPairs ?? Math.min(100_000, Math.max(5_000, 20 * n)), !!opts.link, rng); // prettier-ignore
  const u0 = levelFrequencies(random, levels);
  // Confirmed matches no longer in the data (merged records, kept by the merge journal) still
  // teach m: each pair of a merged group enters EM as a known match.
  const examples: number[] = [];
  const ex = new Uint8Array(F);
  for (const group of opts.examples ?? [])
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        compareRecords(group[i], group[j], fields, ex, 0);
        examples.push(...ex);
      }
  const nEx = examples.length / Math.max(1, F);
  let allVectors = vectors;
  if (nEx) {
    allVectors = new Uint8Array(vectors.length + examples.length);
    allVectors.set(vectors);
    allVectors.set(examples, vectors.length);
  }
  let allLabels = labels;
  if (nEx) {
    allLabels = new Int8Array(P + nEx).fill(1);
    allLabels.set(labels);
  }
  const pat = countPatterns(allVectors, F, allLabels);
  const em = fitEm(pat, levels, { lambda: 0.1, m: initialM(levels), u: u0 }, { fixU: opts.fixU });
  await tick();
  checkAborted(opts.signal);

  // Probabilities by pattern, then per pair; answered pairs are certain.
  const patProb = new Float64Array(pat.counts.length);
  for (let k = 0; k < patProb.length; k++)
    patProb[k] = sigmoid(logOdds(em.params, pat.vectors, k * F, F));
  const probability = new Float64Array(P);
  const cannotLink: [number, number][] = [];
  const rules = (opts.deterministic ?? ['email', 'phone'])
    .map((f) => fields.indexOf(FIELD_INDEX[f]))
    .filter((k) => k >= 0);
  const exact = (p: number): boolean => rules.some((k) => vectors[p * F + k] === levels[k] - 1);
  for (let p = 0; p < P; p++) {
    probability[p] =
      labels[p] > 0 ? 1 : labels[p] < 0 ? 0 : exact(p) ? 1 : patProb[pat.patternOf[p]];
    if (labels[p] < 0) cannotLink.push([left[p], right[p]]);
  }
  const matched: number[] = [];
  for (let p = 0; p < P; p++) if (probability[p] >= threshold) matched.push(p);
  matched.sort((a, b) => probability[b] - probability[a] || a - b);

  say('clustering', 0, 1);
  const root = clusterPairs(n, left, right, matched, { cannotLink, maxSize: opts.maxClusterSize });
  return {
    records: n,
    fields: fields.map((f) => FIELDS[f]),
    levels,
    candidatePairs: cand.left.length,
    perRule: cand.perRule,
    skippedBlocks: cand.skippedBlocks,
    params: em.params,
    iterations: em.iterations,
    converged: em.converged,
    left,
    right,
    vectors,
    probability,
    matched,
    root,
    clusters: clustersOf(root),
    threshold
  };
}

/** One field's part in a pair's score: its level and the evidence it carries (log2 m/u). */
export interface FieldEvidence {
  field: FieldKey;
  level: number;
  label: string;
  weight: number;
}

export function pairEvidence(res: Resolution, p: number): FieldEvidence[] {
  const F = res.fields.length;
  const out: FieldEvidence[] = [];
  for (let k = 0; k < F; k++) {
    const g = res.vectors[p * F + k];
    const field = res.fields[k];
    if (g === 255) {
      out.push({ field, level: -1, label: 'missing', weight: 0 });
      continue;
    }
    const c = COMPARISONS[FIELD_INDEX[field]];
    out.push({ field, level: g, label: c.labels[g], weight: Math.log2(res.params.m[k][g] / res.params.u[k][g]) }); // prettier-ignore
  }
  return out;
}
