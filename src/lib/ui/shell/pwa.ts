// Service worker registration (prompt strategy) with workbox-window: the shell shows
// "update available — reload" and only then does the new worker take over. The worker's URL is
// resolved from SvelteKit's base (relative paths would otherwise point under the current page).
// Nothing here touches IndexedDB: an update cannot lose customer data.
import { base } from '$app/paths';

export interface PwaEvents {
  onNeedRefresh(update: () => void): void;
  onOfflineReady(): void;
}

export async function registerPwa(events: PwaEvents): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const { Workbox } = await import('workbox-window');
  const root = new URL(base + '/', location.href);
  const wb = new Workbox(new URL('service-worker.js', root).href, { scope: root.pathname });
  wb.addEventListener('waiting', () => {
    events.onNeedRefresh(() => {
      // Reload once the new worker controls the page.
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  wb.addEventListener('activated', (e) => {
    if (!e.isUpdate) events.onOfflineReady();
  });
  await wb.register();
}
