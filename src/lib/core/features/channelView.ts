// The multi-channel view: per customer, which channels they use and when (first and last touch
// per channel and overall, orders, revenue, messages); per business, customers by channel
// combination, the overlap between each two channels, and revenue by channel. A channel counts
// for a customer when their record, an order line or a message comes from it; after a merge the
// golden record carries every channel of the records merged into it.
import type { DataInputs } from '../models/inputs';

export interface ChannelUse {
  channel: string;
  first: number;
  last: number;
  orders: number;
  revenue: number;
  messages: number;
}

export interface CustomerChannels {
  customerId: string;
  channels: ChannelUse[];
  /** First and last touch over every channel (NaN when only the record is known). */
  first: number;
  last: number;
  firstChannel: string;
  lastChannel: string;
}

export interface ChannelSummary {
  channels: { channel: string; customers: number; orders: number; revenue: number; messages: number }[]; // prettier-ignore
  /** Customers by the exact set of channels they use ("pos+shop"), largest first. */
  combinations: { channels: string[]; customers: number }[];
  /** overlap[i][j]: customers using both channels[i] and channels[j] (diagonal: channel total). */
  overlap: number[][];
  customers: number;
  multiChannel: number;
}

export function customerChannels(inputs: DataInputs): Map<string, CustomerChannels> {
  const use = new Map<string, Map<string, ChannelUse>>();
  const at = (id: string, ch: string): ChannelUse => {
    let m = use.get(id);
    if (!m) use.set(id, (m = new Map()));
    let u = m.get(ch);
    if (!u) m.set(ch, (u = { channel: ch, first: NaN, last: NaN, orders: 0, revenue: 0, messages: 0 })); // prettier-ignore
    return u;
  };
  const touch = (u: ChannelUse, ts: number) => {
    if (!Number.isFinite(ts)) return;
    if (!(u.first <= ts)) u.first = ts;
    if (!(u.last >= ts)) u.last = ts;
  };
  for (const c of inputs.customers) {
    const u = at(c.id, String(c.channel ?? ''));
    if (c.createdAt !== undefined) touch(u, c.createdAt);
    // A merged record lists the channels of the records merged into it.
    for (const ch of String(c.attributes?.channels ?? '').split('+')) if (ch) at(c.id, ch);
  }
  const seenOrder = new Set<string>();
  for (const o of inputs.orders) {
    const u = at(o.customerId, String(o.channel ?? ''));
    touch(u, o.ts);
    const key = `${o.customerId}\u0000${o.channel}\u0000${o.orderId}`;
    if (!o.cancelled && !seenOrder.has(key)) {
      seenOrder.add(key);
      u.orders++;
    }
    if (!o.cancelled || o.quantity < 0) u.revenue += o.quantity * o.unitPrice;
  }
  for (const m of inputs.interactions) {
    const u = at(m.customerId, String(m.channel ?? ''));
    touch(u, m.ts);
    u.messages++;
  }
  const out = new Map<string, CustomerChannels>();
  for (const [id, m] of use) {
    const channels = [...m.values()].filter((u) => u.channel !== '').sort((a, b) => (a.channel < b.channel ? -1 : 1)); // prettier-ignore
    let first = NaN;
    let last = NaN;
    let firstChannel = '';
    let lastChannel = '';
    for (const u of channels) {
      if (u.first < first || Number.isNaN(first)) [first, firstChannel] = [u.first, u.channel];
      if (u.last > last || Number.isNaN(last)) [last, lastChannel] = [u.last, u.channel];
    }
    out.set(id, { customerId: id, channels, first, last, firstChannel, lastChannel });
  }
  return out;
}

export function channelSummary(inputs: DataInputs): ChannelSummary {
  const per = customerChannels(inputs);
  const names = [...new Set([...per.values()].flatMap((c) => c.channels.map((u) => u.channel)))].sort(); // prettier-ignore
  const index = new Map(names.map((n, i) => [n, i]));
  const channels = names.map((channel) => ({ channel, customers: 0, orders: 0, revenue: 0, messages: 0 })); // prettier-ignore
  const overlap = names.map(() => new Array<number>(names.length).fill(0));
  const combos = new Map<string, number>();
  let multi = 0;
  for (const c of per.values()) {
    const ix = c.channels.map((u) => index.get(u.channel)!);
    for (const u of c.channels) {
      const s = channels[index.get(u.channel)!];
      s.customers++;
      s.orders += u.orders;
      s.revenue += u.revenue;
      s.messages += u.messages;
    }
    for (const i of ix) for (const j of ix) overlap[i][j]++;
    if (ix.length > 1) multi++;
    if (ix.length) {
      const key = c.channels.map((u) => u.channel).join('+');
      combos.set(key, (combos.get(key) ?? 0) + 1);
    }
  }
  return {
    channels,
    combinations: [...combos]
      .map(([k, n]) => ({ channels: k.split('+'), customers: n }))
      .sort(
        (a, b) => b.customers - a.customers || (a.channels.join() < b.channels.join() ? -1 : 1)
      ),
    overlap,
    customers: per.size,
    multiChannel: multi
  };
}
