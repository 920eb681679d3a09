// Shell actions other areas implement. The home page's "Load sample data" button calls
// loadSampleData(); it runs the worker's `data.loadSample` and tells listeners (the data
// summary on the home page) how far it got, so progress shows without the caller wiring it.
import { errorMessage } from '../../core/errors';
import { call } from '../../workers/client';

export type SampleLoader = (onProgress?: (done: number, total: number) => void) => Promise<void>;

export interface SampleState {
  phase: 'idle' | 'busy' | 'done' | 'error';
  done: number;
  total: number;
  /** Entity kind being stored ('generating', 'customers', ... 'done'). */
  step: string;
  error?: string;
}

type Listener = (s: SampleState) => void;

const defaultLoader: SampleLoader = async (onProgress) => {
  await call('data.loadSample', undefined, {
    onProgress: (p) => {
      notify({ phase: 'busy', done: p.done, total: p.total, step: p.message ?? '' });
      onProgress?.(p.done, p.total);
    }
  });
};

let sampleLoader: SampleLoader = defaultLoader;
let state: SampleState = { phase: 'idle', done: 0, total: 0, step: '' };
const listeners = new Set<Listener>();

function notify(s: SampleState): void {
  state = s;
  for (const l of listeners) l(s);
}

/** Replace the loader (tests); null restores the worker loader. */
export function setSampleLoader(loader: SampleLoader | null): void {
  sampleLoader = loader ?? defaultLoader;
}

/** Follow the sample loader's state; returns the unsubscribe function. */
export function onSampleState(listener: Listener): () => void {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export async function loadSampleData(
  onProgress?: (done: number, total: number) => void
): Promise<void> {
  notify({ phase: 'busy', done: 0, total: 0, step: '' });
  try {
    await sampleLoader(onProgress);
    notify({ ...state, phase: 'done', done: state.total, step: 'done' });
  } catch (e) {
    notify({ ...state, phase: 'error', error: errorMessage(e) });
    throw e;
  }
}
