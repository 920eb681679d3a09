// Leaf-wise (best-first) growth of one regression tree on gradient statistics (Ke et al. 2017):
// always split the leaf whose best split gains most, until numLeaves leaves or no split gains.
// Each leaf owns a contiguous range of a row-index array, partitioned in place on a split; only
// the smaller child's histogram is built, the larger one is the parent's minus it.
import type { BinEdges } from './bins';
import type { ForestBuilder } from './forest';
import {
  buildHistogram,
  emptySplit,
  findBestSplit,
  histLayout,
  subtractHistogram,
  type HistLayout,
  type SplitConstraints,
  type SplitInfo
} from './histogram';

export interface GrowParams extends SplitConstraints {
  numLeaves: number;
  /** <= 0: no limit. */
  maxDepth: number;
  learningRate: number;
}

interface Leaf {
  start: number;
  end: number;
  node: number;
  depth: number;
  G: number;
  H: number;
  hist: number; // index into the histogram pool, -1 when not built
  split: SplitInfo;
}

export class TreeGrower {
  private readonly layout: HistLayout;
  private readonly pool: Float64Array[] = [];
  private readonly og: Float64Array;
  private readonly oh: Float64Array;
  private readonly tmp: Int32Array;
  private readonly leaves: Leaf[] = [];

  /** `bins`: column-major bin matrix of the nRows training rows. */
  constructor(
    private readonly bins: Uint8Array,
    private readonly nRows: number,
    private readonly edges: BinEdges,
    private readonly p: GrowParams
  ) {
    this.layout = histLayout(edges);
    this.og = new Float64Array(nRows);
    this.oh = new Float64Array(nRows);
    this.tmp = new Int32Array(nRows);
  }

  /**
   * Grow one tree over the rows rows[0..m) using only the columns in `features`, appending its
   * nodes to `out`. Afterwards rows[0..m) is grouped by leaf; returns each leaf's [start, end)
   * range and node so the caller can add the leaf values to those rows' scores.
   */
  grow(
    out: ForestBuilder,
    g: Float64Array,
    h: Float64Array,
    rows: Int32Array,
    m: number,
    features: Int32Array
  ): { start: number; end: number; node: number }[] {
    const p = this.p;
    let G = 0;
    let H = 0;
    for (let k = 0; k < m; k++) {
      G += g[rows[k]];
      H += h[rows[k]];
    }
    let binsInUse = 0;
    for (let j = 0; j < features.length; j++) binsInUse += this.layout.nBins[features[j]];
    let poolUsed = 0;
    const take = () => {
      if (poolUsed === this.pool.length) this.pool.push(new Float64Array(this.layout.size));
      return poolUsed++;
    };
    const root = out.addLeaf(0, H);
    out.addRoot(root);
    const leaves = this.leaves;
    leaves.length = 0;
    leaves.push(this.makeLeaf(0, m, root, 0, G, H));
    if (this.canSplit(leaves[0])) {
      leaves[0].hist = take();
      this.histogram(leaves[0], rows, g, h, features);
      this.evaluate(leaves[0], features);
    }

    while (leaves.length < p.numLeaves) {
      let best = -1;
      for (let l = 0; l < leaves.length; l++) {
        if (
          leaves[l].split.gain > 0 &&
          (best < 0 || leaves[l].split.gain > leaves[best].split.gain)
        )
          best = l;
      }
      if (best < 0) break;
      const parent = leaves[best];
      const s = parent.split;
      const mid = this.partition(rows, parent.start, parent.end, s.feature, s.bin);
      const ln = out.addLeaf(0, s.hl);
      const rn = out.addLeaf(0, parent.H - s.hl);
      out.setSplit(parent.node, s.feature, this.edges[s.feature][s.bin], s.gain, ln, rn);
      const d = parent.depth + 1;
      const left = this.makeLeaf(parent.start, mid, ln, d, s.gl, s.hl);
      const right = this.makeLeaf(mid, parent.end, rn, d, parent.G - s.gl, parent.H - s.hl);
      leaves[best] = left;
      leaves.push(right);

      const splitL = this.canSplit(left);
      const splitR = this.canSplit(right);
      if (!splitL && !splitR) continue;
      const leftSmaller = mid - parent.start <= parent.end - mid;
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      small.hist = take();
      this.histogram(small, rows, g, h, features);
      if (leftSmaller ? splitR : splitL) {
        large.hist = parent.hist;
        // Subtraction costs a pass over every bin; a small sibling is cheaper to build directly.
        if ((large.end - large.start) * features.length < binsInUse) {
          this.histogram(large, rows, g, h, features);
        } else {
          subtractHistogram(this.pool[parent.hist], this.pool[small.hist], this.layout, features);
        }
        this.evaluate(large, features);
      }
      if (leftSmaller ? splitL : splitR) this.evaluate(small, features);
    }

    const f = out.forest;
    const scale = -p.learningRate;
    return leaves.map((l) => {
      f.value[l.node] = (scale * l.G) / (l.H + p.lambdaL2);
      return { start: l.start, end: l.end, node: l.node };
    });
  }

  private makeLeaf(start: number, end: number, node: number, depth: number, G: number, H: number) {
    return { start, end, node, depth, G, H, hist: -1, split: emptySplit() };
  }

  private canSplit(l: Leaf): boolean {
    const { maxDepth, minDataInLeaf } = this.p;
    return (maxDepth <= 0 || l.depth < maxDepth) && l.end - l.start >= 2 * minDataInLeaf;
  }

  private histogram(l: Leaf, rows: Int32Array, g: Float64Array, h: Float64Array, f: Int32Array) {
    const hist = this.pool[l.hist];
    buildHistogram(
      hist,
      this.layout,
      f,
      this.bins,
      this.nRows,
      rows,
      l.start,
      l.end,
      g,
      h,
      this.og,
      this.oh
    );
  }

  private evaluate(l: Leaf, features: Int32Array) {
    const hist = this.pool[l.hist];
    findBestSplit(hist, this.layout, features, l.G, l.H, l.end - l.start, this.p, l.split);
  }

  /** Stable in-place partition of rows[start..end): bin <= `bin` first. Returns the boundary. */
  private partition(rows: Int32Array, start: number, end: number, feature: number, bin: number) {
    const col = feature * this.nRows;
    const bins = this.bins;
    const tmp = this.tmp;
    let w = start;
    let r = 0;
    for (let k = start; k < end; k++) {
      const i = rows[k];
      if (bins[col + i] <= bin) rows[w++] = i;
      else tmp[r++] = i;
    }
    rows.set(tmp.subarray(0, r), w);
    return w;
  }
}
