// Small Vite plugins for the platform (imported by vite.config.ts only).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';

/**
 * Headers for cross-origin isolation (SharedArrayBuffer, so the WASM backend could use threads).
 * Vite's `preview.headers` did not reach SvelteKit's responses; a middleware does.
 */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin'
};

const isolate: Connect.NextHandleFunction = (_req, res, next) => {
  for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
  next();
};

export function crossOriginIsolation(): Plugin {
  return {
    name: 'rapport:cross-origin-isolation',
    configureServer(server) {
      server.middlewares.use(isolate);
    },
    configurePreviewServer(server) {
      server.middlewares.use(isolate);
    }
  };
}

/** Directory holding the tfjs WASM binaries in node_modules. */
function wasmDir(root: string): string {
  const req = createRequire(path.join(root, 'package.json'));
  return path.join(path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/**
 * Serves the tfjs WASM binaries from the app itself under `<base>/wasm/` (never a CDN): emitted
 * into the client build (so the service worker precaches them), served by a middleware in dev.
 */
export function tfjsWasm(dir = 'wasm'): Plugin {
  let root = process.cwd();
  let ssr = false;
  const files = () => readdirSync(wasmDir(root)).filter((f) => f.endsWith('.wasm'));
  return {
    name: 'rapport:tfjs-wasm',
    configResolved(config) {
      root = config.root;
      ssr = Boolean(config.build.ssr);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = req.url?.match(new RegExp(`/${dir}/(tfjs-backend-wasm[\\w-]*\\.wasm)(\\?|$)`));
        if (!m || !files().includes(m[1])) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.end(readFileSync(path.join(wasmDir(root), m[1])));
      });
    },
    generateBundle() {
      if (ssr) return;
      for (const f of files()) {
        this.emitFile({
          type: 'asset',
          fileName: `${dir}/${f}`,
          source: readFileSync(path.join(wasmDir(root), f))
        });
      }
    }
  };
}
