// graphology-gexf's writer alone: its browser index also loads the parser, which needs DOMParser
// (absent in Node and in workers), and the package ships no typings for the writer file.
declare module 'graphology-gexf/browser/writer' {
  import type { write } from 'graphology-gexf/browser';
  const writeGexf: typeof write;
  export default writeGexf;
}
