// What happened after the user acted on the churn list: each customer the model flagged (risk at
// or above the threshold when the version was trained) is in the contacted group when a
// 'contacted' signal was recorded for them, else in the not-contacted group. Retained: an order
// after the contact (or, not contacted, after the version was made), or the user's own 'saved';
// 'left' (left anyway) counts as not retained whatever came later.
import type { Feedback } from './store';
import type { UpliftInput } from './uplift';

export interface OutcomeInputs {
  /** Churn risk by customer, from the version in use. */
  risk: Map<string, number>;
  threshold: number;
  /** When that version was trained (ms). */
  since: number;
  /** Last order time by customer. */
  lastOrder: Map<string, number>;
  feedback: Feedback[];
}

export function contactOutcomes(x: OutcomeInputs): UpliftInput[] {
  const contactAt = new Map<string, number>();
  const said = new Map<string, 'saved' | 'left'>();
  for (const f of x.feedback) {
    if (f.family !== 'churn') continue;
    if (f.signal === 'contacted') {
      const t = contactAt.get(f.customerId);
      if (t === undefined || f.ts < t) contactAt.set(f.customerId, f.ts);
    } else if (f.signal === 'saved' || f.signal === 'left') said.set(f.customerId, f.signal);
  }
  const out: UpliftInput[] = [];
  for (const [id, r] of x.risk) {
    if (!(r >= x.threshold)) continue;
    const at = contactAt.get(id);
    const contacted = at !== undefined;
    const verdict = said.get(id);
    const bought = (x.lastOrder.get(id) ?? -Infinity) > (contacted ? at : x.since);
    out.push({ contacted, retained: verdict === 'left' ? false : verdict === 'saved' || bought });
  }
  return out;
}
