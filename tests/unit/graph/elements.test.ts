// What the Network page hands Cytoscape: a customer's name as a plain data string (painted on the
// canvas as text), the focus and community filters, and the cap on links drawn at once.
import { describe, expect, it } from 'vitest';
import type { GraphView } from '../../../src/lib/core/models/socialGraph';
import { elementsOf, keptNodes } from '../../../src/routes/graph/elements';

const EVIL = '<img src=x onerror=alert(1)>';

function view(): GraphView {
  // A star around 'a' (community 0) plus a triangle c-d-e (community 1).
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const nodes = ids.map((id, i) => ({
    id,
    label: id === 'a' ? EVIL : id.toUpperCase(),
    community: i < 2 ? 0 : 1,
    influence: [1, 0.2, 0.6, 0.5, 0.1][i],
    pagerank: 0.2,
    degree: 0.5,
    betweenness: 0,
    value: null,
    x: i,
    y: -i
  }));
  const edges = [
    [0, 1],
    [0, 2],
    [2, 3],
    [3, 4],
    [2, 4]
  ].map(([s, t]) => ({ s, t, kinds: 1 }));
  return { nodes, edges, kinds: ['referral'] } as unknown as GraphView;
}

describe('the drawing of a graph view', () => {
  it('gives names to Cytoscape as plain data strings', () => {
    const d = elementsOf(view(), { community: null, focus: null });
    const a = d.elements.find((e) => e.data.id === 'a')!;
    expect(a.data.label).toBe(EVIL);
    expect(Object.keys(a)).not.toContain('html');
    expect(d.elements.filter((e) => e.group === 'nodes')).toHaveLength(5);
    expect(d.edgesShown).toBe(5);
  });

  it("focuses on a customer and their contacts, or one community's members", () => {
    expect([...keptNodes(view(), { community: null, focus: 'a' })].sort()).toEqual([0, 1, 2]);
    const c = elementsOf(view(), { community: 1, focus: null });
    expect(c.elements.filter((e) => e.group === 'nodes').map((e) => e.data.id)).toEqual(['c', 'd', 'e']); // prettier-ignore
    expect(c.edgesTotal).toBe(3);
  });

  it('draws at most the cap of links, those between the most influential customers', () => {
    const d = elementsOf(view(), { community: null, focus: null }, 2);
    expect([d.edgesShown, d.edgesTotal]).toEqual([2, 5]);
    const drawn = d.elements.filter((e) => e.group === 'edges').map((e) => [e.data.source, e.data.target]); // prettier-ignore
    expect(drawn).toEqual([
      ['a', 'c'],
      ['a', 'b']
    ]);
  });
});
