// Public face of the lifetime-value models, named by the customer-facing idea.
import { DAY_MS } from './summarise';
import {
  fitLifetimeValue,
  LifetimeValueModel,
  type CustomerForecast,
  type CustomerRfm,
  type LifetimeValueOptions
} from './lifetimeValue';

export { fitLifetimeValue, LifetimeValueModel };
export type { CustomerForecast, CustomerRfm, LifetimeValueOptions };
export { summariseTransactions, DAY_MS } from './summarise';
export type { CustomerSummary, Transaction, SummariseOptions } from './summarise';
export type { BgNbdParams } from './bgnbd';
export type { GammaGammaParams } from './gammaGamma';

/** P(the customer is still active) at the model's calibration end. */
export function probabilityAlive(model: LifetimeValueModel, customer: CustomerRfm): number {
  return model.probabilityAlive(customer);
}

/**
 * Date (epoch ms) by which the customer has a 50% chance of having bought again, counted from
 * the model's calibration end; null when that is not within `horizonDays`.
 */
export function nextPurchaseDate(
  model: LifetimeValueModel,
  customer: CustomerRfm,
  horizonDays = 365
): number | null {
  const [f] = model.predict([customer], horizonDays);
  return f.nextPurchaseInDays === null
    ? null
    : model.calibrationEnd + f.nextPurchaseInDays * DAY_MS;
}

/** Lifetime value forecasts (with 90% credible interval) over the next `horizonDays` days. */
export function customerLifetimeValue(
  model: LifetimeValueModel,
  customers: CustomerRfm[],
  horizonDays = 365
): CustomerForecast[] {
  return model.predict(customers, horizonDays);
}
