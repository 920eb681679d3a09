// Normalising the fields people type differently in each channel, before any comparison:
// e-mail (case; dots and +tags where the provider ignores them), phone numbers to E.164 with a
// default country (libphonenumber-js), names (case, accents, full-width forms; Han characters and
// Latin/pinyin kept side by side), addresses, postcodes and dates of birth.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * NFKC folds full-width letters, digits and spaces (Ｗａｎｇ, １３８) to their plain forms; then
 * lower case and accents dropped (José → jose, Müller → muller). Han characters are kept.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

const HAN = /\p{Script=Han}/u;

/** A name as comparable forms: `latin` (lower case, no accents or punctuation), `han` (Han only). */
export interface NameForms {
  latin: string;
  han: string;
}

/**
 * "  Wáng  Xiǎo-Míng 王小明 " → { latin: "wang xiao ming", han: "王小明" }. Separators (middle
 * dots, hyphens, commas, apostrophes, full-width spaces) become single spaces in the Latin form;
 * the Han form drops spaces ("王 小明" and "王小明" are the same name).
 */
export function nameForms(raw: string | undefined | null): NameForms {
  if (!raw) return { latin: '', han: '' };
  const s = foldText(raw);
  let latin = '';
  let han = '';
  for (const ch of s) {
    if (HAN.test(ch)) han += ch;
    else if (/[\p{L}\p{N}]/u.test(ch)) latin += ch;
    else latin += ' ';
  }
  return { latin: latin.replace(/\s+/g, ' ').trim(), han };
}

/** The single comparable form of a name: the Latin form when there is one, else the Han form. */
export function normaliseName(raw: string | undefined | null): string {
  const f = nameForms(raw);
  return f.latin || f.han;
}

// Providers that deliver "first.last+shop@" to "firstlast@" (dots) or drop "+tag" (plus).
const IGNORE_DOTS = new Set(['gmail.com', 'googlemail.com']);
const IGNORE_PLUS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com',
  'me.com', 'fastmail.com', 'proton.me', 'protonmail.com', 'qq.com', '163.com', '126.com'
]); // prettier-ignore
const DOMAIN_ALIAS: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/** The address mail is delivered to, or '' when the value is not an e-mail address. */
export function normaliseEmail(raw: string | undefined | null): string {
  if (!raw) return '';
  const s = raw
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '')
    .replace(/\s+/g, '');
  const at = s.lastIndexOf('@');
  if (at < 1 || at === s.length - 1) return '';
  let local = s.slice(0, at);
  let domain = s.slice(at + 1).replace(/\.+$/, '');
  if (!/^[^@\s]+\.[a-z\p{L}]{2,}$/u.test(domain)) return '';
  domain = DOMAIN_ALIAS[domain] ?? domain;
  if (IGNORE_PLUS.has(domain)) local = local.replace(/\+.*$/, '');
  if (IGNORE_DOTS.has(domain)) local = local.replace(/\./g, '');
  return local ? `${local}@${domain}` : '';
}

/**
 * A phone number in E.164 (+8613800138000), read with `country` as the default for national
 * forms; '' when it is not a possible number. Full-width digits and 00-prefixes are understood.
 */
export function normalisePhone(
  raw: string | undefined | null,
  country: CountryCode = 'CN'
): string {
  if (!raw) return '';
  const s = raw
    .normalize('NFKC')
    .trim()
    .replace(/^00(?=\d)/, '+');
  if (!/\d/.test(s)) return '';
  const p = parsePhoneNumberFromString(s, country);
  return p && p.isPossible() ? p.number : '';
}

// Common street-type abbreviations, expanded so "12 Smith St." equals "12 smith street".
const STREET: Record<string, string> = {
  st: 'street', str: 'street', rd: 'road', ave: 'avenue', av: 'avenue', dr: 'drive',
  ln: 'lane', ct: 'court', cres: 'crescent', cr: 'crescent', pl: 'place', blvd: 'boulevard',
  hwy: 'highway', cct: 'circuit', tce: 'terrace', sq: 'square', pde: 'parade', apt: 'apartment'
}; // prettier-ignore

/** An address line: folded, punctuation to spaces, street types expanded, Han kept. */
export function normaliseAddress(raw: string | undefined | null): string {
  if (!raw) return '';
  return foldText(raw)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((w) => STREET[w] ?? w)
    .join(' ');
}

/** A postcode without spaces or dashes, upper case ("sw1a 1aa" → "SW1A1AA"). */
export function normalisePostcode(raw: string | undefined | null): string {
  if (!raw) return '';
  return raw
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/** Digits only (identity numbers, street numbers): full-width folded, separators dropped. */
export function normaliseCode(raw: string | undefined | null): string {
  if (!raw) return '';
  return raw
    .normalize('NFKC')
    .replace(/[\s./-]+/g, '')
    .toLowerCase();
}

const pad = (n: number) => String(n).padStart(2, '0');
function ymd(y: number, m: number, d: number): string {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return '';
  return `${y}${pad(m)}${pad(d)}`;
}

/**
 * A date of birth as YYYYMMDD: 19560409, 1956-04-09, 1956/4/9, 1956年4月9日, 9/4/1956 (day first
 * unless the first number cannot be a day... i.e. month first only when the second is > 12).
 * Eight digits that do not form a date are kept as they are (they still compare by edit distance).
 */
export function normaliseDob(raw: string | undefined | null): string {
  if (!raw) return '';
  const s = raw.normalize('NFKC').trim();
  if (!s) return '';
  if (/^\d{8}$/.test(s)) return s;
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    return b > 12 && a <= 12 ? ymd(+m[3], a, b) : ymd(+m[3], b, a);
  }
  return '';
}
