// Run by the parse-node section in its own process, so peak memory is the parser's alone.
// Streams the file through PapaParse (parse only: no validation, no storage) and prints JSON.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

const file = process.argv[2];
const header = process.argv[3] !== 'arrays';
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const baseline = process.memoryUsage();
const timer = setInterval(sample, 10);
let rows = 0;
let fields = 0;
const t0 = performance.now();
Papa.parse<unknown>(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
  header,
  skipEmptyLines: true,
  chunk(res) {
    rows += res.data.length;
    if (!fields && res.data.length) fields = Object.keys(res.data[0] as object).length;
    sample();
  },
  complete() {
    const ms = performance.now() - t0;
    clearInterval(timer);
    sample();
    process.stdout.write(
      JSON.stringify({
        rows: header ? rows : rows - 1, // without header: the header line came back as a row
        fields,
        ms,
        peakRss,
        peakHeap,
        baselineRss: baseline.rss,
        baselineHeap: baseline.heapUsed,
        maxRssKb: process.resourceUsage().maxRSS
      })
    );
  },
  error(err: Error) {
    clearInterval(timer);
    console.error(err.message);
    process.exit(1);
  }
});
