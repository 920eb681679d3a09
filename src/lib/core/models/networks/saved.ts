// Reading the networks inside a saved model (SavedModel: weights with their specs, and params):
// the families of this folder's users store `params.networks` (NetworkSpec[]) and
// `params.history`; a churn model whose chosen learner is the MLP keeps its classifier's
// parameters (hidden sizes, inputs, history), from which its dense layers are rebuilt here.
import type { SavedModel } from '../model';
import type { Histogram, TrainingHistory } from './histogram';
import { layerInputSizes, type Activation, type NetworkSpec } from './spec';

export interface SavedNetwork {
  spec: NetworkSpec;
  history: TrainingHistory | null;
}

interface MlpLike {
  kind?: string;
  params?: { hidden?: number[]; nCols?: number; history?: TrainingHistory };
}

/** The churn MLP's layers: dense ReLU layers then a sigmoid, weights w0, w1, ... in order. */
function mlpSpec(hidden: number[], nCols: number, names?: string[]): NetworkSpec {
  const units = [...hidden, 1];
  return {
    name: 'classifier',
    input: { size: nCols, ...(names ? { names } : {}) },
    layers: units.map((u, k) => ({
      name: k < hidden.length ? `hidden ${k + 1}` : 'churn risk',
      units: u,
      activation: (k < hidden.length ? 'relu' : 'sigmoid') as Activation,
      kernel: `w${2 * k}`,
      bias: `w${2 * k + 1}`,
      ...(k < hidden.length ? { dropout: 0.2 } : {})
    }))
  };
}

export function savedNetworks(saved: SavedModel): SavedNetwork[] {
  const p = saved.params as {
    networks?: NetworkSpec[];
    history?: TrainingHistory;
    classifier?: MlpLike;
    encoder?: { columns?: { name: string }[] };
  };
  if (Array.isArray(p.networks))
    return p.networks.map((spec) => ({ spec, history: p.history ?? null }));
  const c = p.classifier;
  if (c?.kind === 'mlp' && c.params?.hidden && c.params.nCols && saved.weights)
    return [
      {
        spec: mlpSpec(
          c.params.hidden,
          c.params.nCols,
          p.encoder?.columns?.map((x) => x.name)
        ),
        history: c.params.history ?? null
      }
    ];
  return [];
}

export interface LayerSummary {
  name: string;
  units: number;
  activation: Activation;
  /** What feeds it ('input' or earlier layers) and how wide that is. */
  inputs: string[];
  inputSize: number;
  params: number;
  dropout: number;
}

export function describeNetwork(spec: NetworkSpec): { layers: LayerSummary[]; params: number } {
  const sizes = layerInputSizes(spec);
  const layers = spec.layers.map((l, k) => ({
    name: l.name,
    units: l.units,
    activation: l.activation,
    inputs: l.inputs ?? [k === 0 ? 'input' : spec.layers[k - 1].name],
    inputSize: sizes[k],
    params: sizes[k] * l.units + l.units,
    dropout: l.dropout ?? 0
  }));
  return { layers, params: layers.reduce((s, l) => s + l.params, 0) };
}

/** One network's kernel histograms over training (the history may hold several networks'). */
export function layerHistograms(
  spec: NetworkSpec,
  history: TrainingHistory | null
): { epoch: number; layers: { layer: string; histogram: Histogram }[] }[] {
  return (history?.snapshots ?? []).map((s) => ({
    epoch: s.epoch,
    layers: spec.layers.flatMap((l) => (s.weights[l.kernel] ? [{ layer: l.name, histogram: s.weights[l.kernel] }] : [])) // prettier-ignore
  }));
}
