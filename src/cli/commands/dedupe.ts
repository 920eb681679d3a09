// `npm run rapport -- dedupe --records file.csv [--link other.csv] [--truth COLUMN
//    [--truth-pattern REGEX]] [--id COLUMN] [--threshold 0.9] [--country CN] [--limit N]`
// Identity resolution on CSV files with the app's own code: normalisation, blocking, Fellegi–
// Sunter with EM, clustering. Without a truth column it prints the matched pairs (with their
// probability) and the clusters; with one (the entity id, or the first group of
// --truth-pattern, e.g. "rec-(\d+)" for FEBRL) it prints counts and pairwise quality as JSON:
// { records, candidatePairs, pairs, clusters, pairwise: { precision, recall, f1 }, ms, ... }.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import type { CountryCode } from 'libphonenumber-js/min';
import { evaluateResolution } from '../../lib/core/clean/identity/evaluate';
import { resolveIdentities } from '../../lib/core/clean/identity/resolve';
import { recordsFromTable, type Table } from '../../lib/core/clean/identity/table';
import { UsageError } from '../args';
import { int, str, type Args } from '../files';

const round = (v: number, d = 4): number => Number(v.toFixed(d));

export function readTable(path: string): Table {
  if (!existsSync(path)) throw new UsageError(`${path}: no such file`);
  const name = basename(path);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header || !rows.length) throw new Error(`${name}: needs a header row and data rows`);
  return { name, header: header.map((h) => h.trim()), rows };
}

export async function run(args: Args) {
  const recordsPath = str(args, 'records');
  if (!recordsPath)
    throw new UsageError(
      'usage: rapport dedupe --records file.csv [--link other.csv] [--truth COLUMN [--truth-pattern REGEX]] [--threshold 0.9]'
    );
  const linkPath = str(args, 'link');
  const thresholdArg = str(args, 'threshold');
  const threshold = thresholdArg === undefined ? 0.9 : Number(thresholdArg);
  if (!(threshold > 0 && threshold < 1))
    throw new UsageError(`--threshold must be a number between 0 and 1, got "${thresholdArg}"`);
  const patternArg = str(args, 'truth-pattern');
  let truthPattern: RegExp | undefined;
  try {
    truthPattern = patternArg ? new RegExp(patternArg) : undefined;
  } catch {
    throw new UsageError(`--truth-pattern ${patternArg}: not a regular expression`);
  }
  const country = (str(args, 'country') ?? 'CN').toUpperCase() as CountryCode;
  const opts = {
    idColumn: str(args, 'id'),
    truthColumn: str(args, 'truth'),
    truthPattern,
    country
  };
  const t0 = performance.now();
  const a = recordsFromTable(readTable(recordsPath), { ...opts, source: 0 });
  const b = linkPath ? recordsFromTable(readTable(linkPath), { ...opts, source: 1 }) : null;
  const records = b ? [...a.records, ...b.records] : a.records;
  const truth = a.truth && (b ? [...a.truth, ...(b.truth ?? [])] : a.truth);
  const res = await resolveIdentities(records, { link: !!b, threshold });
  const ms = performance.now() - t0;

  const clusters = res.clusters.map((c) => c.map((i) => records[i].id));
  if (!truth) {
    const limit = int(args, 'limit', Infinity, 1);
    return {
      records: records.length,
      candidatePairs: res.candidatePairs,
      pairs: res.matched.slice(0, limit).map((p) => ({
        a: records[res.left[p]].id,
        b: records[res.right[p]].id,
        probability: round(res.probability[p])
      })),
      clusters: clusters.slice(0, limit),
      ms: Math.round(ms)
    };
  }
  const q = evaluateResolution(res, records, truth, !!b);
  const pq = (x: typeof q.pairwise) => ({ precision: round(x.precision), recall: round(x.recall), f1: round(x.f1) }); // prettier-ignore
  return {
    records: records.length,
    candidatePairs: res.candidatePairs,
    pairs: res.matched.length,
    clusters: clusters.length,
    pairwise: pq(q.pairwise),
    ms: Math.round(ms),
    matchedPairwise: pq(q.matchedPairwise),
    truePairs: q.pairwise.truePairs,
    blockingRecall: round(q.blockingRecall),
    clusterAccuracy: round(q.clusterAccuracy),
    entities: q.entities,
    threshold,
    mapping: { ...a.mapping },
    em: { iterations: res.iterations, converged: res.converged, lambda: res.params.lambda },
    perRule: res.perRule
  };
}
