// Generated customers with known duplicates, for the bench's scale run (100,000 customers, 10%
// of them entered a second time with the typos, missing fields and format changes of a second
// channel). Seeded: the same call gives the same records.
import { Rng } from '../../sample/rng';
import type { FieldKey } from './fields';

const SYL = [
  'an',
  'be',
  'ca',
  'da',
  'el',
  'fa',
  'gi',
  'ha',
  'is',
  'jo',
  'ka',
  'li',
  'ma',
  'ne',
  'ol',
  'pa',
  'qu',
  'ro',
  'sa',
  'ti',
  'ul',
  'va',
  'wi',
  'xi',
  'ya',
  'zo',
  'mar',
  'len',
  'ton',
  'ric',
  'son',
  'bel',
  'den',
  'ley'
];
const STREETS = ['street', 'road', 'avenue', 'lane', 'place', 'drive', 'court', 'crescent'];
const DOMAINS = ['gmail.com', 'qq.com', '163.com', 'outlook.com', 'example.com', 'yahoo.com'];

export interface GeneratedPerson {
  id: string;
  entity: string;
  raw: Partial<Record<FieldKey, string>>;
}

function word(rng: Rng, min: number, max: number): string {
  const k = min + Math.floor(rng.next() * (max - min + 1));
  let s = '';
  for (let i = 0; i < k; i++) s += SYL[Math.floor(rng.next() * SYL.length)];
  return s;
}

function typo(rng: Rng, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + Math.floor(rng.next() * (s.length - 2));
  const r = rng.next();
  if (r < 0.33) return s.slice(0, i) + s.slice(i + 1); // drop
  if (r < 0.66) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // swap
  return s.slice(0, i) + SYL[Math.floor(rng.next() * SYL.length)][0] + s.slice(i + 1); // replace
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function generatePeople(n: number, duplicateShare = 0.1, seed = 7): GeneratedPerson[] {
  const rng = new Rng(seed);
  const originals = Math.round(n / (1 + duplicateShare));
  const out: GeneratedPerson[] = [];
  const people: Partial<Record<FieldKey, string>>[] = [];
  for (let e = 0; e < originals; e++) {
    const given = word(rng, 1, 3);
    const surname = word(rng, 1, 3);
    const y = 1940 + Math.floor(rng.next() * 65);
    const m = 1 + Math.floor(rng.next() * 12);
    const d = 1 + Math.floor(rng.next() * 28);
    const raw: Partial<Record<FieldKey, string>> = {
      given: cap(given),
      surname: cap(surname),
      email: rng.next() < 0.7 ? `${given}.${surname}${Math.floor(rng.next() * 100)}@${DOMAINS[Math.floor(rng.next() * DOMAINS.length)]}` : '', // prettier-ignore
      phone: rng.next() < 0.8 ? `13${String(Math.floor(rng.next() * 1e9)).padStart(9, '0')}` : '',
      streetNumber: String(1 + Math.floor(rng.next() * 300)),
      address1: `${word(rng, 2, 3)} ${STREETS[Math.floor(rng.next() * STREETS.length)]}`,
      city: word(rng, 2, 2),
      postcode: String(100000 + Math.floor(rng.next() * 5000)),
      dob:
        rng.next() < 0.8 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : ''
    };
    people.push(raw);
    out.push({ id: `c${e}`, entity: String(e), raw });
  }
  for (let k = 0; out.length < n; k++) {
    const e = Math.floor(rng.next() * originals);
    const raw = { ...people[e] };
    // A second channel's entry: two or three fields changed, dropped or re-formatted.
    const edits = 2 + Math.floor(rng.next() * 2);
    for (let t = 0; t < edits; t++) {
      const r = rng.next();
      if (r < 0.2) raw.given = typo(rng, raw.given ?? '');
      else if (r < 0.35) raw.surname = typo(rng, raw.surname ?? '');
      else if (r < 0.5) raw.email = '';
      else if (r < 0.6 && raw.phone)
        raw.phone = `+86 ${raw.phone.slice(0, 3)} ${raw.phone.slice(3, 7)} ${raw.phone.slice(7)}`; // prettier-ignore
      else if (r < 0.7) raw.phone = '';
      else if (r < 0.8) raw.address1 = typo(rng, raw.address1 ?? '');
      else if (r < 0.9 && raw.dob) raw.dob = raw.dob.replace(/-/g, '/');
      else raw.postcode = typo(rng, raw.postcode ?? '');
    }
    out.push({ id: `d${k}`, entity: String(e), raw });
  }
  return out;
}
