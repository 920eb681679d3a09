// The contract between the bench runner and its sections.

export type Metrics = Record<string, number | string>;

export interface BenchContext {
  /** Repository root (absolute). */
  root: string;
  /** bench/out: generated inputs, gitignored. */
  outDir: string;
  /** Progress line on stderr; results go in the returned metrics. */
  log(message: string): void;
}

export interface BenchSection {
  name: string;
  /** Lower runs first (default 100); ties by name. */
  order?: number;
  run(ctx: BenchContext): Promise<Metrics>;
}
