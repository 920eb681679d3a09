// The shell's nav is drawn as one piece of markup (nav.ts): each page's link, the current one
// marked for screen readers and styling, labels escaped.
import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, navHtml } from '../../../src/lib/ui/shell/nav';

const label = (key: string) => `L:${key}`;

describe('navHtml', () => {
  it('links every nav item under base, in order, with its label', () => {
    const html = navHtml('/app', '/churn/', label);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(NAV_ITEMS.map((i) => '/app' + i.path));
    for (const i of NAV_ITEMS) expect(html).toContain(`>L:${i.label}</a>`);
    expect(html.match(/<li>/g)).toHaveLength(NAV_ITEMS.length);
  });

  it('marks only the current section as the page', () => {
    const current = (path: string) =>
      [...navHtml('', path, label).matchAll(/href="([^"]*)" aria-current="page"/g)].map(
        (m) => m[1]
      );
    expect(current('/churn/')).toEqual(['/churn/']);
    expect(current('/')).toEqual(['/']);
    // A page under a section (the customer page is not a nav item; /customers/ is).
    expect(current('/customers/x/')).toEqual(['/customers/']);
    expect(current('/customer/')).toEqual([]);
  });

  it('escapes labels and hrefs', () => {
    const html = navHtml('/a"b', '/x/', () => '<b>Tom & "Jerry"</b>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
    expect(html).toContain('href="/a&quot;b/"');
  });
});
