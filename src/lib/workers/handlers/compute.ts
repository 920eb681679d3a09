// Compute handlers: measure the tfjs backends, pick the fastest (core/compute/picker), let the
// user override it, and a smoke training run used by the e2e tests and the settings page.
import {
  deviceKey,
  isBackendName,
  isFresh,
  matmulCandidates,
  probeBackends,
  resolveBackend,
  type BackendCandidate,
  type BackendName,
  type BackendTiming,
  type ProbeResult
} from '../../core/compute';
import type { Handler, TaskContext } from '../protocol';
import { getSetting, setSetting } from '../settings-db';
import { availableBackends, tf, wasmFeatures, WASM_THREADS_ENABLED } from '../tf';

export type BackendChoice = BackendName | 'auto';

export interface ComputeInfo {
  /** Backend tfjs uses now in this worker. */
  backend: BackendName;
  override: BackendChoice;
  timings: BackendTiming[];
  /** The GPU backends' renderers as the probe saw them (software ones are passed over). */
  renderers: Partial<Record<BackendName, string>>;
  measuredAt: number | null;
  threads: boolean;
  threadsCount: number;
  simd: boolean;
  crossOriginIsolated: boolean;
  tfjsVersion: string;
}

export interface SmokeTrainResult {
  backend: BackendName;
  losses: number[];
  epochs: number;
}

export interface ComputeHandlers {
  'compute.probe': Handler<{ force?: boolean } | undefined, ComputeInfo>;
  'compute.info': Handler<undefined, ComputeInfo>;
  'compute.setBackend': Handler<{ backend: BackendChoice }, ComputeInfo>;
  'compute.smokeTrain': Handler<
    { backend?: BackendName; epochs?: number } | undefined,
    SmokeTrainResult
  >;
}

const OVERRIDE_KEY = 'compute.override';
/** A backend that takes longer than this to start (no GPU adapter, lost context) is skipped. */
const PREPARE_TIMEOUT_MS = 20_000;

let probe: ProbeResult | null = null;
let ready: Promise<ProbeResult> | null = null;

type GpuAdapter = { info?: Record<string, string | boolean>; isFallbackAdapter?: boolean } | null;
let adapter: Promise<GpuAdapter> | null = null;

/** The WebGPU adapter, requested once per worker (the probe's key and the renderers read it). */
function gpuAdapter(): Promise<GpuAdapter> {
  adapter ??= (async () => {
    try {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return ((await gpu?.requestAdapter()) as GpuAdapter) ?? null;
    } catch {
      return null;
    }
  })();
  return adapter;
}

async function gpuName(): Promise<string> {
  const info = (await gpuAdapter())?.info;
  return info ? `${info.vendor}/${info.architecture}` : '';
}

/**
 * What the GPU backends would run on: WebGL's unmasked renderer, the WebGPU adapter's
 * vendor/architecture/description ("software" added for a fallback adapter). The picker passes
 * over software rasterisers (SwiftShader, llvmpipe) when WASM works.
 */
async function rendererNames(): Promise<Partial<Record<BackendName, string>>> {
  const out: Partial<Record<BackendName, string>> = {};
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      out.webgl = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    // no WebGL in this worker: nothing to name
  }
  const gpu = await gpuAdapter();
  if (gpu) {
    const i = gpu.info ?? {};
    const fallback = gpu.isFallbackAdapter || i.isFallbackAdapter === true;
    out.webgpu = [i.vendor, i.architecture, i.device, i.description, fallback ? 'software' : ''].filter(Boolean).join(' '); // prettier-ignore
  }
  return out;
}

async function probeKey(): Promise<string> {
  return deviceKey({
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency ?? 1,
    gpu: await gpuName(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    // The worker's URL carries the build hash: a new app version measures again.
    appVersion: `${tf.version.tfjs}|${self.location.pathname}`
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const id = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(id), resolve(v)),
      (e) => (clearTimeout(id), reject(e))
    );
  });
}

function guarded(c: BackendCandidate): BackendCandidate {
  return { ...c, prepare: () => withTimeout(c.prepare(), PREPARE_TIMEOUT_MS, c.backend) };
}

async function override(): Promise<BackendChoice> {
  const v = await getSetting<string>(OVERRIDE_KEY);
  return isBackendName(v) ? v : 'auto';
}

async function use(name: BackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to start`);
  await tf.ready();
}

async function measure(force: boolean, ctx?: TaskContext): Promise<ProbeResult> {
  const key = await probeKey();
  const cached = force ? undefined : await getSetting<ProbeResult>(key);
  let result: ProbeResult;
  if (cached && isFresh(cached.at, Date.now())) {
    result = cached;
  } else {
    const candidates = matmulCandidates(tf, availableBackends(), 256).map(guarded);
    result = await probeBackends(candidates, {
      renderers: await rendererNames(),
      warmup: 2,
      runs: 5,
      signal: ctx?.signal,
      onProgress: (done, total, backend) => ctx?.progress({ done, total, message: backend })
    });
    await setSetting(key, result);
  }
  probe = result;
  await use(resolveBackend(result, await override()));
  return result;
}

/** Probe once per worker (cached per device); every tfjs handler should await this first. */
export function ensureBackend(): Promise<ProbeResult> {
  ready ??= measure(false);
  ready.catch(() => (ready = null));
  return ready;
}

async function info(): Promise<ComputeInfo> {
  const { simd, threads } = await wasmFeatures();
  return {
    backend: tf.getBackend() as BackendName,
    override: await override(),
    timings: probe?.timings ?? [],
    renderers: probe?.renderers ?? {},
    measuredAt: probe?.at ?? null,
    threads: WASM_THREADS_ENABLED && threads > 1,
    threadsCount: threads,
    simd,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    tfjsVersion: tf.version.tfjs
  };
}

/** y = 3x1 - 2x2 + 1 + noise: a dense net must drive the MSE down within a few epochs. */
async function smokeTrain(epochs: number, ctx: TaskContext): Promise<number[]> {
  const n = 256;
  const losses: number[] = [];
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }),
      tf.layers.dense({ units: 1 })
    ]
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  const [x, y] = tf.tidy(() => {
    const x = tf.randomUniform([n, 2], -1, 1, 'float32', 7);
    const w = tf.tensor2d([[3], [-2]]);
    const y = x
      .matMul(w)
      .add(1)
      .add(tf.randomNormal([n, 1], 0, 0.05, 'float32', 11));
    return [x, y];
  });
  try {
    await model.fit(x, y, {
      epochs,
      batchSize: 32,
      shuffle: false,
      verbose: 0,
      callbacks: {
        onEpochEnd: async (epoch, logs) => {
          losses.push(Number(logs?.loss));
          ctx.progress({ done: epoch + 1, total: epochs, message: `loss ${logs?.loss}` });
          if (ctx.signal.aborted) model.stopTraining = true;
        }
      }
    });
    ctx.signal.throwIfAborted();
    return losses;
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
  }
}

export const computeHandlers: ComputeHandlers = {
  'compute.probe': async (args, ctx) => {
    ready = measure(args?.force ?? true, ctx);
    ready.catch(() => (ready = null));
    await ready;
    return info();
  },
  'compute.info': async () => {
    await ensureBackend();
    return info();
  },
  'compute.setBackend': async ({ backend }) => {
    if (backend !== 'auto' && !isBackendName(backend))
      throw new Error(`unknown backend ${backend}`);
    await setSetting(OVERRIDE_KEY, backend);
    const p = await ensureBackend();
    await use(resolveBackend(p, backend));
    return info();
  },
  'compute.smokeTrain': async (args, ctx) => {
    if (args?.backend) await use(args.backend);
    else await ensureBackend();
    const losses = await smokeTrain(args?.epochs ?? 8, ctx);
    return { backend: tf.getBackend() as BackendName, losses, epochs: losses.length };
  }
};
