// Shared by the graph tests: the karate club and e-mail graphs read from their fixtures.
import { readFileSync } from 'node:fs';
import {
  edgeListInputs,
  parseEdgeList,
  parseLabels
} from '../../../src/lib/core/models/socialGraph/edgeList';
import { buildGraph, type SocialGraph } from '../../../src/lib/core/models/socialGraph/graph';

const fixture = (name: string) => new URL(`../../fixtures/graph/${name}`, import.meta.url);
export const read = (name: string) => readFileSync(fixture(name), 'utf8');

export function karate(): SocialGraph {
  return buildGraph(edgeListInputs(parseEdgeList(read('karate-edges.csv'))));
}

export const karateReference = () =>
  JSON.parse(read('karate-networkx.json')) as Record<string, Record<string, number>> & {
    louvainBestOf10Modularity: number;
  };

export function factions(): Map<string, string> {
  return parseLabels(read('karate-factions.csv'));
}
