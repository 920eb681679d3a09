// Every area's messages in one language (area → key → text). In the app's build this module is
// replaced by the zh halves of the area files alone (scripts/vite-plugins.ts, catalogueChunks),
// so a page does not download the other language; elsewhere (Node, the CLI) it is picked here.
import { catalogues } from './index';

const byArea: Record<string, Record<string, string>> = Object.fromEntries(
  Object.entries(catalogues).map(([area, c]) => [area, c.zh])
);
export default byArea;
