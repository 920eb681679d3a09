// PapaParse parse-only throughput in Node, streaming from disk, in a child process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureOrdersCsv } from '../gen-orders';
import type { BenchSection, Metrics } from '../types';

const run = promisify(execFile);
const MB = 1024 * 1024;

async function parse(root: string, file: string, mode: 'objects' | 'arrays'): Promise<Metrics> {
  const child = join(root, 'bench', 'parse-node-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, file, mode], {
    cwd: root,
    maxBuffer: 1 << 20
  });
  const r = JSON.parse(stdout);
  return {
    [`${mode}_rows`]: r.rows,
    [`${mode}_ms`]: Math.round(r.ms),
    [`${mode}_rows_per_s`]: Math.round(r.rows / (r.ms / 1000)),
    [`${mode}_peak_rss_mb`]: Math.round(r.peakRss / MB),
    [`${mode}_peak_heap_mb`]: Math.round(r.peakHeap / MB),
    [`${mode}_max_rss_mb`]: Math.round(r.maxRssKb / 1024)
  };
}

const section: BenchSection = {
  name: 'parse-node',
  order: 20,
  async run(ctx) {
    const { path, bytes } = await ensureOrdersCsv();
    const objects = await parse(ctx.root, path, 'objects');
    ctx.log(`header:true ${objects.objects_rows_per_s} rows/s`);
    const arrays = await parse(ctx.root, path, 'arrays');
    const mbPerS = bytes / MB / (Number(objects.objects_ms) / 1000);
    return {
      file_mb: +(bytes / 1e6).toFixed(1),
      ...objects,
      objects_mb_per_s: +mbPerS.toFixed(1),
      ...arrays
    };
  }
};
export default section;
