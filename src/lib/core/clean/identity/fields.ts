// The fields identity resolution compares, how each is normalised and how two values are
// compared into a few agreement levels (Fellegi–Sunter comparison vectors, as in Splink):
// level 0 is "disagree", higher levels are closer agreement, MISSING when either side is empty.
import type { CountryCode } from 'libphonenumber-js/min';
import {
  nameForms,
  normaliseAddress,
  normaliseCode,
  normaliseDob,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostcode
} from './normalise';
import { jaroWinkler, levenshtein, tokenOverlap } from './similarity';

export const FIELDS = [
  'given', 'surname', 'name', 'email', 'phone', 'streetNumber', 'address1', 'address2',
  'city', 'postcode', 'state', 'dob', 'idNumber'
] as const; // prettier-ignore
export type FieldKey = (typeof FIELDS)[number];
export const FIELD_INDEX = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FieldKey, number>; // prettier-ignore

/** A level meaning "one side has no value": it carries no evidence either way. */
export const MISSING = 255;

/** One record, normalised: `values[FIELD_INDEX[f]]` ('' when absent). */
export interface IdentityRecord {
  id: string;
  /** Which file or channel it came from (link mode compares across sources only). */
  source: number;
  values: string[];
}

/** Column names (any case, spaces/underscores ignored) that feed each field. */
const COLUMN_PATTERNS: [RegExp, FieldKey][] = [
  [/^(given(name)?|first(name)?|forename|名|名字)$/, 'given'],
  [/^(surname|last(name)?|family(name)?|姓|姓氏)$/, 'surname'],
  [/^(name|fullname|customername|contact(name)?|姓名|客户名称|客户)$/, 'name'],
  [/^(e?mail|emailaddress|邮箱|电子邮件)$/, 'email'],
  [/^(phone|mobile|tel|telephone|phonenumber|cell|手机|电话|手机号)$/, 'phone'],
  [/^(streetnumber|streetno|houseno|housenumber)$/, 'streetNumber'],
  [/^(address|address1|addressline1|street|地址)$/, 'address1'],
  [/^(address2|addressline2)$/, 'address2'],
  [/^(city|suburb|town|城市)$/, 'city'],
  [/^(postcode|postalcode|zip|zipcode|邮编)$/, 'postcode'],
  [/^(state|province|region|省|省份)$/, 'state'],
  [/^(dob|dateofbirth|birthdate|birthday|生日|出生日期)$/, 'dob'],
  [/^(socsecid|ssn|idnumber|nationalid|身份证|身份证号)$/, 'idNumber']
];

/** The field a column feeds, or null. */
export function fieldOfColumn(column: string): FieldKey | null {
  const c = column
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
  for (const [re, f] of COLUMN_PATTERNS) if (re.test(c)) return f;
  return null;
}

const SEP = '\u0001';

/** Normalise raw values by field into an IdentityRecord. */
export function makeRecord(
  id: string,
  source: number,
  raw: Partial<Record<FieldKey, string | undefined | null>>,
  country: CountryCode = 'CN'
): IdentityRecord {
  const v = new Array<string>(FIELDS.length).fill('');
  const set = (f: FieldKey, s: string) => (v[FIELD_INDEX[f]] = s);
  set('given', normaliseName(raw.given));
  set('surname', normaliseName(raw.surname));
  if (raw.name) {
    const f = nameForms(raw.name);
    // Latin tokens sorted, so "Wang Xiaoming" and "Xiaoming Wang" compare equal; Han kept beside.
    const latin = f.latin.split(' ').filter(Boolean).sort().join(' ');
    if (latin || f.han) set('name', latin + SEP + f.han);
  }
  set('email', normaliseEmail(raw.email));
  set('phone', normalisePhone(raw.phone, country));
  set('streetNumber', normaliseCode(raw.streetNumber));
  set('address1', normaliseAddress(raw.address1));
  set('address2', normaliseAddress(raw.address2));
  set('city', normaliseAddress(raw.city));
  set('postcode', normalisePostcode(raw.postcode));
  set('state', normaliseAddress(raw.state));
  set('dob', normaliseDob(raw.dob));
  set('idNumber', normaliseCode(raw.idNumber));
  return { id, source, values: v };
}

/** How two non-empty normalised values of one field compare: a level in [0, levels). */
export interface Comparison {
  levels: number;
  /** Labels of the levels, from "disagree" (0) up (the page translates them). */
  labels: string[];
  compare(a: string, b: string): number;
}

const jwLevels = (hi: number, lo: number): Comparison => ({
  levels: 4,
  labels: ['different', 'similar', 'close', 'exact'],
  compare(a, b) {
    if (a === b) return 3;
    const s = jaroWinkler(a, b);
    return s >= hi ? 2 : s >= lo ? 1 : 0;
  }
});

const exactOnly: Comparison = { levels: 2, labels: ['different', 'exact'], compare: (a, b) => (a === b ? 1 : 0) }; // prettier-ignore

const editLevels = (...maxEdits: number[]): Comparison => ({
  levels: maxEdits.length + 2,
  labels: ['different', ...maxEdits.map((k) => `edit${k}`).reverse(), 'exact'],
  compare(a, b) {
    if (a === b) return maxEdits.length + 1;
    const d = levenshtein(a, b, Math.max(...maxEdits));
    let level = 0;
    maxEdits.forEach((k, i) => {
      if (d <= k && level === 0) level = maxEdits.length - i;
    });
    return level;
  }
});

const fullName: Comparison = {
  levels: 4,
  labels: ['different', 'similar', 'close', 'exact'],
  compare(a, b) {
    const [la, ha] = a.split(SEP);
    const [lb, hb] = b.split(SEP);
    let best = 0;
    if (la && lb) {
      if (la === lb) return 3;
      const s = jaroWinkler(la, lb);
      best = tokenOverlap(la, lb) >= 0.5 || s >= 0.92 ? 2 : s >= 0.8 ? 1 : 0;
    }
    if (ha && hb) {
      if (ha === hb) return 3;
      if (levenshtein(ha, hb, 1) <= 1 && Math.min(ha.length, hb.length) >= 2)
        best = Math.max(best, 2);
    }
    return best;
  }
};

// Dates of birth: exact, one typo or day/month swapped, two typos, else different.
const dob: Comparison = {
  levels: 4,
  labels: ['different', 'edit2', 'edit1', 'exact'],
  compare(a, b) {
    if (a === b) return 3;
    const swapped =
      a.length === 8 && b.length === 8 && a.slice(0, 4) + a.slice(6) + a.slice(4, 6) === b;
    const d = levenshtein(a, b, 2);
    return d <= 1 || swapped ? 2 : d <= 2 ? 1 : 0;
  }
};

const email: Comparison = {
  levels: 3,
  labels: ['different', 'similar', 'exact'],
  compare(a, b) {
    if (a === b) return 2;
    return levenshtein(a, b, 1) <= 1 ? 1 : 0;
  }
};

const phone: Comparison = {
  levels: 3,
  labels: ['different', 'similar', 'exact'],
  compare(a, b) {
    if (a === b) return 2;
    // Same subscriber number under another country code, or one mistyped digit.
    return a.slice(-8) === b.slice(-8) || levenshtein(a, b, 1) <= 1 ? 1 : 0;
  }
};

/** The comparison of each field, by FIELD_INDEX. */
export const COMPARISONS: Comparison[] = FIELDS.map((f) => {
  switch (f) {
    case 'given':
    case 'surname':
      return jwLevels(0.92, 0.8);
    case 'name':
      return fullName;
    case 'email':
      return email;
    case 'phone':
      return phone;
    case 'streetNumber':
      return editLevels(1);
    case 'address1':
    case 'address2':
      return jwLevels(0.9, 0.75);
    case 'city':
      return jwLevels(0.92, 0.8);
    case 'postcode':
      return editLevels(1);
    case 'state':
      return exactOnly;
    case 'dob':
      return dob;
    case 'idNumber':
      return editLevels(1, 2);
  }
});

/** Which fields any record of a set has values for (only those are compared). */
export function presentFields(records: readonly IdentityRecord[]): number[] {
  const out: number[] = [];
  for (let f = 0; f < FIELDS.length; f++) if (records.some((r) => r.values[f] !== '')) out.push(f);
  return out;
}

/** The comparison vector of two records over `fields`, written into `out`. */
export function compareRecords(
  a: IdentityRecord,
  b: IdentityRecord,
  fields: readonly number[],
  out: Uint8Array,
  offset = 0
): void {
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k];
    const x = a.values[f];
    const y = b.values[f];
    out[offset + k] = x === '' || y === '' ? MISSING : COMPARISONS[f].compare(x, y);
  }
}
