// The graph families through the runtime and the handler factory, on customers and their
// referrals imported as the Import page imports them: train, read back, view, suggestions; a
// customer called `<img src=x onerror=alert(1)>` stays plain text in the view, the GEXF (XML
// text, escaped) and the CSV; scores and suggestions of customers no longer there are not shown.
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { undoBatch } from '../../../src/lib/core/db';
import { likelyLinks, socialGraph } from '../../../src/lib/core/models/socialGraph';
import { familyHandlers } from '../../../src/lib/workers/families';
import type { TaskContext } from '../../../src/lib/workers/protocol';
import { newDb } from '../db/helpers';
import { importInto, runtimeOf } from '../models/helpers';

const CUSTOMERS = new URL('../../fixtures/graph/karate-customers.csv', import.meta.url);
const LINKS = new URL('../../fixtures/graph/karate-relationships.csv', import.meta.url);
const EVIL = '<img src=x onerror=alert(1)>';

const ctx = (): TaskContext => ({ signal: new AbortController().signal, progress: () => {} });

async function setup(tag: string) {
  const db = newDb(tag);
  const { runtime, changed } = runtimeOf(db);
  await importInto(db, CUSTOMERS, 'customers');
  await importInto(db, LINKS, 'relationships');
  changed();
  return { db, runtime, changed };
}

describe('the social graph family', () => {
  it('trains, saves and draws the graph with communities; names stay text everywhere', async () => {
    const { runtime } = await setup('graph-family');
    const h = familyHandlers(socialGraph, () => runtime);
    const trained = await h['graph.train']({}, ctx());
    expect(trained.modelId).toBe('graph@1');
    expect(trained.scored).toBe(34);
    const res = await h['graph.results'](undefined, ctx());
    expect(res?.view?.edges).toBe(78);
    expect(res?.view?.kinds.map((k) => k.kind).sort()).toEqual(['follow', 'referral']);
    expect(Math.abs(res!.view!.communities.modularity - 0.42)).toBeLessThan(0.01);

    const view = (await h['graph.view'](undefined, ctx()))!;
    expect(view.nodes).toHaveLength(34);
    expect(view.edges).toHaveLength(78);
    const evil = view.nodes.find((n) => n.id === 'K33')!;
    expect(evil.label).toBe(EVIL);
    // K33 (node 33) is the top PageRank node of the karate club; without values, influence = PageRank.
    expect(view.influencers[0].id).toBe('K33');
    expect(view.influencers[0].influence).toBe(1);
    expect(view.communities.some((c) => c.leaderNames.includes(EVIL))).toBe(true);
    expect(new Set(view.nodes.map((n) => n.community)).size).toBe(view.report.communities.count);
    expect(view.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);

    const gexf = (await h['graph.exportGexf'](undefined, ctx()))!;
    expect(gexf).toContain('<gexf');
    expect(gexf).not.toContain('<img');
    // Read back by graphology-gexf's own (xmldom) parser: the label is the name, as text.
    const back = parseGexf(Graph, gexf);
    expect(back.getNodeAttribute('K33', 'label')).toBe(EVIL);
    expect(back.order).toBe(34);
    expect(gexf.match(/<node /g)).toHaveLength(34);
    expect(gexf.match(/<edge /g)).toHaveLength(78);
    const csv = (await h['graph.exportCsv'](undefined, ctx()))!;
    expect(csv.split('\r\n')[0]).toBe(
      'customer_id,name,community,influence,pagerank,degree,betweenness,value'
    );
    expect(csv).toContain(`K33,${EVIL},`);
  });

  it('leaves out customers whose links were undone and says the analysis is stale', async () => {
    const { db, runtime, changed } = await setup('graph-stale');
    await runtime.train(socialGraph, {});
    const batch = (await db.batches.toArray()).find((b) => b.kind === 'relationships')!;
    await undoBatch(db, batch.id!);
    changed();
    const res = await runtime.results(socialGraph);
    expect(res?.stale?.removed).toEqual([batch.id]);
    // No links any more: nothing to draw (the page offers to analyse again, which explains why).
    expect(await socialGraph.actions.view({ runtime, family: socialGraph }, undefined)).toBeNull();
    await expect(runtime.train(socialGraph, {})).rejects.toMatchObject({ code: 'graph.noLinks' });
  });

  it('stops at the next phase when cancelled, saving nothing', async () => {
    const { db, runtime } = await setup('graph-cancel');
    const ac = new AbortController();
    const phases: string[] = [];
    const run = runtime.train(
      socialGraph,
      {},
      {
        signal: ac.signal,
        progress: (p) => {
          phases.push(p.phase ?? '');
          if (p.phase === 'centrality') ac.abort();
        }
      }
    );
    await expect(run).rejects.toThrow();
    expect(phases).toEqual(['centrality']);
    expect(await db.modelVersions.count()).toBe(0);
  });
});

describe('the likely-connections family', () => {
  it('evaluates every predictor on a held-out split and suggests pairs with reasons', async () => {
    const { runtime } = await setup('links-family');
    const h = familyHandlers(likelyLinks, () => runtime);
    const trained = await h['links.train']({ gae: true }, ctx());
    expect(trained.modelId).toBe('links@1');
    const res = (await h['links.results'](undefined, ctx()))!.view!;
    expect(res.evaluation.hidden).toBe(8);
    for (const f of [res.evaluation.learned, res.evaluation.heuristics.adamicAdar])
      expect(f.auc).toBeGreaterThanOrEqual(0);
    expect('auc' in res.evaluation.gae).toBe(true);
    const page = await h['links.suggestions']({ limit: 100 }, ctx());
    expect(page.total).toBe(trained.scored);
    expect(page.total).toBeGreaterThan(20);
    for (const r of page.rows) {
      expect(r.shared).toBeGreaterThan(0);
      expect(r.via.length).toBe(Math.min(3, r.shared));
      expect(r.probability).toBeGreaterThanOrEqual(0);
    }
    const mine = await h['links.suggestions']({ id: 'K33' }, ctx());
    expect(mine.rows.every((r) => r.id === 'K33')).toBe(true);
    expect(mine.rows[0]?.name).toBe(EVIL);
    // The model saved with the version scores the same as the one trained.
    const active = await runtime.active(likelyLinks);
    expect(active?.model).toBeTruthy();
  }, 120_000);
});
