// Both generative families through the model runtime and the worker's handler factory, on the
// Telco slice imported as the Import page does it: the map's points and segments, the unusual
// list, the synthetic export with its report, and every network of the registry opened up —
// with activations that agree with what the models stored (a customer's map position, its
// churn risk).
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../../src/lib/core/tf/backend';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { customerMap } from '../../../src/lib/core/models/customerMap';
import { syntheticData } from '../../../src/lib/core/models/syntheticData';
import { inspectNetwork, listNetworks } from '../../../src/lib/core/models/networks/inspect';
import { familyHandlers } from '../../../src/lib/workers/families';
import type { TaskContext } from '../../../src/lib/workers/protocol';
import { newDb } from '../db/helpers';
import { importInto, runtimeOf } from '../models/helpers';
import { TELCO } from './helpers';

const ctx = (): TaskContext => ({ signal: new AbortController().signal, progress: () => {} });

beforeAll(async () => {
  await initTf();
});

describe('generative families in the app', () => {
  it('map, segments, unusual customers, synthetic export and the networks inside', async () => {
    const db = newDb('generative');
    const { runtime, changed } = runtimeOf(db);
    await importInto(db, TELCO, 'customers');
    changed();

    const map = familyHandlers(customerMap, () => runtime);
    const trained = await map['customerMap.train']({ vae: { maxEpochs: 12 } }, ctx());
    expect(trained.scored).toBe(1200);
    const res = await map['customerMap.results'](undefined, ctx());
    expect(res?.view?.evaluation?.vae.auc).toBeGreaterThan(0.5);
    const pts = await map['customerMap.points'](undefined, ctx());
    expect(pts.ids).toHaveLength(1200);
    expect(pts.x.every(Number.isFinite)).toBe(true);
    expect(pts.risk).toBeNull(); // no churn model yet
    expect(Number.isFinite(pts.threshold)).toBe(true);
    const top = await map['customerMap.unusual']({ limit: 5 }, ctx());
    expect(top.map((u) => u.score)).toEqual([...top.map((u) => u.score)].sort((a, b) => b - a));

    let saved = await map['customerMap.saveSegment']({ name: ' Lasso A ', ids: pts.ids.slice(0, 10) }, ctx()); // prettier-ignore
    saved = await map['customerMap.saveSegment']({ name: 'lasso a', ids: pts.ids.slice(0, 3) }, ctx()); // prettier-ignore
    expect(saved.map((s) => [s.name, s.ids.length])).toEqual([['lasso a', 3]]); // same name: replaced
    expect((await map['customerMap.points'](undefined, ctx())).saved).toHaveLength(1);
    await expect(map['customerMap.saveSegment']({ name: ' ', ids: ['x'] }, ctx())).rejects.toMatchObject({ code: 'segment.noName' }); // prettier-ignore
    expect(await map['customerMap.deleteSegment']({ id: saved[0].id }, ctx())).toEqual([]);

    const synth = familyHandlers(syntheticData, () => runtime);
    await synth['synthetic.train']({ ctgan: { steps: 20 } }, ctx());
    const view = (await synth['synthetic.results'](undefined, ctx()))!.view!;
    expect(view.models.map((m) => m.model)).toEqual(['ctgan', 'copula']);
    const exp = await synth['synthetic.exportCsv']({ model: 'copula', rows: 100, seed: 1 }, ctx());
    const lines = exp.csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(101);
    expect(lines[0]).toMatch(/^customer_id,gender,SeniorCitizen,.*,Churn$/);
    expect(exp.report.rows).toBe(100);
    expect(exp.report.privacy.exactCopies).toBe(0);
    expect(exp.report.efficacy?.learners[0].learner).toBe('logistic');

    await runtime.train(churnRisk, { learners: ['mlp'], folds: 2, learnerParams: { mlp: { maxEpochs: 4 } } }); // prettier-ignore
    const nets = await listNetworks(runtime);
    expect(nets.map((n) => `${n.family}/${n.network}`)).toEqual([
      'churn/classifier',
      'customerMap/encoder',
      'customerMap/decoder',
      'synthetic/generator',
      'synthetic/critic'
    ]);
    const id = pts.ids[7];
    const enc = await inspectNetwork(runtime, { modelId: trained.modelId, network: 'encoder', customerId: id }); // prettier-ignore
    expect(enc!.layers.map((l) => l.units)).toEqual([64, 32, 4]);
    const latent = enc!.activations!.layers[2].values;
    expect(latent[0]).toBeCloseTo(pts.x[7], 4);
    expect(latent[1]).toBeCloseTo(pts.y[7], 4);
    expect(enc!.snapshots[0].layers.map((l) => l.layer)).toEqual(['hidden 1', 'hidden 2', 'mean and log-variance']); // prettier-ignore
    expect(enc!.curves.loss.length).toBeGreaterThan(0);
    const churn = nets[0];
    const cls = await inspectNetwork(runtime, { modelId: churn.modelId, network: 'classifier', customerId: id }); // prettier-ignore
    const risk = (await runtime.activeScoreMap('churn')).get(id)!.value;
    expect(cls!.activations!.layers.at(-1)!.values[0]).toBeCloseTo(risk, 4);
    const critic = await inspectNetwork(runtime, { modelId: nets[4].modelId, network: 'critic', customerId: id }); // prettier-ignore
    expect(critic!.activations!.inputs.length).toBe(critic!.item.inputSize);
    expect(critic!.activations!.layers.map((l) => l.values.length)).toEqual([128, 128, 1]);
    db.close();
  }, 600_000);
});
