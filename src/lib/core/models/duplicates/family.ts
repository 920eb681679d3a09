// Duplicate customers as a model family: identity resolution (core/clean/identity) over the
// customer records, scores keyed by record pair (match probability), the clusters the review
// page lists, and the Fellegi–Sunter parameters as the model. Answers the user gave (merges,
// "not the same person") are part of the options, so a version records what it was taught.
import type { CountryCode } from 'libphonenumber-js/min';
import { ModelInputError } from '../../errors';
import {
  COMPARISONS,
  FIELD_INDEX,
  fieldOfColumn,
  makeRecord,
  type FieldKey,
  type IdentityRecord
} from '../../clean/identity/fields';
import type { FsParams } from '../../clean/identity/fellegiSunter';
import {
  pairEvidence,
  resolveIdentities,
  type PairAnswer,
  type Resolution
} from '../../clean/identity/resolve';
import type { Customer } from '../../types';
import type { ModelFamily, ScoreRow, TrainContext, TrainOutput } from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';

export interface DuplicatesOptions {
  /** Match probability from which a pair is suggested as the same person (default 0.9). */
  threshold?: number;
  /** Default country for phone numbers written without one (default CN). */
  country?: string;
  answers?: PairAnswer[];
  /** Customers merged as one person, as they were before the merge (confirmed matches). */
  examples?: Customer[][];
}

export interface DuplicatesDataset {
  records: IdentityRecord[];
  threshold: number;
  answers: PairAnswer[];
  examples: IdentityRecord[][];
}

export interface FieldParams {
  field: FieldKey;
  labels: string[];
  m: number[];
  u: number[];
}

export interface DuplicatesReport {
  records: number;
  candidatePairs: number;
  matchedPairs: number;
  clusters: number;
  inClusters: number;
  threshold: number;
  lambda: number;
  iterations: number;
  converged: boolean;
  answers: number;
  fields: FieldParams[];
  perRule: Record<string, number>;
}

export interface DuplicatesModel {
  params: FsParams;
  fields: FieldKey[];
  threshold: number;
  report: DuplicatesReport;
  /** The resolution of the data it was trained on (not saved). */
  resolution?: Resolution;
}

/** Pairs below this probability are not stored as scores (nobody reviews them). */
export const REVIEW_FLOOR = 0.5;

/** A customer record as an identity record: its fields, and attributes named like fields. */
export function customerRecord(c: Customer, source: number, country: CountryCode): IdentityRecord {
  const raw: Partial<Record<FieldKey, string>> = {
    name: c.name,
    email: c.email,
    phone: c.phone,
    city: c.city
  };
  for (const [k, v] of Object.entries(c.attributes ?? {})) {
    const f = fieldOfColumn(k);
    if (f && !raw[f] && v !== null && v !== '') raw[f] = String(v);
  }
  return makeRecord(c.id, source, raw, country);
}

export const duplicateCustomers = {
  id: 'duplicates',
  needs: ['customers'],
  // A merge is the user's answer to the suggestions: the remaining ones stay current.
  ignoresEdits: true,
  entity: 'record-pair',
  usesTf: false,
  dataset(inputs: DataInputs, o: DuplicatesOptions): DuplicatesDataset {
    const country = (o.country ?? 'CN').toUpperCase() as CountryCode;
    const channels = new Map<string, number>();
    const records = inputs.customers
      .map((c) => {
        const ch = String(c.channel ?? '');
        if (!channels.has(ch)) channels.set(ch, channels.size);
        return customerRecord(c, channels.get(ch)!, country);
      })
      .filter((r) => r.values.some((v) => v !== ''));
    if (records.length < 2)
      throw new ModelInputError(
        'duplicates.noCustomers',
        'finding duplicates needs customer records with a name, e-mail, phone or address: import a customer export',
        { customers: records.length }
      );
    const examples = (o.examples ?? []).map((g) => g.map((c) => customerRecord(c, 0, country)));
    return { records, threshold: o.threshold ?? 0.9, answers: o.answers ?? [], examples };
  },
  async train(
    ds: DuplicatesDataset,
    ctx: TrainContext
  ): Promise<TrainOutput<DuplicatesModel, DuplicatesReport>> {
    const res = await resolveIdentities(ds.records, {
      threshold: ds.threshold,
      answers: ds.answers,
      examples: ds.examples,
      signal: ctx.signal,
      progress: (p) => ctx.progress?.({ done: p.done, total: p.total, phase: `duplicates.${p.phase}` }) // prettier-ignore
    });
    const report: DuplicatesReport = {
      records: res.records,
      candidatePairs: res.candidatePairs,
      matchedPairs: res.matched.length,
      clusters: res.clusters.length,
      inClusters: res.clusters.reduce((s, c) => s + c.length, 0),
      threshold: res.threshold,
      lambda: res.params.lambda,
      iterations: res.iterations,
      converged: res.converged,
      answers: ds.answers.length + ds.examples.length,
      fields: res.fields.map((f, k) => ({
        field: f,
        labels: COMPARISONS[FIELD_INDEX[f]].labels,
        m: res.params.m[k],
        u: res.params.u[k]
      })),
      perRule: res.perRule
    };
    return {
      model: { params: res.params, fields: res.fields, threshold: res.threshold, report, resolution: res }, // prettier-ignore
      report,
      metrics: { records: res.records, pairs: res.matched.length, clusters: res.clusters.length },
      snapshotDate: Date.now(),
      kind: 'fellegi-sunter'
    };
  },
  async score(m: DuplicatesModel, ds: DuplicatesDataset, ctx: TrainContext): Promise<ScoreRow[]> {
    const res = m.resolution ?? (await resolveIdentities(ds.records, { threshold: m.threshold, answers: ds.answers, examples: ds.examples, signal: ctx.signal })); // prettier-ignore
    const rec = ds.records;
    // Each record's cluster named by its first member's id.
    const clusterName = new Map<number, string>();
    for (const c of res.clusters) clusterName.set(res.root[c[0]], rec[c[0]].id);
    const out: ScoreRow[] = [];
    for (let p = 0; p < res.left.length; p++) {
      const v = res.probability[p];
      if (v < REVIEW_FLOOR) continue;
      const i = res.left[p];
      const j = res.right[p];
      const cluster = res.root[i] === res.root[j] ? clusterName.get(res.root[i]) : undefined;
      out.push({
        entityKind: 'record-pair',
        entityId: rec[i].id,
        item: rec[j].id,
        value: v,
        detail: {
          ...(cluster ? { cluster } : {}),
          evidence: pairEvidence(res, p).map((e) => [e.field, e.label, Number(e.weight.toFixed(2))])
        }
      });
    }
    return out;
  },
  save(m: DuplicatesModel): SavedModel {
    return {
      kind: 'fellegi-sunter',
      version: 0,
      createdAt: Date.now(),
      params: { params: m.params, fields: m.fields, threshold: m.threshold, report: m.report },
      metrics: {},
      trainingMs: 0,
      backend: 'plain',
      snapshotDate: 0
    };
  },
  load(saved: SavedModel): DuplicatesModel {
    const p = saved.params as Omit<DuplicatesModel, 'resolution'>;
    return { params: p.params, fields: p.fields, threshold: p.threshold, report: p.report };
  }
} as const satisfies ModelFamily<DuplicatesOptions, DuplicatesDataset, DuplicatesModel, DuplicatesReport>; // prettier-ignore
