// Every page, with the sample shop loaded, churn trained (logistic regression on 2 folds: the
// quickest honest run) and lifetime value fitted, once in English and once in Chinese:
// - screen readers and keyboards: axe-core's WCAG 2.0/2.1 A and AA rules, no serious or critical
//   violation;
// - phones and tablets: no page scrolls sideways at 360, 390, 768 or 1024 px (each page opened
//   once per language and measured at every width by resizing, not reloading), and at 360 px
//   no table column is so narrow that its words break ("冠/军/客/户"), and at every width no
//   risk badge is cut off by its column;
// - in English, the page does not jump while it loads: cumulative layout shift (the Layout
//   Instability API's entries without recent input, from navigation until the page's data is on
//   screen and the network is idle) < 0.05, the limit (Google calls < 0.1 good);
// - in Chinese, no English words (data, brands, units and method names excepted), and axe's
//   rules about names, labels and language only: colours, layout and structure do not depend on
//   the language.
// One browser context is set up once and shared by the two serial tests (suite time: each page
// is visited once per language for every check); each check reports all its findings together.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { generateSampleShop } from '../../src/lib/core/sample';
import { ROUTES, expect, test } from './fixtures';
import {
  crushedCells,
  cutBadges,
  englishWords,
  loadSampleWithClv,
  layoutShift,
  overflow,
  sampleWords,
  settle,
  watchLayoutShift
} from './pageChecks';

const shop = generateSampleShop({ seed: 7, customers: 2000 });
// The customer with the longest name and a product with an id: the pages most likely to widen.
const customer = [...shop.customers].sort(
  (a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0)
)[0];
const PAGES = [
  ...ROUTES,
  `/customer/?id=${encodeURIComponent(customer.id)}`,
  `/product/?id=${encodeURIComponent(shop.products[0].id)}`
];
// The four widths, and a laptop (the customer list has most columns there).
const WIDTHS = [360, 390, 768, 1024, 1280] as const;
const CLS_LIMIT = 0.05;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** axe's WCAG rules whose outcome depends on the words of the page. */
const LANGUAGE_RULES = [
  'area-alt',
  'aria-command-name',
  'aria-input-field-name',
  'aria-meter-name',
  'aria-progressbar-name',
  'aria-tab-name',
  'aria-toggle-field-name',
  'aria-tooltip-name',
  'button-name',
  'document-title',
  'frame-title',
  'html-has-lang',
  'html-lang-valid',
  'html-xml-lang-mismatch',
  'image-alt',
  'input-button-name',
  'input-image-alt',
  'label',
  'label-content-name-mismatch',
  'link-name',
  'object-alt',
  'role-img-alt',
  'select-name',
  'summary-name',
  'svg-img-alt',
  'valid-lang'
];

/** A test id that shows once a page's data has loaded, so every check sees the full page. */
const READY: Record<string, string> = {
  '/': 'revenue-summary',
  '/history/': 'batch',
  '/customers/': 'directory-total',
  '/churn/': 'churn-results',
  '/clv/': 'clv-table',
  '/segments/': 'rfm-table'
};

// Not serial: a failure in English must not hide the Chinese pass (a new worker sets up again).
test.describe.configure({ mode: 'default' });

let context: BrowserContext;
let page: Page;
let origin: string;
const foreign: string[] = [];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(480_000);
  // The port playwright.config.ts chose for this run's preview server.
  origin = `http://127.0.0.1:${process.env.E2E_PORT}`;
  context = await browser.newContext({ baseURL: origin, viewport: { width: 1024, height: 768 } });
  // The shared fixtures watch their own context: this one is watched here the same way.
  context.on('request', (r) => {
    const u = r.url();
    if (!/^(data|blob|about):/.test(u) && new URL(u).origin !== origin) foreign.push(u);
  });
  await watchLayoutShift(context);
  page = await context.newPage();
  await loadSampleWithClv(page);

  await page.goto('/churn/');
  const learners = page.locator('fieldset').first().getByRole('checkbox');
  await expect(learners.first()).toBeVisible({ timeout: 60_000 });
  for (let i = 1; i < (await learners.count()); i++) await learners.nth(i).uncheck();
  await page.locator('fieldset').first().locator('input[type=number]').fill('2');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('churn-results')).toBeVisible({ timeout: 240_000 });
});

test.afterAll(async () => {
  await context?.close();
  expect(foreign, `requests that left ${origin}`).toEqual([]);
});

for (const lang of ['en', 'zh'] as const) {
  test(`every page in ${lang}: axe (WCAG 2.1 AA), no sideways scrolling, ${lang === 'en' ? 'no layout shift' : 'no English words'}`, async () => {
    // axe takes 3–50 s a page on a loaded 2-core machine.
    test.setTimeout(900_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/');
    await page.getByTestId('lang-switch').first().selectOption(lang);
    // The checker itself can fail: an image without a text alternative is found.
    await page.evaluate(() => document.body.append(Object.assign(new Image(), { src: 'data:,' })));
    const probe = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .withRules(['image-alt'])
      .analyze();
    expect(probe.violations.map((v) => v.id)).toEqual(['image-alt']);
    const data = sampleWords(shop);
    const axeFailures: string[] = [];
    const wide: string[] = [];
    const crushed: string[] = [];
    const shifted: string[] = [];
    const english: string[] = [];
    for (const route of PAGES) {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(route);
      await expect(page.locator('main#main h1')).toBeVisible();
      const ready = READY[route];
      if (ready) await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 90_000 });
      await page.waitForLoadState('networkidle');
      await settle(page);

      if (lang === 'en') {
        const { cls, shifts } = await layoutShift(page);
        if (cls >= CLS_LIMIT)
          shifted.push(`${route}: ${cls.toFixed(3)} (${shifts.slice(0, 4).join(', ')})`);
      } else {
        const words = await englishWords(page, data);
        if (words.length) english.push(`${route}: ${words.slice(0, 25).join(' ')}`);
      }

      // Legacy mode: axe.run in the page itself. The default finishes each run in a new blank
      // page (for cross-origin frames, which Rapport has none of): 1.5–2× slower, same findings.
      let axe = new AxeBuilder({ page }).setLegacyMode(true);
      axe = lang === 'en' ? axe.withTags(WCAG) : axe.withRules(LANGUAGE_RULES);
      const { violations } = await axe.analyze();
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical') {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
          axeFailures.push(
            `${route}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${where.join(' | ')}`
          );
          console.log(`${lang} ${axeFailures.at(-1)}`);
        }

      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await settle(page);
        const { excess, culprits } = await overflow(page);
        if (excess > 0) wide.push(`${width}px ${route}: +${excess}px ${culprits.join(', ')}`);
        for (const b of (await cutBadges(page)).slice(0, 2)) crushed.push(`${route}: ${b}`);
        if (width === 360)
          for (const c of (await crushedCells(page)).slice(0, 3)) crushed.push(`${route}: ${c}`);
      }
    }
    expect.soft(axeFailures, `serious or critical axe violations (${lang})`).toEqual([]);
    expect.soft(wide, `pages wider than the screen (${lang})`).toEqual([]);
    expect.soft(crushed, `columns too narrow to read, badges cut off (${lang})`).toEqual([]);
    expect.soft(shifted, `pages with cumulative layout shift ≥ ${CLS_LIMIT}`).toEqual([]);
    expect.soft(english, 'English words on Chinese pages').toEqual([]);
  });
}
