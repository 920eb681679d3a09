// Groups a customer's history into months, newest first, for Timeline.svelte.
import type { TimelineEvent } from './types';

export interface MonthGroup {
  /** 'YYYY-MM' in the chosen time zone; stable key for keyed each blocks. */
  key: string;
  /** Localised heading, e.g. 'March 2011' or '2011年3月'. */
  label: string;
  events: TimelineEvent[];
}

export function groupByMonth(
  events: readonly TimelineEvent[],
  locale: string,
  timeZone?: string
): MonthGroup[] {
  const keyFmt = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone });
  const labelFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone });
  const sorted = [...events].sort((a, b) => b.ts - a.ts);
  const groups: MonthGroup[] = [];
  for (const e of sorted) {
    const key = keyFmt.format(e.ts).slice(0, 7);
    let g = groups[groups.length - 1];
    if (!g || g.key !== key) {
      g = { key, label: labelFmt.format(e.ts), events: [] };
      groups.push(g);
    }
    g.events.push(e);
  }
  return groups;
}
