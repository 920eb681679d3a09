// A cache key for probe results: a probe is only valid on the device (and browser build) that
// measured it, and is stale after a version bump of the app or tfjs.

export interface DeviceTraits {
  userAgent: string;
  hardwareConcurrency: number;
  /** e.g. WebGPU adapter vendor/architecture, or '' when unknown. */
  gpu: string;
  crossOriginIsolated: boolean;
  appVersion: string;
}

/** Stable short string (FNV-1a 32-bit over the traits). */
export function deviceKey(d: DeviceTraits): string {
  const s = [d.userAgent, d.hardwareConcurrency, d.gpu, d.crossOriginIsolated, d.appVersion].join(
    '|'
  );
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 'probe:' + h.toString(16).padStart(8, '0');
}

/** Probe results older than this are re-measured (browser or driver updates change speed). */
export const PROBE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export function isFresh(at: number, nowMs: number, maxAge = PROBE_MAX_AGE_MS): boolean {
  return nowMs - at >= 0 && nowMs - at < maxAge;
}
