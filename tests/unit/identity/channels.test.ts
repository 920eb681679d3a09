// The multi-channel view on the two-channel fixture, before and after merging one person.
import { describe, expect, it } from 'vitest';
import { mergeCustomers } from '../../../src/lib/core/db';
import { loadInputs } from '../../../src/lib/core/models/inputs';
import { channelSummary, customerChannels } from '../../../src/lib/core/features/channelView';
import { newDb } from '../db/helpers';
import { importInto } from '../models/helpers';
import { beginImport } from '../../../src/lib/core/db';

const fx = (f: string) => new URL(`../../fixtures/identity/${f}`, import.meta.url);

describe('multi-channel view', () => {
  it('counts channels per customer and their overlap; a merge joins the channels', async () => {
    const db = newDb('channels');
    await importInto(db, fx('shop-customers.csv'), 'customers');
    // The POS export, tagged with its own channel as the Import page does it.
    const { importFile, chunked, previewBytes } = await import('../../../src/lib/core/ingest');
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(fx('pos-customers.csv')));
    const mapping = previewBytes(bytes, 'customers', true).mapping;
    await importFile(chunked(bytes), { fileName: 'pos-customers.csv', kind: 'customers', channel: 'pos', mapping }, (o) => beginImport(db, o)); // prettier-ignore
    await importInto(db, fx('orders.csv'), 'orders');

    const before = channelSummary(await loadInputs(db));
    expect(before.channels.map((c) => c.channel)).toEqual(['pos', 'shop']);
    // Orders are all in the shop channel: POS-only customers gain "shop" from their orders.
    const s = before.channels.find((c) => c.channel === 'shop')!;
    expect(s.customers).toBe(66);
    expect(before.overlap[0][1]).toBe(33);
    expect(before.overlap[0][1]).toBe(before.overlap[1][0]);
    const orders = (await loadInputs(db)).orders;
    const revenue = orders.reduce((a, o) => a + (!o.cancelled || o.quantity < 0 ? o.quantity * o.unitPrice : 0), 0); // prettier-ignore
    expect(s.revenue).toBeCloseTo(revenue, 6);

    await mergeCustomers(db, { ids: ['S031', 'P031'], keep: 'S031' });
    const after = await loadInputs(db);
    const wang = customerChannels(after).get('S031')!;
    expect(wang.channels.map((c) => c.channel)).toEqual(['pos', 'shop']);
    expect(wang.channels.find((c) => c.channel === 'shop')!.orders).toBe(
      new Set(orders.filter((o) => o.customerId === 'S031' || o.customerId === 'P031').map((o) => o.orderId)).size // prettier-ignore
    );
    expect(channelSummary(after).customers).toBe(65);
  });
});
