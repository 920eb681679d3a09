/// <reference lib="webworker" />
// Rapport's service worker: precaches the whole build (pages, JS, CSS, icons, tfjs .wasm),
// serves every navigation from the cache (offline after the first visit), and adds the
// cross-origin isolation headers so static hosts without header control still get them.
// It never touches IndexedDB: updating the app cannot lose customer data.
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare let self: ServiceWorkerGlobalScope;

const ISOLATION: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin'
};

function isolate(response: Response): Response {
  if (response.type === 'opaque' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers
  });
}

// Prompt strategy: the page asks before the new version takes over.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

addPlugins([{ handlerWillRespond: async ({ response }) => isolate(response) }]);
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

// Every route is prerendered, so navigations hit their own precached shell first; anything else
// (a deep link the build doesn't know) gets the home shell and the client router takes over.
registerRoute(new NavigationRoute(createHandlerBoundToURL('./')));
