// A trained customer map: the encoder of the table (fitted on training rows), the VAE, and what
// a typical customer's columns cost (median negative log-likelihood per column on training
// rows), which turns a customer's per-column likelihood into "the columns that make it unusual".
import type { RawTable, RawValue } from '../../features/columns';
import { encodeRows, type Encoder } from '../../features/encode';
import { median } from '../../features/stats';
import { packWeights, unpackWeights, type SavedModel } from '../model';
import type { TrainingHistory } from '../networks/histogram';
import type { NetworkSpec } from '../networks/spec';
import { tf } from '../../tf/backend';
import { likelihoodOf } from './likelihood';
import { TabularVae, type VaeParams } from './vae';

/** A column that makes a customer unusual: its value, the typical one, how many nats above. */
export interface UnusualColumn {
  column: string;
  value: RawValue;
  typical: RawValue;
  excess: number;
}

export interface CustomerPoint {
  x: number;
  y: number;
  score: number;
  unusual: UnusualColumn[];
}

export class MapModel {
  constructor(
    readonly encoder: Encoder,
    readonly vae: TabularVae,
    /** Median negative log-likelihood of each input column on the training rows. */
    readonly typicalNll: number[],
    /** Anomaly score above which a customer is listed as unusual (99th percentile, training). */
    readonly threshold: number
  ) {}

  /** Training rows' per-column medians, from their scores. */
  static typicalOf(groups: Float64Array, nGroups: number): number[] {
    const n = groups.length / nGroups;
    return Array.from({ length: nGroups }, (_, g) =>
      median(Float64Array.from({ length: n }, (_, i) => groups[i * nGroups + g]))
    );
  }

  get typicalValues(): Record<string, RawValue> {
    const out: Record<string, RawValue> = {};
    for (const s of this.encoder.specs) out[s.source] = s.type === 'numeric' ? s.median : s.mode;
    return out;
  }

  /** Map position, anomaly score and up to `top` unusual columns of every row of a table. */
  points(raw: RawTable, top = 3): CustomerPoint[] {
    const n = raw.ids.length;
    const X = encodeRows(this.encoder, raw);
    const s = this.vae.score(X, n);
    const G = this.typicalNll.length;
    const L = this.vae.params.latent;
    const typical = this.typicalValues;
    const cols = this.vae.lik.groups.map((g) => raw.columns.find((c) => c.name === g.source));
    return Array.from({ length: n }, (_, i) => {
      const excess = this.typicalNll.map((t, g) => ({ g, e: s.groups[i * G + g] - t }));
      excess.sort((a, b) => b.e - a.e);
      return {
        x: s.mu[i * L],
        y: s.mu[i * L + 1],
        score: s.score[i],
        unusual: excess
          .filter((e) => e.e > 1)
          .slice(0, top)
          .map(({ g, e }) => {
            const source = this.vae.lik.groups[g].source;
            return {
              column: source,
              value: cols[g]?.values[i] ?? null,
              typical: typical[source] ?? null,
              excess: +e.toFixed(2)
            };
          })
      };
    });
  }

  toJSON(): SavedModel {
    return {
      kind: 'customer-map-vae',
      version: 0,
      createdAt: Date.now(),
      params: {
        encoder: this.encoder,
        vae: this.vae.params,
        networks: this.vae.specs,
        history: this.vae.history,
        typicalNll: this.typicalNll,
        threshold: this.threshold
      },
      metrics: {},
      trainingMs: 0,
      backend: tf.getBackend(),
      snapshotDate: 0,
      weights: packWeights(this.vae.named())
    };
  }

  static fromJSON(saved: SavedModel): MapModel {
    const p = saved.params as {
      encoder: Encoder;
      vae: VaeParams;
      networks: NetworkSpec[];
      typicalNll: number[];
      threshold: number;
      history?: TrainingHistory;
    };
    const vae = TabularVae.fromWeights(likelihoodOf(p.encoder), p.vae, p.networks, unpackWeights(saved.weights!)); // prettier-ignore
    if (p.history) vae.history = p.history;
    return new MapModel(p.encoder, vae, p.typicalNll, p.threshold);
  }

  dispose(): void {
    this.vae.dispose();
  }
}
