// Recommendation quality and speed in Node, through the CLI's code (the app's recommendations
// family and protocol): per user the last 20% of interactions by time are the test set;
// hyper-parameters and the model in use are chosen on a validation split of the training part.
//   movielens: MovieLens latest-small ratings (every rating = one interaction), every model,
//              RAPPORT_BENCH_SEEDS runs (the VAE's seed changes; the others are deterministic,
//              so their spread is timing noise only);
//   shop:      the generated sample shop's order history (2,000 customers), same protocol;
//   rules:     FP-Growth on the sample shop's baskets at the app's default minimum support;
//   ease cost: the dense inverse alone at n kept items, and EASE's held-out NDCG@10 on
//              MovieLens when it keeps 1,500 or 2,500 items instead of the default 1,000.
// Times are wall-clock; `cpu_ms` is the process's CPU time over the same run, which says how
// much of the wall time the shared machine actually gave us.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as recommendCli } from '../../src/cli/commands/recommend';
import { orderBaskets } from '../../src/lib/core/models/boughtTogether/baskets';
import { mineRules } from '../../src/lib/core/models/boughtTogether/family';
import { invertSpd } from '../../src/lib/core/models/recommendations/spdInverse';
import { generateSampleShop, sampleAsCsv } from '../../src/lib/core/sample';
import type { BenchSection, Metrics } from '../types';

const SEEDS = (process.env.RAPPORT_BENCH_SEEDS ?? '1,2,3').split(',').map(Number);

interface ModelOut {
  'ndcg@10': number;
  'precision@10': number;
  'recall@10': number;
  'hr@10': number;
  coverage: number;
  trainMs: number;
  validationNdcg: number;
  params: Record<string, number>;
}
interface CliOut {
  users: number;
  items: number;
  keptItems: number;
  models: Record<string, ModelOut>;
  best: string;
  bestTestNdcg: number;
  finalFitMs: number;
  trainingMs: number;
  scoreAllMs: number;
}

const r4 = (v: number) => +v.toFixed(4);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sd = (v: number[]) =>
  v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1)) : 0;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function runs(args: Record<string, string>, log: (m: string) => void) {
  const out: { r: CliOut; cpuMs: number }[] = [];
  for (const seed of SEEDS) {
    log(`  seed ${seed}`);
    const cpu = process.cpuUsage();
    const r = (await recommendCli({ ...args, seed: String(seed) })) as CliOut;
    const used = process.cpuUsage(cpu);
    out.push({ r, cpuMs: Math.round((used.user + used.system) / 1000) });
  }
  return out;
}

/** Mean ± sd across runs of every model's figures, the median time and every run's time. */
function flatten(prefix: string, all: { r: CliOut; cpuMs: number }[]): Metrics {
  const first = all[0].r;
  const out: Metrics = {
    [`${prefix}_users`]: first.users,
    [`${prefix}_items`]: first.items,
    [`${prefix}_kept_items`]: first.keptItems,
    [`${prefix}_runs`]: all.length,
    [`${prefix}_best_per_run`]: all.map((x) => x.r.best).join(' / '),
    [`${prefix}_best_test_ndcg_runs`]: all.map((x) => x.r.bestTestNdcg).join(' / '),
    [`${prefix}_final_fit_ms_median`]: median(all.map((x) => x.r.finalFitMs)),
    [`${prefix}_final_fit_ms_runs`]: all.map((x) => x.r.finalFitMs).join(' / '),
    [`${prefix}_protocol_ms_median`]: median(all.map((x) => x.r.trainingMs)),
    [`${prefix}_protocol_ms_runs`]: all.map((x) => x.r.trainingMs).join(' / '),
    [`${prefix}_protocol_cpu_ms_runs`]: all.map((x) => x.cpuMs).join(' / '),
    [`${prefix}_score_all_users_ms_median`]: median(all.map((x) => x.r.scoreAllMs)),
    [`${prefix}_score_all_users_ms_runs`]: all.map((x) => x.r.scoreAllMs).join(' / ')
  };
  for (const kind of Object.keys(first.models)) {
    const get = (k: keyof ModelOut) => all.map((x) => x.r.models[kind][k] as number);
    const p = `${prefix}_${kind.replace(/-/g, '_')}`;
    for (const [k, name] of [
      ['ndcg@10', 'ndcg10'],
      ['precision@10', 'p10'],
      ['recall@10', 'r10'],
      ['hr@10', 'hr10'],
      ['coverage', 'coverage'],
      ['validationNdcg', 'val_ndcg10']
    ] as const) {
      out[`${p}_${name}`] = r4(mean(get(k)));
      if (k === 'ndcg@10') out[`${p}_${name}_sd`] = r4(sd(get(k)));
    }
    out[`${p}_train_ms_median`] = median(get('trainMs'));
    out[`${p}_train_ms_runs`] = get('trainMs').join(' / ');
    out[`${p}_params`] = JSON.stringify(first.models[kind].params);
  }
  return out;
}

/** Seconds to invert an n × n SPD matrix (a Gram matrix of random baskets plus λI). */
async function inverseSeconds(n: number): Promise<number> {
  const A = new Float64Array(n * n);
  let s = 1;
  for (let u = 0; u < n; u++) {
    const items: number[] = [];
    for (let i = 0; i < n; i++) if ((s = (s * 16807) % 2147483647) % 50 === 0) items.push(i);
    for (const a of items) for (const b of items) A[a * n + b]++;
  }
  for (let i = 0; i < n; i++) A[i * n + i] += 200;
  const t0 = performance.now();
  await invertSpd(A, n);
  return +((performance.now() - t0) / 1000).toFixed(2);
}

const section: BenchSection = {
  name: 'recommendations',
  order: 70,
  async run(ctx) {
    const ml = join(ctx.root, '..', 'shared', 'datasets', 'movielens-small', 'ratings.csv');
    ctx.log(`MovieLens-small: every model, seeds ${SEEDS.join(',')}`);
    const movielens = await runs(
      { interactions: ml, 'user-col': 'userId', 'item-col': 'movieId', 'time-col': 'timestamp' },
      ctx.log
    );
    const shopCsv = join(ctx.outDir, 'sample-shop-orders.csv');
    if (!existsSync(shopCsv)) writeFileSync(shopCsv, sampleAsCsv(generateSampleShop()).orders);
    ctx.log('Sample shop orders (2,000 customers): every model');
    const shop = await runs({ orders: shopCsv }, ctx.log);
    ctx.log('FP-Growth on the sample shop baskets');
    const rules = mineRules(orderBaskets(generateSampleShop().orders), {});
    const cost: Metrics = {};
    for (const n of [500, 1000, 1500, 2500]) {
      ctx.log(`EASE inverse at n = ${n}`);
      cost[`ease_inverse_s_n${n}`] = await inverseSeconds(n);
    }
    for (const maxItems of ['1500', '2500']) {
      ctx.log(`MovieLens EASE keeping ${maxItems} items`);
      const r = (await recommendCli({
        interactions: ml,
        'user-col': 'userId',
        'item-col': 'movieId',
        'time-col': 'timestamp',
        models: 'ease',
        'max-items': maxItems
      })) as CliOut;
      cost[`movielens_ease_ndcg10_items${maxItems}`] = r.models.ease['ndcg@10'];
      cost[`movielens_ease_train_ms_items${maxItems}`] = r.models.ease.trainMs;
    }
    return {
      ...cost,
      ...flatten('movielens', movielens),
      ...flatten('shop', shop),
      shop_rules_baskets: rules.report.transactions,
      shop_rules_min_support: rules.report.minSupport,
      shop_rules_itemsets: rules.report.itemsets,
      shop_rules_rules: rules.report.rules,
      shop_rules_ms: Math.round(rules.report.ms)
    };
  }
};
export default section;
