// Social network analysis, quality and speed:
// - email-Eu-core (1,005 people, 16,064 undirected links, 42 departments) through the CLI's code
//   (the graph family and the likely-connections evaluation): Louvain best-of-10 modularity and
//   the spread of the 10 runs, NMI against the departments, ROC AUC / AP of every link predictor
//   over seeds 0, 1, 2 (10% of links hidden plus as many unlinked pairs each), training times;
// - karate club: PageRank against NetworkX (fixture), its top 5, modularity;
// - headless Chromium, in the app's worker: every centrality metric and the communities of a
//   generated 10,000-node / 100,000-edge graph (target < 5 s), RAPPORT_BENCH_RUNS fresh pages
//   (default 3), median and every run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { run as graphCli } from '../../src/cli/commands/graph';
import { CHROMIUM, CHROMIUM_ARGS, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';
import type { EdgeListTiming } from '../../src/lib/core/models/socialGraph';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 3);
const SEEDS = process.env.RAPPORT_BENCH_SEEDS ?? '0,1,2';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r4 = (v: number) => +v.toFixed(4);

interface Fig {
  auc: number;
  ap: number;
  aucSpread?: { sd: number; values: number[] };
  trainMs?: number;
  model?: string;
}
interface CliOut {
  nodes: number;
  edges: number;
  communities: { count: number; modularity: number; runs: number[]; nmi?: number };
  centrality: { pagerankTop: { node: string; pagerank: number }[] };
  linkPrediction: Record<string, Fig | unknown>;
  analysisMs: number;
}

async function email(ctx: { root: string; log(m: string): void }): Promise<Metrics> {
  const data = join(ctx.root, '..', 'shared', 'datasets', 'email-eu-core');
  ctx.log(`email-Eu-core: analysis, then link prediction over seeds ${SEEDS}`);
  const r = (await graphCli({
    edges: join(data, 'email-Eu-core.txt'),
    labels: join(data, 'email-Eu-core-department-labels.txt'),
    seeds: SEEDS
  })) as CliOut;
  const out: Metrics = {
    email_nodes: r.nodes,
    email_edges: r.edges,
    email_louvain_best_of_10_modularity: r.communities.modularity,
    email_louvain_runs: r.communities.runs.join(' / '),
    email_communities: r.communities.count,
    email_nmi_departments: r.communities.nmi ?? NaN,
    email_analysis_ms: r.analysisMs,
    email_link_seeds: SEEDS
  };
  for (const [name, f] of Object.entries(r.linkPrediction)) {
    const fig = f as Fig;
    if (typeof fig !== 'object' || fig === null || !('auc' in fig)) continue;
    out[`email_${name}_auc`] = fig.auc;
    out[`email_${name}_ap`] = fig.ap;
    if (fig.aucSpread) {
      out[`email_${name}_auc_sd_across_seeds`] = fig.aucSpread.sd;
      out[`email_${name}_auc_runs`] = fig.aucSpread.values.join(' / ');
    }
    if (fig.trainMs !== undefined) out[`email_${name}_train_ms`] = fig.trainMs;
    if (fig.model) out[`email_${name}_model`] = fig.model;
  }
  return out;
}

async function karate(root: string): Promise<Metrics> {
  const dir = join(root, 'tests', 'fixtures', 'graph');
  const ref = JSON.parse(readFileSync(join(dir, 'karate-networkx.json'), 'utf8')) as {
    pagerank: Record<string, number>;
    louvainBestOf10Modularity: number;
  };
  const r = (await graphCli({ edges: join(dir, 'karate-edges.csv'), 'no-gae': true })) as CliOut;
  return {
    karate_modularity: r.communities.modularity,
    karate_modularity_networkx: r4(ref.louvainBestOf10Modularity),
    karate_pagerank_top5: r.centrality.pagerankTop
      .slice(0, 5)
      .map((p) => p.node)
      .join(' '),
    karate_pagerank_top_max_abs_diff_vs_networkx: Math.max(
      ...r.centrality.pagerankTop.map((p) => Math.abs(p.pagerank - ref.pagerank[p.node]))
    )
  };
}

async function browser10k(root: string, log: (m: string) => void): Promise<Metrics> {
  await ensureBuild(root, log);
  const preview = await startPreview(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const runs: (EdgeListTiming & { callMs: number })[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      log(`chromium run ${i + 1}/${RUNS}: all metrics + communities, 10,000 nodes / 100,000 edges`);
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        await context.route('**/*', (route) =>
          route.request().url().startsWith(preview.origin) ? route.continue() : route.abort()
        );
        const page = await context.newPage();
        await page.goto(preview.origin + '/', { waitUntil: 'load' });
        await page.waitForFunction(
          () => typeof (window as unknown as Record<string, Record<string, unknown>>).__rapportBench?.graph === 'function', // prettier-ignore
          undefined,
          { timeout: 10_000 }
        );
        runs.push(
          await page.evaluate(async () => {
            const hooks = (window as unknown as Record<string, Record<string, () => Promise<unknown>>>).__rapportBench; // prettier-ignore
            return JSON.parse(JSON.stringify(await hooks.graph()));
          })
        );
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  const totals = runs.map((r) => Math.round(r.totalMs));
  const mid = runs.find((r) => Math.round(r.totalMs) === median(totals))!;
  const out: Metrics = {
    chromium_10k_nodes: mid.nodes,
    chromium_10k_edges: mid.edges,
    chromium_10k_all_metrics_and_communities_ms: median(totals),
    chromium_10k_ms_runs: totals.join(' / '),
    chromium_10k_target_ms: 5000,
    chromium_10k_call_ms: Math.round(mid.callMs),
    chromium_10k_path_metrics: String(mid.pathMetrics),
    chromium_10k_communities: mid.communities,
    chromium_10k_modularity: r4(mid.modularity)
  };
  for (const [phase, ms] of Object.entries(mid.ms))
    out[`chromium_10k_${phase}_ms`] = Math.round(ms);
  return out;
}

const section: BenchSection = {
  name: 'graph',
  order: 70,
  async run(ctx) {
    return {
      ...(await karate(ctx.root)),
      ...(await email(ctx)),
      ...(await browser10k(ctx.root, ctx.log))
    };
  }
};
export default section;
