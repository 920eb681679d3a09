// tfjs backend setup. Node (tests, CLI, bench): the WASM backend, its .wasm files read from
// node_modules (tfjs-node cannot be installed). Browser workers: whatever backend the platform's
// picker measured fastest, passed in by name ('webgpu', 'wasm', 'webgl', 'cpu').
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { tf };

let ready: Promise<string> | null = null;

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return !!p?.versions?.node;
}

/** Directory of the wasm binaries in node_modules, as a path ending in '/'. */
async function nodeWasmDir(): Promise<string> {
  // Hidden from bundlers: only ever evaluated in Node.
  const modName = 'node:module';
  const pathName = 'node:path';
  const { createRequire } = (await import(
    /* @vite-ignore */ modName
  )) as typeof import('node:module');
  const path = (await import(/* @vite-ignore */ pathName)) as typeof import('node:path');
  const req = createRequire(import.meta.url);
  return path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/';
}

/**
 * Initialise tfjs once; returns the backend in use. `preferred` is tried in order (browser);
 * in Node the default is ['wasm', 'cpu']. For the browser the app sets the wasm path itself
 * (served from its own origin) before calling this, or passes `wasmPath`.
 */
export function initTf(preferred?: string[], wasmPath?: string): Promise<string> {
  if (ready) return ready;
  ready = (async () => {
    const order = preferred ?? (isNode() ? ['wasm', 'cpu'] : ['webgpu', 'wasm', 'webgl', 'cpu']);
    if (order.includes('wasm')) {
      if (wasmPath) setWasmPaths(wasmPath);
      else if (isNode()) setWasmPaths(await nodeWasmDir());
    }
    for (const name of order) {
      try {
        if (await tf.setBackend(name)) {
          await tf.ready();
          return tf.getBackend();
        }
      } catch {
        // try the next one
      }
    }
    throw new Error(`no tfjs backend available among ${order.join(', ')}`);
  })();
  ready.catch(() => (ready = null));
  return ready;
}

export function currentBackend(): string {
  return tf.getBackend();
}
