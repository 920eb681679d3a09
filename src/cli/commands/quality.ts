// `npm run rapport -- quality [--customers c.csv] [--orders o.csv] [--interactions i.csv]
//    [--country CN]`
// The data-quality report the app shows, on files read through the app's import code: per table
// and column, missing values, invalid e-mails, phones and dates, outliers of amounts and
// quantities (robust z-score and Tukey's fences) with the most extreme rows.
import type { CountryCode } from 'libphonenumber-js/min';
import { qualityReport } from '../../lib/core/clean/quality';
import { UsageError } from '../args';
import { readInputs, str, type Args } from '../files';

export async function run(args: Args) {
  const files = {
    customers: str(args, 'customers'),
    orders: str(args, 'orders'),
    interactions: str(args, 'interactions')
  };
  if (!files.customers && !files.orders && !files.interactions)
    throw new UsageError('usage: rapport quality [--customers c.csv] [--orders o.csv] [--interactions i.csv]'); // prettier-ignore
  const { inputs, files: read } = await readInputs(files);
  const country = (str(args, 'country') ?? 'CN').toUpperCase() as CountryCode;
  return { files: read, ...qualityReport(inputs, country) };
}
