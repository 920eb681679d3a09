// `rapport graph`: the same family code as the app (figures match the app's path on the same
// links), the app's relationships import when the header maps and the small edge-list reader
// otherwise (no header, space separated, or a header the import does not know).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { run } from '../../../src/cli/commands/graph';
import { socialGraph } from '../../../src/lib/core/models/socialGraph';
import { parseEdgeList, parseLabels } from '../../../src/lib/core/models/socialGraph/edgeList';
import { newDb } from '../db/helpers';
import { importInto, runtimeOf } from '../models/helpers';

const path = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/graph/${name}`, import.meta.url));

interface Out {
  reader: string;
  nodes: number;
  edges: number;
  communities: { modularity: number; nmi?: number };
  centrality: { pagerankTop: { node: string; pagerank: number }[] };
  linkPrediction: { adamicAdar: { auc: number }; learned: { auc: number }; gae: unknown };
}

describe('rapport graph', () => {
  it('gives the figures of the app on the same links', async () => {
    const cli = (await run({ edges: path('karate-relationships.csv'), 'no-gae': true })) as Out;
    expect(cli.reader).toBe('import');
    expect([cli.nodes, cli.edges]).toEqual([34, 78]);
    const db = newDb('graph-cli');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, path('karate-relationships.csv'), 'relationships');
    changed();
    await runtime.train(socialGraph, {});
    const page = await runtime.scores(socialGraph, { limit: 100 });
    expect(page.total).toBe(34);
    const stored = page.rows;
    for (const [i, top] of cli.centrality.pagerankTop.slice(0, 5).entries()) {
      expect(stored[i].entityId).toBe(top.node);
      expect(stored[i].value).toBeCloseTo(top.pagerank, 5);
    }
    const res = await runtime.results(socialGraph);
    expect(Math.abs(res!.view!.communities.modularity - cli.communities.modularity)).toBeLessThan(0.01); // prettier-ignore
  });

  it('reads a header-less, space-separated edge list and scores labels by NMI', async () => {
    const cli = (await run({
      edges: path('email-eu-core-slice.csv'),
      'gae-epochs': '20',
      labels: path('karate-factions.csv')
    })) as Out;
    expect(cli.reader).toBe('edge-list');
    expect(cli.edges).toBe(2622);
    expect(cli.communities.nmi).toBeGreaterThanOrEqual(0);
    expect(cli.linkPrediction.adamicAdar.auc).toBeGreaterThan(0.8);
    expect(cli.linkPrediction.gae).toHaveProperty('auc');
  }, 60_000);
});

describe('the edge-list reader', () => {
  it('takes comma, tab or space, skips comments, and knows a header from a first edge', () => {
    expect(parseEdgeList('# c\n1 2\n2\t3\n3,4\n')).toEqual([
      { from: '1', to: '2' },
      { from: '2', to: '3' },
      { from: '3', to: '4' }
    ]);
    expect(parseEdgeList('u,v\n1,2\n')).toEqual([{ from: '1', to: '2' }]);
    expect(parseEdgeList('source target\nb c\n')).toEqual([{ from: 'b', to: 'c' }]);
    expect(parseEdgeList('x,y\ny,z\n')).toEqual([
      { from: 'x', to: 'y' },
      { from: 'y', to: 'z' }
    ]);
    expect(() => parseEdgeList('1,2\n3\n', 'e.csv')).toThrow('e.csv, row 2: expected two node ids');
    expect(parseLabels('node,faction\n0,Mr. Hi\n1,Officer\n')).toEqual(
      new Map([
        ['0', 'Mr. Hi'],
        ['1', 'Officer']
      ])
    );
  });
});
