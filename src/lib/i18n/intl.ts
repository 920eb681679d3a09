// Intl formatters, built once per locale tag and options: building one costs far more than
// using it (a table of a few hundred figures would otherwise build a few hundred), and the
// first one a page builds loads ICU's data. The UI's formatters (ui/format.ts) and the
// catalogue's (translate.ts) share these.
const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();

const keyOf = (tag: string, opts: object | undefined) => (opts ? tag + JSON.stringify(opts) : tag);

export function numberFormat(tag: string, opts?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = keyOf(tag, opts);
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(tag, opts)));
  return f;
}

export function dateTimeFormat(
  tag: string,
  opts?: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
  const key = keyOf(tag, opts);
  let f = dates.get(key);
  if (!f) dates.set(key, (f = new Intl.DateTimeFormat(tag, opts)));
  return f;
}
