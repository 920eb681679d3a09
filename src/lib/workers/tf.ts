// tfjs for workers only (never imported by pages: it would add ~1 MB to the first load).
// Registers cpu + webgl (in @tensorflow/tfjs), wasm and webgpu; the .wasm binaries come from the
// app's own origin (copied into the build by vite.config.ts, precached by the service worker).
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';

export { tf };

/**
 * Threads are off on purpose: with cross-origin isolation on, the Vite-bundled wasm backend picks
 * its threaded build, whose Emscripten pthread workers are blob workers that cannot import the
 * bundled module and die ("ReferenceError: e is not defined"). Single-threaded SIMD trains fine.
 */
export const WASM_THREADS_ENABLED = false;
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', WASM_THREADS_ENABLED);

export const WASM_DIR = 'wasm/';

export function configureWasm(assetsBase: string): void {
  setWasmPaths(new URL(WASM_DIR, assetsBase).href);
}

export async function wasmFeatures(): Promise<{ simd: boolean; threads: number }> {
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  let threads = 1;
  if (tf.getBackend() === 'wasm') {
    try {
      threads = getThreadsCount();
    } catch {
      threads = 1;
    }
  }
  return { simd, threads };
}

/** Backends this worker can try, most capable first (order only matters for ties). */
export function availableBackends(): Array<'webgpu' | 'webgl' | 'wasm' | 'cpu'> {
  const out: Array<'webgpu' | 'webgl' | 'wasm' | 'cpu'> = [];
  if ('gpu' in navigator) out.push('webgpu');
  if (typeof OffscreenCanvas !== 'undefined') out.push('webgl');
  out.push('wasm', 'cpu');
  return out;
}
