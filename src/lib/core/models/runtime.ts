// Running model families against the database: train and save (model, report and scores in one
// transaction), load the active version, rebuild a version's dataset on the current data, say
// when a version is stale, and page through its scores without showing entities that no longer
// exist. Pure core: the worker wraps it in handlers, tests run it on fake-indexeddb.
import type { RapportDb } from '../db';
import type {
  AnyFamily,
  ExplanationOf,
  OptionsOf,
  ScoreEntity,
  TrainContext,
  TrainOutput,
  TrainProgress,
  ViewOf
} from './family';
import { loadInputs, type DataInputs } from './inputs';
import {
  activateVersion,
  activeVersion,
  dataStamp,
  getVersion,
  listVersions,
  loadModelData,
  saveVersion,
  scoresOf,
  stampChanges,
  type ModelVersion,
  type StoredScore
} from './registry';

export interface RuntimeDeps {
  db: RapportDb;
  /** A counter that changes with every write to the entity tables (caches are keyed on it). */
  dataVersion(): number;
  /** Make tfjs ready (the worker's measured backend; WASM in Node); returns the backend name. */
  prepareTf(): Promise<string>;
}

export interface TrainSummary {
  modelId: string;
  version: number;
  kind: string;
  metrics: Record<string, number>;
  scored: number;
  trainingMs: number;
}

/**
 * Why a version no longer matches the data: imports since (added) or undone (removed), or a
 * merge, quality fix or erasure since (edited).
 */
export interface Staleness {
  added: number[];
  removed: number[];
  edited: boolean;
}

export interface FamilyResults<V> {
  version: ModelVersion;
  /** The family's report as its page shows it; null for versions an older Rapport saved. */
  view: V | null;
  stale: Staleness | null;
}

export interface ScorePage {
  total: number;
  rows: StoredScore[];
  modelId: string | null;
}

/** Ids of entities of a kind present in the data (pairs: both ends must exist). */
export function entityExists(inputs: DataInputs, kind: ScoreEntity): (s: StoredScore) => boolean {
  const customers = new Set(inputs.customers.map((c) => c.id));
  const products = new Set(inputs.products.map((p) => p.id));
  for (const o of inputs.orders) products.add(o.productId);
  const messages = new Set(inputs.interactions.map((m) => m.id));
  switch (kind) {
    case 'customer':
      return (s) => customers.has(s.entityId);
    case 'product':
      return (s) => products.has(s.entityId);
    case 'customer-product':
      return (s) => customers.has(s.entityId) && products.has(s.item);
    case 'customer-customer':
      return (s) => customers.has(s.entityId) && customers.has(s.item);
    case 'message':
      return (s) => messages.has(s.entityId);
    case 'record-pair':
      return (s) => customers.has(s.entityId) && customers.has(s.item);
  }
}

/** What a family's extra operations (`actions`) run with. */
export interface FamilyEnv {
  runtime: ModelRuntime;
  /** The family the action belongs to. */
  family: AnyFamily;
  signal?: AbortSignal;
  progress?(p: TrainProgress): void;
}

export class ModelRuntime {
  private inputsCache: { version: number; inputs: Promise<DataInputs> } | null = null;
  private datasets = new Map<string, { version: number; data: unknown }>();
  private models = new Map<
    string,
    { id: string; model: unknown; report: unknown; family?: AnyFamily }
  >();

  constructor(private readonly deps: RuntimeDeps) {}

  get db(): RapportDb {
    return this.deps.db;
  }

  /** Everything in the database, read once per data version. */
  inputs(): Promise<DataInputs> {
    const v = this.deps.dataVersion();
    if (this.inputsCache?.version === v) return this.inputsCache.inputs;
    const inputs = loadInputs(this.db);
    this.inputsCache = { version: v, inputs };
    inputs.catch(() => (this.inputsCache = null));
    return inputs;
  }

  /** The dataset of `options` on the current data (cached per family, options and data). */
  async dataset<F extends AnyFamily>(family: F, options: OptionsOf<F>): Promise<unknown> {
    const key = `${family.id}:${JSON.stringify(options ?? {})}`;
    const v = this.deps.dataVersion();
    const hit = this.datasets.get(key);
    if (hit?.version === v) return hit.data;
    const data = family.dataset(await this.inputs(), options);
    this.datasets.set(key, { version: v, data });
    return data;
  }

  /**
   * Build the dataset, train, score, and save model, report and scores as the next version. It
   * becomes the active one unless `promote` (champion / challenger) says no.
   */
  async train<F extends AnyFamily>(
    family: F,
    options: OptionsOf<F>,
    ctx: TrainContext = {},
    promote?: (out: TrainOutput<unknown, unknown>, data: unknown) => boolean | Promise<boolean>
  ): Promise<TrainSummary> {
    const t0 = performance.now();
    const data = await this.dataset(family, options);
    const stamp = await dataStamp(this.db, family.needs, { edits: !family.ignoresEdits });
    const backend = family.usesTf ? await this.deps.prepareTf() : 'plain';
    const out = await family.train(data, { ...ctx, backend });
    try {
      ctx.signal?.throwIfAborted();
      // Scored before anything is saved, so a cancel here leaves the registry as it was.
      const scores = await family.score(out.model, data, { ...ctx, backend });
      ctx.signal?.throwIfAborted();
      const activate = promote ? await promote(out, data) : true;
      const trainingMs = performance.now() - t0;
      const saved = family.save(out.model);
      const rec = await saveVersion(
        this.db,
        {
          family: family.id,
          kind: out.kind,
          entity: family.entity,
          saved,
          report: out.report,
          metrics: out.metrics,
          options: options ?? {},
          dataStamp: stamp,
          trainingMs,
          backend,
          snapshotDate: out.snapshotDate
        },
        scores,
        { activate }
      );
      if (activate) this.keep(family, rec.id, out.model, out.report);
      else family.dispose?.(out.model);
      return {
        modelId: rec.id,
        version: rec.version,
        kind: rec.kind,
        metrics: rec.metrics,
        scored: scores.length,
        trainingMs
      };
    } catch (e) {
      family.dispose?.(out.model);
      throw e;
    }
  }

  /** Drop every loaded model (after a restore or an erasure); the next use reads it again. */
  forget(): void {
    for (const m of this.models.values()) m.family?.dispose?.(m.model);
    this.models.clear();
  }

  private keep(family: AnyFamily, id: string, model: unknown, report: unknown): void {
    const old = this.models.get(family.id);
    if (old && old.id !== id) family.dispose?.(old.model);
    this.models.set(family.id, { id, model, report, family });
  }

  /** The given version, or the family's active one. */
  async version(family: AnyFamily, modelId?: string): Promise<ModelVersion | undefined> {
    const v = modelId
      ? await getVersion(this.db, modelId)
      : await activeVersion(this.db, family.id);
    return v && v.family === family.id ? v : undefined;
  }

  /** A version's model and report, loaded once and kept while it is the one in use. */
  async loaded<F extends AnyFamily>(
    family: F,
    v: ModelVersion
  ): Promise<{ model: unknown; report: unknown } | null> {
    if (v.legacy) return null;
    const hit = this.models.get(family.id);
    if (hit?.id === v.id) return hit;
    const stored = await loadModelData(this.db, v.id);
    if (!stored) return null;
    if (family.usesTf) await this.deps.prepareTf();
    const model = await family.load(stored.saved);
    this.keep(family, v.id, model, stored.report);
    return { model, report: stored.report };
  }

  /** A version's stored report (the active version's by default). */
  async report<R>(
    family: AnyFamily,
    modelId?: string
  ): Promise<{ version: ModelVersion; report: R } | null> {
    const v = await this.version(family, modelId);
    if (!v || v.legacy) return null;
    const stored = await loadModelData(this.db, v.id);
    return stored?.report ? { version: v, report: stored.report as R } : null;
  }

  /** The active version of a family and its model (null when none, or saved by an older Rapport). */
  async active<M>(
    family: AnyFamily,
    modelId?: string
  ): Promise<{ version: ModelVersion; model: M } | null> {
    const v = await this.version(family, modelId);
    if (!v) return null;
    const loaded = await this.loaded(family, v);
    return loaded ? { version: v, model: loaded.model as M } : null;
  }

  /** The active version's scores of another family by entity id (e.g. lifetime value for churn). */
  async activeScoreMap(familyId: string): Promise<Map<string, StoredScore>> {
    const v = await activeVersion(this.db, familyId);
    if (!v) return new Map();
    return new Map((await scoresOf(this.db, v.id)).map((s) => [s.entityId, s]));
  }

  async staleness(
    v: ModelVersion,
    needs: AnyFamily['needs'],
    ignoresEdits = false
  ): Promise<Staleness | null> {
    return stampChanges(v.dataStamp, await dataStamp(this.db, needs, { edits: !ignoresEdits }));
  }

  async results<F extends AnyFamily>(
    family: F,
    modelId?: string
  ): Promise<FamilyResults<ViewOf<F>> | null> {
    const v = await this.version(family, modelId);
    if (!v) return null;
    const stored = v.legacy ? null : await loadModelData(this.db, v.id);
    const report = stored?.report ?? null;
    const view = report === null ? null : family.present ? family.present(report) : report;
    return {
      version: v,
      view: view as ViewOf<F> | null,
      stale: await this.staleness(v, family.needs, family.ignoresEdits)
    };
  }

  /** A version's scores ranked by value (highest first), entities that no longer exist left out. */
  async scores(
    family: AnyFamily,
    opts: { modelId?: string; offset?: number; limit?: number; ascending?: boolean } = {}
  ): Promise<ScorePage> {
    const v = await this.version(family, opts.modelId);
    if (!v) return { total: 0, rows: [], modelId: null };
    const exists = entityExists(await this.inputs(), family.entity);
    const rows = (await scoresOf(this.db, v.id)).filter(exists);
    const sign = opts.ascending ? 1 : -1;
    rows.sort((a, b) => sign * (a.value - b.value) || (a.entityId < b.entityId ? -1 : 1));
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? 50;
    return { total: rows.length, rows: rows.slice(offset, offset + limit), modelId: v.id };
  }

  /** Why an entity got its score from a version (the active one by default). */
  async explain<F extends AnyFamily>(
    family: F,
    entityId: string,
    modelId?: string
  ): Promise<ExplanationOf<F> | null> {
    if (!family.explain) return null;
    const v = await this.version(family, modelId);
    if (!v) return null;
    const loaded = await this.loaded(family, v);
    if (!loaded) return null;
    const data = await this.dataset(family, v.options as OptionsOf<F>);
    return family.explain(loaded.model, data, entityId) as ExplanationOf<F> | null;
  }

  versions(family: AnyFamily): Promise<ModelVersion[]> {
    return listVersions(this.db, family.id);
  }

  async activate(family: AnyFamily, id: string): Promise<ModelVersion[]> {
    const v = await getVersion(this.db, id);
    if (!v || v.family !== family.id) throw new Error(`no ${family.id} version "${id}"`);
    await activateVersion(this.db, id);
    return this.versions(family);
  }
}
