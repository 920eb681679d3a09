// What the every-page walks measure on a page that is on screen: width beyond the screen, layout
// shift since navigation, and Latin-letter words on a Chinese page that are not data, brands,
// units or method names. Shared by every-page.spec.ts and layout.spec.ts.
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { generateSampleShop, sampleAsCsv } from '../../src/lib/core/sample';
import { CURRENCIES } from '../../src/lib/ui/format';

/** Waits for two frames so that a resize or a late render has been laid out. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))
  );
}

/** The page's width beyond the viewport, and the widest elements that stick out (for the report). */
export async function overflow(
  page: Page,
  width?: number
): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate((width) => {
    // A touch phone (isMobile) zooms out to show a page wider than its screen, so innerWidth
    // follows the page: there the screen's own width is the measure.
    const vw = width ?? window.innerWidth;
    const excess = document.documentElement.scrollWidth - vw;
    const culprits: string[] = [];
    if (excess > 0)
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        const r = el.getBoundingClientRect();
        // Inside a box that scrolls or clips on its own, overflowing is fine (wide tables).
        // (An absolutely positioned element escapes a box that is not its containing block.)
        const clipped = (e: HTMLElement) => {
          if (getComputedStyle(e).position === 'absolute') return false;
          for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
            if (getComputedStyle(a).overflowX !== 'visible') return true;
          return false;
        };
        if (r.right > vw + 1 && r.width > 0 && !clipped(el)) {
          const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
          const cls = typeof el.className === 'string' && el.className ? `.${el.className}` : '';
          const up = el.parentElement;
          const parent = up ? `${up.tagName.toLowerCase()}.${up.className}` : '';
          culprits.push(
            `${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)} in ${parent}`
          );
          if (culprits.length >= 4) break;
        }
      }
    return { excess, culprits };
  }, width);
}

/**
 * Table cells whose text is broken inside its words: drawn on more lines than it has pieces
 * between spaces, hyphens, slashes and Chinese punctuation ("gen/erat/ed", "冠/军/客/户", "1,/846"). A column
 * that narrow cannot be read; a table too wide for the screen scrolls in its own box instead.
 */
export async function crushedCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('main :is(th, td)')) {
      const text = cell.innerText.trim();
      // A column a few characters wide; a wider one may wrap a long sentence where it must.
      const em = parseFloat(getComputedStyle(cell).fontSize) || 16;
      if (text.length < 2 || cell.offsetWidth === 0 || cell.clientWidth > 6 * em) continue;
      const pieces = Math.max(
        1,
        text.split(/[\s\-/，。、；：？！（）「」『』【】]+/).filter(Boolean).length
      );
      // Each line of each text node is one rectangle; lines are told apart by their tops.
      const tops: number[] = [];
      const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
      }
      tops.sort((a, b) => a - b);
      const lines = tops.filter((t, i) => i === 0 || t - tops[i - 1] > 3).length;
      if (lines > pieces) out.push(`"${text.slice(0, 24)}" on ${lines} lines`);
    }
    return out;
  });
}

/** Risk badges that stick out of the cell that holds them (cut off: "Medium 2"). */
export async function cutBadges(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main .badge')]
      .filter((b) => b.offsetParent !== null && b.parentElement)
      .filter(
        (b) => b.getBoundingClientRect().right > b.parentElement!.getBoundingClientRect().right + 1
      )
      .map((b) => `"${b.innerText.trim()}" (${innerWidth}px)`)
  );
}

/**
 * Sums the Layout Instability API's 'layout-shift' entries without recent input, from each
 * navigation on, for every page of the context; `layoutShift` reads the sum and its sources.
 */
export async function watchLayoutShift(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    w.__cls = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node }[];
      })[]) {
        if (e.hadRecentInput) continue;
        w.__cls += e.value;
        const el = e.sources?.[0]?.node as HTMLElement | undefined;
        const name = el
          ? `${el.nodeName?.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}`
          : '?';
        w.__shifts.push(`${e.value.toFixed(3)} ${name}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export async function layoutShift(page: Page): Promise<{ cls: number; shifts: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    return { cls: w.__cls, shifts: w.__shifts };
  });
}

// Latin-letter words a Chinese page may show: brands, units, file types and the names of
// methods the statistics sections cite. Anything else in Latin letters is untranslated text.
const ALLOWED = new Set(
  (
    'Rapport JavaScript CSV TSV TXT ZIP PDF PNG JPEG GIF SQLite UTF ROC AUC PR AP RFM BG NBD NDCG PageRank ' +
    'GAN VAE MLP CTGAN Copula TreeSHAP WASM SIMD WebGL WebGPU CPU GPU GEXF Gephi KL ReLU Adamic ' +
    'Adar Jaccard Mult EASE kNN k-means means MB KB GB TB Excel xlsx xls gzip NUL SD sd F1 ' +
    'Gamma Gamma-Gamma Pareto BG/NBD Mult-VAE FAQ macro-F1 Telco ' +
    // the ciphers a backup names
    'AES-256-GCM PBKDF2-SHA-256 HMAC-SHA-256 ' +
    // the column names an FAQ file must have, quoted as they are
    'question answer'
  ).split(/\s+/)
);
// Currency symbols as Intl writes them in Chinese ("US$", "HK$", "SGD 1.00"): units, not English.
for (const code of CURRENCIES) {
  const zh = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: code }).format(1);
  for (const w of zh.match(/[A-Za-z]+/g) ?? []) ALLOWED.add(w);
}

/**
 * Words that come from the sample shop's data itself (names, products, cities, channels, ids) and
 * the names of its files' columns: a column the user imported keeps its own name.
 */
export function sampleWords(shop: ReturnType<typeof generateSampleShop>): Set<string> {
  const data = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string') for (const w of v.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) data.add(w);
    else if (v && typeof v === 'object') Object.values(v).forEach(add);
  };
  for (const l of [shop.customers, shop.products, shop.interactions, shop.relationships])
    for (const r of l as object[]) {
      add(r);
      const attrs = (r as { attributes?: object }).attributes;
      if (attrs) Object.keys(attrs).forEach(add);
    }
  for (const o of shop.orders) add([o.channel, o.productId]);
  for (const csv of Object.values(sampleAsCsv(shop))) add(csv.slice(0, csv.indexOf('\n')));
  return data;
}

/** Latin-letter words on the page that are neither allowed nor data: untranslated text. */
export async function englishWords(page: Page, data: Set<string>): Promise<string[]> {
  const text = await page.evaluate(() => {
    // Every text node of the page, separated, without the language menu ("English" on
    // purpose), code (column names in files) and scripts.
    const out: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode())
      if (!n.parentElement?.closest('option, script, style, code, [lang=en]'))
        out.push(n.textContent ?? '');
    return out.join(' ');
  });
  const words = new Set(text.match(/[A-Za-z][A-Za-z0-9'/-]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? []);
  return [...words].filter(
    (w) => w.length > 1 && !ALLOWED.has(w) && !data.has(w) && !/^[A-Z]{1,3}\d+$/.test(w)
  );
}

/** Loads the sample shop from the home page and fits lifetime value (its table and columns). */
export async function loadSampleWithClv(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-next')).toBeVisible({ timeout: 90_000 });
  await page.goto('/clv/');
  await page.getByTestId('clv-fit').click();
  await expect(page.getByTestId('clv-table').locator('tbody tr').first()).toBeVisible({
    timeout: 90_000
  });
}
