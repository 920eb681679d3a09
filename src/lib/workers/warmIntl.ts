// Imported first by the backend worker (before anything else in it is evaluated). The first
// Intl formatter a renderer process builds loads ICU's data: 45–110 ms for the first
// Intl.NumberFormat and 4–40 ms for the first DateTimeFormat on this machine, ×4 on Lighthouse's
// simulated phone. ICU keeps that data per process, and a dedicated worker runs in its page's
// process, so building one of each kind here, off the main thread, makes the page's own first
// formatters cheap (0.2–0.6 ms measured): otherwise that load lands in the main-thread task that
// draws the worker's first answer. Every formatter here is thrown away; nothing is returned.
const tags = ['en', 'zh-CN', ...(globalThis.navigator?.languages ?? [])];
for (const tag of new Set(tags)) {
  try {
    new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(1234.5);
    new Intl.NumberFormat(tag, { style: 'percent' }).format(0.5);
    new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' }).format(1);
    new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(0);
    new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long' }).format(0);
    new Intl.PluralRules(tag).select(2);
    new Intl.Collator(tag, { numeric: true, sensitivity: 'base' }).compare('a2', 'a10');
  } catch {
    // A tag this browser's ICU does not take: nothing to warm for it.
  }
}

export {};
