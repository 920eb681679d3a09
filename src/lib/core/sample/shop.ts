// The sample shop: one seeded, offline generator behind "Load sample data".
import type { NewCustomer, NewInteraction, NewProduct, NewRelationship } from '../ingest/sink';
import type { OrderLine } from '../types';
import { buildCatalogue } from './catalogue';
import { buildCustomers } from './customers';
import { simulateMessages } from './messages';
import { simulateNetwork } from './network';
import { simulatePurchases } from './purchases';
import { Rng } from './rng';

export interface SampleShopOptions {
  seed?: number;
  customers?: number;
  /** End of the observed period (exclusive), epoch ms. Default 2025-07-01T00:00Z. */
  endDate?: number;
  /** Length of the observed period in months. */
  months?: number;
}

export interface SampleShop {
  customers: NewCustomer[];
  products: NewProduct[];
  orders: OrderLine[];
  interactions: NewInteraction[];
  relationships: NewRelationship[];
}

/** What the generator knows but the data only hints at: for model-quality checks and benches. */
export interface SampleTruth {
  start: number;
  end: number;
  /** Customer id -> true when the customer dropped out (BG/NBD death) before `end`. */
  droppedOut: Map<string, boolean>;
  /** Customer id -> purchases per day while alive, and dropout probability per purchase. */
  lambda: Map<string, number>;
  p: Map<string, number>;
  /** Customer id -> community index (city * COMMUNITIES_PER_CITY + circle). */
  community: Map<string, number>;
  /** Product id -> ids of its "bought together" complements. */
  complements: Map<string, string[]>;
}

export const DEFAULT_END = Date.UTC(2025, 6, 1);

export function generateSampleShopWithTruth(opts: SampleShopOptions = {}): {
  shop: SampleShop;
  truth: SampleTruth;
} {
  const seed = opts.seed ?? 7;
  const n = opts.customers ?? 2000;
  const end = opts.endDate ?? DEFAULT_END;
  const months = opts.months ?? 24;
  if (!(n >= 1) || !Number.isInteger(n))
    throw new Error(`customers must be a positive integer, got ${n}`);
  if (!(months >= 1)) throw new Error(`months must be at least 1, got ${months}`);
  const s = new Date(end);
  s.setUTCMonth(s.getUTCMonth() - months);
  const start = s.getTime();

  // Separate streams per part, so tuning messages does not reshuffle orders, and so on.
  const root = new Rng(seed);
  const catalogue = buildCatalogue(root.fork(1));
  const sim = buildCustomers(root.fork(2), n, start, end);
  const orders = simulatePurchases(root.fork(3), sim, catalogue, end);
  const interactions = simulateMessages(root.fork(4), sim, orders, catalogue, end);
  const relationships = simulateNetwork(root.fork(5), sim, end);

  const lines: OrderLine[] = [];
  const returns: OrderLine[] = [];
  for (const o of orders) {
    o.lines.forEach((l, li) => {
      const p = catalogue[l.product].product;
      lines.push({
        orderId: o.id,
        customerId: o.customer.id,
        productId: p.id,
        productName: p.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        ts: o.ts,
        channel: o.channel,
        cancelled: o.cancelled
      });
      // A return is its own credit line, as in Online Retail's "C" invoices: negative quantity.
      for (const r of o.returns) {
        if (r.line !== li) continue;
        returns.push({
          ...lines[lines.length - 1],
          orderId: `R${o.id}`,
          quantity: -l.quantity,
          ts: r.ts,
          cancelled: true
        });
      }
    });
  }
  const allLines = lines.concat(returns).sort((a, b) => a.ts - b.ts);

  const truth: SampleTruth = {
    start,
    end,
    droppedOut: new Map(sim.map((c) => [c.id, c.droppedOut])),
    lambda: new Map(sim.map((c) => [c.id, c.lambda])),
    p: new Map(sim.map((c) => [c.id, c.p])),
    community: new Map(sim.map((c) => [c.id, c.community])),
    complements: new Map(
      catalogue.map((it) => [it.product.id, it.complements.map((j) => catalogue[j].product.id)])
    )
  };
  return {
    shop: {
      customers: sim.map((c) => c.profile),
      products: catalogue.map((it) => it.product),
      orders: allLines,
      interactions,
      relationships
    },
    truth
  };
}

/** A realistic shop (customers, catalogue, order lines, support messages, referral network). */
export function generateSampleShop(opts: SampleShopOptions = {}): SampleShop {
  return generateSampleShopWithTruth(opts).shop;
}
