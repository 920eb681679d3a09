// "Inside the networks": the active versions' networks and one network in detail (layers,
// histograms over training, curves, activations for a customer). Merged into the model handlers.
import { inspectNetwork, listNetworks, type NetworkInspection, type NetworkItem } from '../../core/models/networks/inspect'; // prettier-ignore
import type { Handler } from '../protocol';
import { modelRuntime } from '../runtime';

export interface NetworksHandlers {
  'networks.list': Handler<undefined, NetworkItem[]>;
  'networks.inspect': Handler<{ modelId: string; network: string; customerId?: string }, NetworkInspection | null>; // prettier-ignore
}

export const networksHandlers: NetworksHandlers = {
  'networks.list': async () => listNetworks(modelRuntime()),
  'networks.inspect': async (args) => inspectNetwork(modelRuntime(), args)
};
