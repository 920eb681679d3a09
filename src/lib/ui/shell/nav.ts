import type { MessageKey } from '../../i18n/translate';

export interface NavItem {
  /** Path relative to the app root, with the trailing slash the router uses. */
  path: string;
  label: MessageKey;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'shell.nav.home' },
  { path: '/import/', label: 'shell.nav.import' },
  { path: '/customers/', label: 'shell.nav.customers' },
  { path: '/history/', label: 'shell.nav.history' },
  { path: '/churn/', label: 'shell.nav.churn' },
  { path: '/clv/', label: 'shell.nav.clv' },
  { path: '/segments/', label: 'shell.nav.segments' },
  { path: '/inbox/', label: 'inbox.nav' },
  { path: '/recommendations/', label: 'recommend.nav.recommendations' },
  { path: '/products/', label: 'recommend.nav.products' },
  { path: '/graph/', label: 'graph.nav' },
  { path: '/map/', label: 'generative.nav.map' },
  { path: '/synthetic/', label: 'generative.nav.synthetic' },
  { path: '/networks/', label: 'generative.nav.networks' },
  { path: '/privacy/', label: 'privacy.nav' },
  { path: '/duplicates/', label: 'shell.nav.duplicates' },
  { path: '/quality/', label: 'shell.nav.quality' },
  { path: '/settings/', label: 'shell.nav.settings' }
];

/** Whether `current` (a pathname without base) is inside the nav item `path`. */
export function isActive(path: string, current: string): boolean {
  return path === '/' ? current === '/' : current.startsWith(path);
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The nav's list items as markup, the link of the page `current` (a pathname without base)
 * marked `aria-current="page"`; labels from `translate`, escaped.
 */
export function navHtml(base: string, current: string, translate: (key: MessageKey) => string) {
  let html = '';
  for (const item of NAV_ITEMS) {
    const here = isActive(item.path, current) ? ' aria-current="page"' : '';
    html += `<li><a href="${escape(base + item.path)}"${here}>${escape(translate(item.label))}</a></li>`;
  }
  return html;
}
