// A compute backend as the user reads it: the engines' own brand names ("WebGL", not "webgl"),
// and the catalogue's words for models fitted without tfjs ('plain', e.g. lifetime value).
import type { MessageKey, Params } from '../i18n/translate';

type T = (key: MessageKey, params?: Params) => string;

const BRANDS: Record<string, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU'
};

export function backendName(backend: string, t: T): string {
  if (backend === 'plain') return t('settings.compute.plain');
  return BRANDS[backend] ?? backend;
}
