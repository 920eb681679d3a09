// Quality of a resolution against ground truth (an entity id per record): pairwise precision,
// recall and F1 over the pairs that share a cluster (what a user gets after merging), the same
// over the matched pairs alone, blocking recall, and cluster-level accuracy (the share of true
// entities whose records form exactly one predicted cluster, nothing more, nothing less).
import type { IdentityRecord } from './fields';
import type { Resolution } from './resolve';

export interface PairwiseQuality {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

export interface Quality {
  pairwise: PairwiseQuality;
  matchedPairwise: PairwiseQuality;
  blockingRecall: number;
  clusterAccuracy: number;
  entities: number;
}

const quality = (
  truePairs: number,
  predictedPairs: number,
  correctPairs: number
): PairwiseQuality => {
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
};

/** Pairs within each group: all pairs, or (link) pairs across sources only. */
function pairsIn(members: number[], records: readonly IdentityRecord[], link: boolean): number {
  if (!link) return (members.length * (members.length - 1)) / 2;
  const bySource = new Map<number, number>();
  for (const i of members) bySource.set(records[i].source, (bySource.get(records[i].source) ?? 0) + 1); // prettier-ignore
  const c = [...bySource.values()];
  let s = 0;
  for (let a = 0; a < c.length; a++) for (let b = a + 1; b < c.length; b++) s += c[a] * c[b];
  return s;
}

function groups<K>(n: number, keyOf: (i: number) => K): Map<K, number[]> {
  const g = new Map<K, number[]>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    const list = g.get(k);
    if (list) list.push(i);
    else g.set(k, [i]);
  }
  return g;
}

export function evaluateResolution(
  res: Resolution,
  records: readonly IdentityRecord[],
  truth: readonly string[],
  link = false
): Quality {
  const n = records.length;
  const entities = groups(n, (i) => truth[i]);
  let truePairs = 0;
  for (const m of entities.values()) truePairs += pairsIn(m, records, link);
  // Clustered pairs.
  const clusters = groups(n, (i) => res.root[i]);
  let predicted = 0;
  let correct = 0;
  for (const m of clusters.values()) {
    if (m.length < 2) continue;
    predicted += pairsIn(m, records, link);
    for (const sub of groups(m.length, (k) => truth[m[k]]).values())
      correct += pairsIn(
        sub.map((k) => m[k]),
        records,
        link
      );
  }
  // Matched pairs alone, and candidate pairs (blocking recall).
  let mCorrect = 0;
  for (const p of res.matched) if (truth[res.left[p]] === truth[res.right[p]]) mCorrect++;
  let candTrue = 0;
  for (let p = 0; p < res.left.length; p++) if (truth[res.left[p]] === truth[res.right[p]]) candTrue++; // prettier-ignore
  // Cluster accuracy: an entity is right when its records are exactly one predicted cluster.
  let exact = 0;
  for (const m of entities.values()) {
    const r = res.root[m[0]];
    if (m.every((i) => res.root[i] === r) && clusters.get(r)!.length === m.length) exact++;
  }
  return {
    pairwise: quality(truePairs, predicted, correct),
    matchedPairwise: quality(truePairs, res.matched.length, mCorrect),
    blockingRecall: truePairs ? candTrue / truePairs : 1,
    clusterAccuracy: entities.size ? exact / entities.size : 1,
    entities: entities.size
  };
}
