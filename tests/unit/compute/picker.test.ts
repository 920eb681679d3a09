import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  chooseBackend,
  chooseFastest,
  isSoftwareRenderer,
  deviceKey,
  isFresh,
  matmulCandidates,
  median,
  probeBackends,
  resolveBackend,
  type BackendCandidate,
  type BackendName
} from '../../../src/lib/core/compute';

/** A candidate whose run takes `cost` units on a fake clock. */
function fake(backend: BackendName, cost: number, clock: { t: number }, fail = false) {
  const c: BackendCandidate = {
    backend,
    async prepare() {
      if (fail) throw new Error(`${backend} unavailable`);
    },
    async run() {
      clock.t += cost;
    }
  };
  return c;
}

describe('median', () => {
  it('takes the middle of odd and even lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe('probeBackends', () => {
  it('chooses by measurement, not by rank (webgpu first but slowest)', async () => {
    const clock = { t: 0 };
    const cands = [
      fake('webgpu', 300, clock),
      fake('webgl', 120, clock),
      fake('wasm', 10, clock),
      fake('cpu', 80, clock)
    ];
    const r = await probeBackends(cands, { now: () => clock.t, warmup: 1, runs: 3 });
    expect(r.best).toBe('wasm');
    expect(r.timings.map((t) => t.ms)).toEqual([300, 120, 10, 80]);
    expect(r.timings[2].runs).toHaveLength(3);
  });

  it('records failing backends with their error and skips them', async () => {
    const clock = { t: 0 };
    const r = await probeBackends(
      [fake('webgpu', 1, clock, true), fake('wasm', 20, clock), fake('cpu', 50, clock)],
      { now: () => clock.t }
    );
    expect(r.best).toBe('wasm');
    expect(r.timings[0].ms).toBeNull();
    expect(r.timings[0].error).toMatch(/webgpu unavailable/);
  });

  it('keeps the median, so one slow outlier run does not decide', async () => {
    const clock = { t: 0 };
    let n = 0;
    const spiky: BackendCandidate = {
      backend: 'wasm',
      prepare: async () => {},
      run: async () => {
        n++;
        clock.t += n === 2 ? 1000 : 5; // second timed run hits a "GC pause"
      }
    };
    const r = await probeBackends([spiky, fake('cpu', 40, clock)], {
      now: () => clock.t,
      warmup: 0,
      runs: 5
    });
    expect(r.timings[0].ms).toBe(5);
    expect(r.best).toBe('wasm');
  });

  it('throws when nothing works, naming every failure', async () => {
    const clock = { t: 0 };
    await expect(
      probeBackends([fake('webgl', 1, clock, true), fake('cpu', 1, clock, true)])
    ).rejects.toThrow(/webgl \(webgl unavailable\), cpu \(cpu unavailable\)/);
  });

  it('can be cancelled and reports progress', async () => {
    const clock = { t: 0 };
    const ac = new AbortController();
    const seen: string[] = [];
    const p = probeBackends([fake('wasm', 1, clock), fake('cpu', 1, clock)], {
      now: () => clock.t,
      signal: ac.signal,
      onProgress: (done, total, b) => {
        seen.push(`${done}/${total}:${b}`);
        if (b === 'cpu') ac.abort();
      }
    });
    await expect(p).rejects.toThrow();
    expect(seen).toEqual(['0/2:wasm', '1/2:cpu']);
  });
});

describe('resolveBackend', () => {
  const probe = {
    best: 'wasm' as const,
    at: 0,
    timings: [
      { backend: 'webgl' as const, ms: 90, runs: [90] },
      { backend: 'wasm' as const, ms: 10, runs: [10] },
      { backend: 'webgpu' as const, ms: null, runs: [], error: 'no adapter' }
    ]
  };
  it('honours a working override and ignores a broken one', () => {
    expect(resolveBackend(probe, 'auto')).toBe('wasm');
    expect(resolveBackend(probe, 'webgl')).toBe('webgl');
    expect(resolveBackend(probe, 'webgpu')).toBe('wasm');
    expect(resolveBackend(probe, 'cpu')).toBe('wasm');
  });
  it('chooseFastest ties go to the first candidate', () => {
    expect(
      chooseFastest([
        { backend: 'webgl', ms: 5, runs: [] },
        { backend: 'wasm', ms: 5, runs: [] }
      ])
    ).toBe('webgl');
  });
});

describe('software GPU renderers', () => {
  const timings = [
    { backend: 'webgpu' as const, ms: 4, runs: [4] },
    { backend: 'webgl' as const, ms: 6, runs: [6] },
    { backend: 'wasm' as const, ms: 9, runs: [9] },
    { backend: 'cpu' as const, ms: 80, runs: [80] }
  ];
  it('recognises SwiftShader, llvmpipe and the like, not real GPUs', () => {
    for (const r of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'google/swiftshader',
      'Microsoft Basic Render Driver'
    ])
      // prettier-ignore
      expect(isSoftwareRenderer(r), r).toBe(true);
    for (const r of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'apple/metal-3',
      'Mali-G78',
      '',
      undefined
    ])
      // prettier-ignore
      expect(isSoftwareRenderer(r), String(r)).toBe(false);
  });
  it('passes over a faster GPU backend on a software renderer when WASM works', () => {
    expect(chooseBackend(timings, {})).toBe('webgpu');
    expect(chooseBackend(timings, { webgpu: 'google/swiftshader' })).toBe('webgl');
    expect(chooseBackend(timings, { webgpu: 'google/swiftshader', webgl: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))' })).toBe('wasm'); // prettier-ignore
    expect(chooseBackend(timings, { webgl: 'ANGLE (Intel, Mesa Intel UHD 620)' })).toBe('webgpu');
  });
  it('still uses a software GPU backend when neither WASM nor CPU worked', () => {
    const gpuOnly = [timings[1], { backend: 'wasm' as const, ms: null, runs: [], error: 'x' }];
    expect(chooseBackend(gpuOnly, { webgl: 'llvmpipe' })).toBe('webgl');
  });
  it('the probe records the renderers and chooses with them', async () => {
    const clock = { t: 0 };
    const p = await probeBackends([fake('webgl', 2, clock), fake('wasm', 5, clock)], { now: () => clock.t, renderers: { webgl: 'SwiftShader' } }); // prettier-ignore
    expect(p.best).toBe('wasm');
    expect(p.renderers).toEqual({ webgl: 'SwiftShader' });
  });
});

describe('deviceKey / isFresh', () => {
  const d = {
    userAgent: 'Mozilla/5.0 HeadlessChrome/156',
    hardwareConcurrency: 2,
    gpu: '',
    crossOriginIsolated: true,
    appVersion: '0.1.0'
  };
  it('changes when the device or the app changes', () => {
    expect(deviceKey(d)).toMatch(/^probe:[0-9a-f]{8}$/);
    expect(deviceKey(d)).toBe(deviceKey({ ...d }));
    expect(deviceKey({ ...d, appVersion: '0.2.0' })).not.toBe(deviceKey(d));
    expect(deviceKey({ ...d, hardwareConcurrency: 8 })).not.toBe(deviceKey(d));
  });
  it('expires old probes', () => {
    expect(isFresh(1000, 2000)).toBe(true);
    expect(isFresh(0, 31 * 24 * 3600 * 1000)).toBe(false);
    expect(isFresh(5000, 1000)).toBe(false); // clock went backwards
  });
});

describe('real tfjs in Node: wasm and cpu backends', () => {
  it('measures both with a real matmul and picks the one it measured fastest', async () => {
    const req = createRequire(import.meta.url);
    setWasmPaths(
      path.dirname(req.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/'
    );
    const r = await probeBackends(matmulCandidates(tf, ['wasm', 'cpu'], 128), {
      warmup: 1,
      runs: 3
    });
    expect(r.timings.map((t) => t.backend)).toEqual(['wasm', 'cpu']);
    for (const t of r.timings) {
      expect(t.error).toBeUndefined();
      expect(t.ms).toBeGreaterThan(0);
    }
    const fastest = r.timings.reduce((a, b) => ((a.ms as number) <= (b.ms as number) ? a : b));
    expect(r.best).toBe(fastest.backend);
    expect(tf.getBackend()).toBe('cpu'); // the last prepared backend stays active
  });

  it('reports a backend that is not registered (webgpu in Node) as failed', async () => {
    const r = await probeBackends(matmulCandidates(tf, ['webgpu', 'cpu'], 32), { runs: 1 });
    expect(r.timings[0].ms).toBeNull();
    expect(r.best).toBe('cpu');
  });
});
