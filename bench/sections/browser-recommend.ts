// Recommendations in headless Chromium, in the app's worker, through
// window.__rapportBench.recommend(url, models) (src/lib/bench-recommend.ts): MovieLens-small's
// ratings as an order export (one line per rating, ISO dates, quantity 1) imported by the app's
// import path, then the recommendations family trained as the page's Train button does, then
// every customer's top 10. EASE alone (the best model on this set) RAPPORT_BENCH_RUNS times, each
// in a fresh page and database, median and every run; then every model once. The CSV is
// answered by Playwright on the app's own origin; nothing else may leave it.
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, callBenchHook, ensureBuild, startPreview } from '../browser';
import type { BenchSection, Metrics } from '../types';
import type { RecommendBenchResult } from '../../src/lib/bench-recommend';

const RUNS = Number(process.env.RAPPORT_BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r4 = (v: number) => +v.toFixed(4);

/** ratings.csv (userId,movieId,rating,timestamp) as an order export the import maps itself. */
async function ordersCsv(src: string, outDir: string): Promise<string> {
  const out = join(outDir, 'movielens-orders.csv');
  if (existsSync(out)) return out;
  const lines = ['order_id,customer_id,product_id,order_date,quantity,unit_price'];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(src) })) {
    if (n++ === 0 || !line) continue;
    const [user, movie, , ts] = line.split(',');
    const date = new Date(Number(ts) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(`r${n},${user},${movie},${date},1,1`);
  }
  writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

const section: BenchSection = {
  name: 'browser-recommend',
  order: 75,
  async run(ctx) {
    await ensureBuild(ctx.root, ctx.log);
    const src = join(ctx.root, '..', 'shared', 'datasets', 'movielens-small', 'ratings.csv');
    const csvPath = await ordersCsv(src, ctx.outDir);
    const preview = await startPreview(ctx.root);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const once = (models: string[]) =>
      callBenchHook<RecommendBenchResult>(
        browser,
        preview.origin,
        { name: 'movielens-orders.csv', file: csvPath },
        'recommend',
        models
      );
    const out: Metrics = {};
    try {
      const ease: RecommendBenchResult[] = [];
      for (let i = 0; i < RUNS; i++) {
        ctx.log(`EASE run ${i + 1}/${RUNS}: import, protocol, final fit, every top 10`);
        ease.push(await once(['ease']));
      }
      const final = ease.map((r) => Math.round(r.report.finalMs));
      const fit = ease.map((r) => Math.round(r.fitMs));
      const list = ease.map((r) => Math.round(r.listAllMs));
      const m = ease[0].report.models[0];
      Object.assign(out, {
        users: ease[0].report.users,
        items: ease[0].report.items,
        kept_items: ease[0].report.keptItems,
        import_ms_median: median(ease.map((r) => Math.round(r.importMs))),
        ease_ndcg10: r4(m.test.ndcg),
        ease_params: JSON.stringify(m.params),
        ease_final_fit_ms_median: median(final),
        ease_final_fit_ms_runs: final.join(' / '),
        ease_protocol_ms_median: median(fit),
        ease_protocol_ms_runs: fit.join(' / '),
        top10_all_users_ms_median: median(list),
        top10_all_users_ms_runs: list.join(' / '),
        top10_users: ease[0].customers
      });
      ctx.log('every model once (Mult-VAE included)');
      const all = await once(['popular', 'popular-recent', 'item-knn', 'ease', 'mult-vae']);
      out.all_models_protocol_ms = Math.round(all.fitMs);
      out.all_models_chosen = all.report.chosen;
      for (const x of all.report.models) {
        const p = `all_${x.kind.replace(/-/g, '_')}`;
        out[`${p}_ndcg10`] = r4(x.test.ndcg);
        out[`${p}_train_ms`] = Math.round(x.trainMs);
        out[`${p}_tune_ms`] = Math.round(x.tuneMs);
      }
    } finally {
      await browser.close();
      preview.stop();
    }
    return out;
  }
};
export default section;
