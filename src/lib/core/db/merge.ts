// Upsert rules: how an incoming record combines with the stored one of the same id.
import type { AttributeValue, Customer, Product } from '../types';
import type { NewCustomer, NewProduct } from '../ingest/sink';

/**
 * Fields the incoming record defines win; fields it leaves undefined keep their stored value
 * (a customer export from a second channel does not erase the e-mail the first one gave).
 * Attributes merge key by key the same way.
 */
export function mergeRecord<T extends { attributes: Record<string, AttributeValue> }>(
  prev: T | undefined,
  next: Partial<T> & { attributes?: Record<string, AttributeValue> }
): T {
  const out = { ...(prev ?? {}) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(next)) {
    if (v !== undefined && k !== 'attributes') out[k] = v;
  }
  out.attributes = { ...(prev?.attributes ?? {}), ...(next.attributes ?? {}) };
  return out as T;
}

export const mergeCustomer = (prev: Customer | undefined, next: NewCustomer): Customer =>
  mergeRecord<Customer>(prev, next);

export const mergeProduct = (prev: Product | undefined, next: NewProduct): Product =>
  mergeRecord<Product>(prev, next);
