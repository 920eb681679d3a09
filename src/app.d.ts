// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {}
  /** True in bench and dev builds only (vite.config.ts): bench hooks, bench worker handlers. */
  const __RAPPORT_BENCH__: boolean;
}
export {};
