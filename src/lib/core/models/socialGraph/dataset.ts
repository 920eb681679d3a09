// The dataset both graph families build from the data: the customer graph (relationships plus
// optional co-purchase links), refused with a message the user can act on when it has no links.
import { ModelInputError } from '../../errors';
import type { DataInputs } from '../inputs';
import { buildGraph, type GraphOptions, type SocialGraph } from './graph';

export interface GraphDataset<O extends GraphOptions = GraphOptions> {
  graph: SocialGraph;
  inputs: DataInputs;
  options: O;
}

export function graphDataset<O extends GraphOptions>(inputs: DataInputs, o: O): GraphDataset<O> {
  const graph = buildGraph(inputs, o);
  if (!graph.src.length)
    throw new ModelInputError(
      'graph.noLinks',
      o.coPurchaseMin
        ? 'no customers are linked: import relationships (referrals, follows...) or lower the shared-products threshold'
        : 'no customers are linked: import relationships (referrals, follows...) or link customers who buy the same products'
    );
  return { graph, inputs, options: o };
}
