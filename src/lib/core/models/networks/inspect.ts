// "Inside the networks": every trained neural network of the active model versions — the churn
// MLP (when the chosen learner is one), the customer map's VAE encoder and decoder, the
// synthesiser's generator and critic — with its layers, kernel histograms over training, its
// training curves, and every layer's activations for one customer, computed from the saved
// weights in plain JavaScript. What each network takes for a customer:
//  - churn classifier: the customer's encoded feature row (the churn model's own encoder);
//  - VAE encoder: the customer's encoded row; decoder: the encoder's latent mean;
//  - GAN critic: the customer's transformed row and condition, packed with the next nine
//    customers (the critic judges packs of 10); generator: zero noise (its mean) and the
//    customer's level of the first category column as the condition.
import { encodeRecord, type Encoder } from '../../features/encode';
import { rawRecord } from '../../features/table';
import type { RawTable } from '../../features/columns';
import { churnRisk } from '../churn';
import { customerMap } from '../customerMap';
import { tableRows } from '../customerMap/table';
import { syntheticData } from '../syntheticData';
import { transformRows, type Transformer } from '../syntheticData/transform';
import type { AnyFamily } from '../family';
import { loadModelData, type ModelVersion } from '../registry';
import type { ModelRuntime } from '../runtime';
import { unpackWeights, type SavedModel } from '../model';
import type { Histogram } from './histogram';
import { describeNetwork, layerHistograms, savedNetworks, type LayerSummary } from './saved';
import { forwardRow, type NetworkSpec } from './spec';

/** The families whose models may hold networks, in the order the page lists them. */
export const NETWORK_FAMILIES: readonly AnyFamily[] = [churnRisk, customerMap, syntheticData];

export interface NetworkItem {
  modelId: string;
  family: string;
  version: number;
  kind: string;
  network: string;
  inputSize: number;
  layers: number;
  params: number;
  epochs: number;
  createdAt: number;
}

export interface NetworkInspection {
  item: NetworkItem;
  layers: LayerSummary[];
  curves: Record<string, number[]>;
  snapshots: { epoch: number; layers: { layer: string; histogram: Histogram }[] }[];
  /** Customers the activations can be shown for (the first ones of the model's table). */
  customers: string[];
  activations: {
    customerId: string;
    inputs: { name: string; value: number }[];
    layers: { layer: string; activation: string; values: number[] }[];
  } | null;
}

async function activeSaved(
  rt: ModelRuntime
): Promise<{ family: AnyFamily; v: ModelVersion; saved: SavedModel }[]> {
  // prettier-ignore
  const out = [];
  for (const family of NETWORK_FAMILIES) {
    const v = await rt.version(family);
    if (!v || v.legacy) continue;
    const data = await loadModelData(rt.db, v.id);
    if (data) out.push({ family, v, saved: data.saved });
  }
  return out;
}

function item(v: ModelVersion, spec: NetworkSpec, epochs: number): NetworkItem {
  return {
    modelId: v.id,
    family: v.family,
    version: v.version,
    kind: v.kind,
    network: spec.name,
    inputSize: spec.input.size,
    layers: spec.layers.length,
    params: describeNetwork(spec).params,
    epochs,
    createdAt: v.createdAt
  };
}

const epochsOf = (curves: Record<string, number[]> | undefined) =>
  Math.max(0, ...Object.values(curves ?? {}).map((c) => c.length));

export async function listNetworks(rt: ModelRuntime): Promise<NetworkItem[]> {
  return (await activeSaved(rt)).flatMap(({ v, saved }) =>
    savedNetworks(saved).map((n) => item(v, n.spec, epochsOf(n.history?.curves)))
  );
}

/** The table a family's model describes its customers by. */
async function tableOf(rt: ModelRuntime, family: AnyFamily, v: ModelVersion): Promise<RawTable> {
  const ds = (await rt.dataset(family, v.options as never)) as { scoring?: RawTable; table?: RawTable }; // prettier-ignore
  return (ds.scoring ?? ds.table)!;
}

/** What the named network takes for the customer in `row` of the table. */
function networkInput(
  saved: SavedModel,
  spec: NetworkSpec,
  table: RawTable,
  row: number,
  specs: NetworkSpec[],
  w: ReturnType<typeof unpackWeights>
): Float32Array {
  // prettier-ignore
  const p = saved.params as { encoder?: Encoder; transformer?: Transformer };
  if (p.encoder && spec.name !== 'decoder') return encodeRecord(p.encoder, rawRecord(table, row));
  if (spec.name === 'decoder') {
    const enc = specs.find((s) => s.name === 'encoder')!;
    const out = forwardRow(enc, w, encodeRecord(p.encoder!, rawRecord(table, row)));
    return out[out.length - 1].values.slice(0, spec.input.size);
  }
  const t = p.transformer!;
  const condOf = (data: Float32Array) => {
    const cond = new Float32Array(t.condWidth);
    for (const d of t.discrete) for (let k = 0; k < d.size; k++) cond[d.condStart + k] = data[d.start + k]; // prettier-ignore
    return cond;
  };
  if (spec.name === 'generator') {
    const data = transformRows(t, tableRows(table, [row]));
    const cond = condOf(data);
    // Only the first category column's level: CTGAN conditions on one column at a time.
    const first = t.discrete[0];
    if (first) cond.fill(0, first.size + first.condStart);
    return Float32Array.from([...new Array(spec.input.size - t.condWidth).fill(0), ...cond]);
  }
  const pac = spec.input.size / (t.width + t.condWidth);
  const rows = Array.from({ length: pac }, (_, k) => (row + k) % table.ids.length);
  const data = transformRows(t, tableRows(table, rows));
  const out: number[] = [];
  rows.forEach((_, k) => {
    const d = data.subarray(k * t.width, (k + 1) * t.width);
    out.push(...d, ...condOf(d));
  });
  return Float32Array.from(out);
}

export async function inspectNetwork(
  rt: ModelRuntime,
  args: { modelId: string; network: string; customerId?: string }
): Promise<NetworkInspection | null> {
  const found = (await activeSaved(rt)).find((s) => s.v.id === args.modelId);
  if (!found) return null;
  const nets = savedNetworks(found.saved);
  const net = nets.find((n) => n.spec.name === args.network);
  if (!net) return null;
  const table = await tableOf(rt, found.family, found.v);
  const customerId = args.customerId ?? table.ids[0];
  const row = table.ids.indexOf(customerId ?? '');
  let activations: NetworkInspection['activations'] = null;
  if (row >= 0 && found.saved.weights) {
    const w = unpackWeights(found.saved.weights);
    const x = networkInput(
      found.saved,
      net.spec,
      table,
      row,
      nets.map((n) => n.spec),
      w
    );
    const names = net.spec.input.names;
    activations = {
      customerId,
      inputs: Array.from(x, (value, i) => ({ name: names?.[i] ?? `input ${i + 1}`, value })),
      layers: forwardRow(net.spec, w, x).map((l) => ({ layer: l.layer, activation: l.activation, values: Array.from(l.values) })) // prettier-ignore
    };
  }
  return {
    item: item(found.v, net.spec, epochsOf(net.history?.curves)),
    layers: describeNetwork(net.spec).layers,
    curves: net.history?.curves ?? {},
    snapshots: layerHistograms(net.spec, net.history),
    customers: table.ids.slice(0, 200),
    activations
  };
}
