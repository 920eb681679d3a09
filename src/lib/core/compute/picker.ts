// Compute backend picker: choose the tfjs backend by measurement, never by rank. In headless
// Chromium on a CPU-only machine WebGPU/WebGL fall back to software rasterisers and run 10-30x
// slower than WASM, so a fixed preference order would pick the slowest backend.
import { errorMessage } from '../errors';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendTiming {
  backend: BackendName;
  /** Median milliseconds per timed run, or null when the backend failed. */
  ms: number | null;
  /** Every timed run (ms), after warm-up. */
  runs: number[];
  error?: string;
}

export interface ProbeResult {
  best: BackendName;
  timings: BackendTiming[];
  /** The GPU backends' renderer names, when the browser told them (webgl's unmasked
   * renderer, webgpu's adapter description). */
  renderers?: Partial<Record<BackendName, string>>;
  /** Epoch milliseconds of the measurement. */
  at: number;
}

export interface ProbeOptions {
  /** Untimed runs first: shader compilation, wasm instantiation, JIT. */
  warmup?: number;
  /** Timed runs; the median is kept (robust to one GC pause). */
  runs?: number;
  /** Clock; injectable for tests. */
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, backend: BackendName) => void;
  /** Renderer names of the GPU backends (see `chooseBackend`). */
  renderers?: Partial<Record<BackendName, string>>;
}

/**
 * One backend's workload. `prepare` switches to the backend (throws if unavailable);
 * `run` does one unit of work and resolves when the result is on the host (so async GPU
 * work is counted).
 */
export interface BackendCandidate {
  backend: BackendName;
  prepare(): Promise<void>;
  run(): Promise<void>;
  /** Frees what prepare() allocated; called even when a run failed. */
  dispose?(): void;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Fastest backend among the ones that worked; ties go to the earlier candidate. */
export function chooseFastest(timings: readonly BackendTiming[]): BackendName {
  let best: BackendTiming | null = null;
  for (const t of timings) {
    if (t.ms === null) continue;
    if (best === null || t.ms < (best.ms as number)) best = t;
  }
  if (!best) throw new Error('no compute backend worked: ' + describeFailures(timings));
  return best.backend;
}

/** Software rasterisers that stand in for a GPU: SwiftShader (Chromium's, WebGL and WebGPU),
 * Mesa's llvmpipe/softpipe/lavapipe, Windows' Basic Render Driver. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|lavapipe|basic render|software/i;

export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  return !!renderer && SOFTWARE_RENDERER.test(renderer);
}

/**
 * The fastest backend, except that a GPU backend running on a software rasteriser is passed
 * over whenever WASM or CPU worked. The probe times a wall-clock matmul, and on a loaded
 * machine SwiftShader can win it while it runs on the same cores as the page, in a process of
 * its own: training then took several times longer than on WASM (issue #14: Chromium's GPU
 * process used 14 CPU minutes against the page's 3).
 */
export function chooseBackend(
  timings: readonly BackendTiming[],
  renderers: Partial<Record<BackendName, string>> = {}
): BackendName {
  const hardware = timings.filter(
    (t) => !((t.backend === 'webgl' || t.backend === 'webgpu') && isSoftwareRenderer(renderers[t.backend])) // prettier-ignore
  );
  return hardware.some((t) => t.ms !== null) ? chooseFastest(hardware) : chooseFastest(timings);
}

function describeFailures(timings: readonly BackendTiming[]): string {
  return timings.map((t) => `${t.backend} (${t.error ?? 'failed'})`).join(', ') || 'none tried';
}

/** Time every candidate (warm-up, then `runs` timed runs) and keep the fastest. */
export async function probeBackends(
  candidates: readonly BackendCandidate[],
  opts: ProbeOptions = {}
): Promise<ProbeResult> {
  const warmup = opts.warmup ?? 2;
  const runs = Math.max(1, opts.runs ?? 5);
  const now = opts.now ?? (() => performance.now());
  const timings: BackendTiming[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    opts.signal?.throwIfAborted();
    opts.onProgress?.(i, candidates.length, c.backend);
    const samples: number[] = [];
    try {
      await c.prepare();
      for (let w = 0; w < warmup; w++) await c.run();
      for (let r = 0; r < runs; r++) {
        opts.signal?.throwIfAborted();
        const t0 = now();
        await c.run();
        samples.push(now() - t0);
      }
      timings.push({ backend: c.backend, ms: median(samples), runs: samples });
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      timings.push({ backend: c.backend, ms: null, runs: samples, error: errorMessage(e) });
    } finally {
      try {
        c.dispose?.();
      } catch {
        // a backend that failed to initialise may not be able to free anything
      }
    }
  }
  opts.onProgress?.(candidates.length, candidates.length, candidates.at(-1)?.backend ?? 'cpu');
  const renderers = opts.renderers ?? {};
  return { best: chooseBackend(timings, renderers), timings, renderers, at: Date.now() };
}

/** The backend to use: the user's override when it worked in the probe, else the fastest. */
export function resolveBackend(probe: ProbeResult, override: BackendName | 'auto'): BackendName {
  if (override === 'auto') return probe.best;
  const t = probe.timings.find((x) => x.backend === override);
  return t && t.ms !== null ? override : probe.best;
}

export function isBackendName(x: unknown): x is BackendName {
  return typeof x === 'string' && (BACKENDS as readonly string[]).includes(x);
}
