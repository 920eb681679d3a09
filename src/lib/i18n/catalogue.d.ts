// The per-language catalogues made by scripts/vite-plugins.ts (catalogueChunks): area → key → text.
declare module 'virtual:rapport-catalogue/*' {
  const catalogue: Record<string, Record<string, string>>;
  export default catalogue;
}
