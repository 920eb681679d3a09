// `npm run rapport -- graph --edges file.csv [--directed] [--labels nodes.csv]`
//   [--seed 0 | --seeds 0,1,2] [--runs 10] [--resolution 1] [--tolerance 1e-6] [--no-gae]
//   [--gae-epochs 200]
// The edge list is read by the app's relationships import when its header maps (from / to
// columns); otherwise (no header, or one it does not know, e.g. "u,v") by the small edge-list
// reader in core/models/socialGraph/edgeList.ts. Then the graph family analyses it exactly as the
// app does (centrality, Louvain best of --runs), and link prediction is evaluated as the
// likely-connections family's training does (10% of edges hidden plus as many unlinked pairs per
// seed); prints JSON.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { nmi } from '../../lib/core/models/socialGraph/communities';
import { edgeListInputs, parseEdgeList, parseLabels } from '../../lib/core/models/socialGraph/edgeList'; // prettier-ignore
import {
  evaluateLinks,
  type LinkEvaluation
} from '../../lib/core/models/socialGraph/evaluateLinks';
import { socialGraph } from '../../lib/core/models/socialGraph/family';
import type { DataInputs } from '../../lib/core/models/inputs';
import { initTf } from '../../lib/core/tf/backend';
import { int, list, readInputs, str, type Args } from '../files';

const r4 = (v: number) => (Number.isFinite(v) ? +v.toFixed(4) : v);

/** The edges as data inputs, and which reader read them. */
async function readEdges(
  path: string,
  labels?: Map<string, string>
): Promise<{ inputs: DataInputs; reader: 'import' | 'edge-list' }> {
  const nodes = edgeListInputs([], labels).customers;
  try {
    const { inputs } = await readInputs({ relationships: path });
    if (inputs.relationships.length)
      return { inputs: { ...inputs, customers: nodes }, reader: 'import' };
  } catch {
    // not an export the import code maps: read as a plain edge list below
  }
  const edges = parseEdgeList(readFileSync(path, 'utf8'), basename(path));
  return { inputs: edgeListInputs(edges, labels), reader: 'edge-list' };
}

function spread(values: number[]) {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  const sd =
    values.length > 1
      ? Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1))
      : 0;
  return { mean: r4(m), sd: r4(sd), values: values.map(r4) };
}

function linkFigures(runs: LinkEvaluation[]) {
  const fig = (get: (r: LinkEvaluation) => { auc: number; ap: number } | null) => {
    const ok = runs.map(get).filter((x): x is { auc: number; ap: number } => !!x);
    if (!ok.length) return null;
    const auc = spread(ok.map((x) => x.auc));
    const ap = spread(ok.map((x) => x.ap));
    return { auc: auc.mean, ap: ap.mean, ...(runs.length > 1 ? { aucSpread: auc, apSpread: ap } : {}) }; // prettier-ignore
  };
  const gae = runs[0].gae;
  return {
    seeds: runs.map((r) => r.seed),
    hidden: runs[0].hidden,
    adamicAdar: fig((r) => r.heuristics.adamicAdar),
    jaccard: fig((r) => r.heuristics.jaccard),
    resourceAllocation: fig((r) => r.heuristics.resourceAllocation),
    gae:
      'auc' in gae
        ? { ...fig((r) => ('auc' in r.gae ? r.gae : null)), trainMs: Math.round(spread(runs.map((r) => ('trainMs' in r.gae ? r.gae.trainMs : NaN))).mean) } // prettier-ignore
        : gae,
    learned: {
      model: [...new Set(runs.map((r) => r.learned.model))].join('/'),
      ...fig((r) => r.learned),
      trainMs: Math.round(spread(runs.map((r) => r.learned.trainMs)).mean)
    }
  };
}

export async function run(args: Args): Promise<unknown> {
  const path = str(args, 'edges');
  if (!path) throw new Error('give --edges file.csv (two columns of node ids, header optional)');
  const t0 = performance.now();
  const labelsPath = str(args, 'labels');
  const labels = labelsPath ? parseLabels(readFileSync(labelsPath, 'utf8')) : undefined;
  const { inputs, reader } = await readEdges(path, labels);
  const seeds = list(args, 'seeds')?.map((s) => int({ seed: s }, 'seed', 0)) ?? [int(args, 'seed', 0)]; // prettier-ignore
  const options = {
    directed: args.directed === true,
    runs: int(args, 'runs', 10, 1, 100),
    resolution: Number(str(args, 'resolution') ?? 1),
    tolerance: Number(str(args, 'tolerance') ?? 1e-6),
    seed: seeds[0],
    layout: false
  };
  if (!(options.resolution > 0)) throw new Error('--resolution must be a positive number');
  if (!(options.tolerance > 0 && options.tolerance < 1))
    throw new Error('--tolerance must be a number between 0 and 1, e.g. 1e-10');
  const ds = socialGraph.dataset(inputs, options);
  const out = await socialGraph.train(ds, {});
  const m = out.model;
  const g = ds.graph;
  const analysisMs = performance.now() - t0;
  const top = [...m.ids.keys()].sort((a, b) => m.pagerank[b] - m.pagerank[a]).slice(0, 10);
  await initTf();
  const runs: LinkEvaluation[] = [];
  for (const seed of seeds)
    runs.push(
      await evaluateLinks(g.ids.length, g.src, g.dst, {
        seed,
        gae: args['no-gae'] !== true,
        gaeEpochs: int(args, 'gae-epochs', 200, 1, 10_000)
      })
    );
  return {
    reader,
    nodes: out.report.nodes,
    edges: out.report.edges,
    directed: options.directed,
    communities: {
      count: out.report.communities.count,
      modularity: r4(out.report.communities.modularity),
      runs: out.report.communities.runs.map(r4),
      resolution: options.resolution,
      ...(labels
        ? {
            nmi: r4(
              nmi(
                m.community,
                m.ids.map((id) => labels.get(id) ?? '')
              )
            )
          }
        : {})
    },
    centrality: {
      pagerankTop: top.map((i) => ({ node: m.ids[i], pagerank: +m.pagerank[i].toPrecision(6) })),
      pathMetrics: out.report.pathMetrics,
      tolerance: options.tolerance
    },
    linkPrediction: linkFigures(runs),
    analysisMs: Math.round(analysisMs),
    ms: Math.round(performance.now() - t0)
  };
}
