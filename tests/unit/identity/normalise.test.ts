import { describe, expect, it } from 'vitest';
import {
  nameForms,
  normaliseAddress,
  normaliseDob,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normalisePostcode
} from '../../../src/lib/core/clean/identity/normalise';
import { makeRecord, COMPARISONS, FIELD_INDEX } from '../../../src/lib/core/clean/identity/fields';
import {
  jaroWinkler,
  levenshtein,
  tokenOverlap
} from '../../../src/lib/core/clean/identity/similarity';

describe('e-mail', () => {
  it('folds case, spaces and the dots and +tags a provider ignores', () => {
    expect(normaliseEmail(' Jane.Doe+Shop@GMail.com ')).toBe('janedoe@gmail.com');
    expect(normaliseEmail('jane.doe@googlemail.com')).toBe('janedoe@gmail.com');
    expect(normaliseEmail('mailto:Li.Wei+vip@QQ.com')).toBe('li.wei@qq.com');
    // Dots matter at other providers; +tags are kept where the provider does not strip them.
    expect(normaliseEmail('jane.doe@example.com')).toBe('jane.doe@example.com');
    expect(normaliseEmail('jane+x@example.com')).toBe('jane+x@example.com');
    // Full-width forms typed on a Chinese keyboard.
    expect(normaliseEmail('ｗａｎｇ＠１６３．ｃｏｍ')).toBe('wang@163.com');
  });
  it('refuses what is not an address', () => {
    for (const v of ['', 'n/a', 'jane@', '@gmail.com', 'jane@localhost', 'jane at gmail.com'])
      expect(normaliseEmail(v)).toBe('');
  });
});

describe('phone', () => {
  it('writes Chinese mobile numbers in E.164 however they are typed', () => {
    const want = '+8613800138000';
    for (const v of [
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '0086 13800138000',
      '１３８００１３８０００',
      '(+86)138.0013.8000'
    ])
      expect(normalisePhone(v, 'CN'), v).toBe(want);
  });
  it('reads national forms with the default country and keeps foreign numbers', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalisePhone('0412 345 678', 'AU')).toBe('+61412345678');
    expect(normalisePhone('+1 (415) 555-2671', 'CN')).toBe('+14155552671');
  });
  it('gives nothing for values that cannot be numbers', () => {
    for (const v of ['', 'none', '555', '12']) expect(normalisePhone(v, 'CN')).toBe('');
  });
});

describe('names', () => {
  it('folds accents, case, punctuation and full-width letters', () => {
    expect(normaliseName('  José  Müller-Lüdenscheidt ')).toBe('jose muller ludenscheidt');
    expect(normaliseName('Ｗａｎｇ　Ｗｅｉ')).toBe('wang wei');
    expect(normaliseName("O'Brien")).toBe('o brien');
    expect(normaliseName('Wáng Xiǎomíng')).toBe('wang xiaoming');
  });
  it('keeps the Han form and the pinyin side by side', () => {
    expect(nameForms('王小明 Wang Xiaoming')).toEqual({ latin: 'wang xiaoming', han: '王小明' });
    expect(nameForms('王 小明')).toEqual({ latin: '', han: '王小明' });
    expect(normaliseName('王 小明')).toBe('王小明');
  });
  it('compares full names by either script and in either order', () => {
    const cmp = COMPARISONS[FIELD_INDEX.name];
    const v = (s: string) => makeRecord('x', 0, { name: s }).values[FIELD_INDEX.name];
    expect(cmp.compare(v('Wang Xiaoming'), v('Xiaoming WANG'))).toBe(3);
    expect(cmp.compare(v('王小明'), v('王小明 Wang Xiaoming'))).toBe(3);
    expect(cmp.compare(v('王小明'), v('李小明'))).toBeLessThan(3);
    expect(cmp.compare(v('Li Wei'), v('Zhang Min'))).toBe(0);
  });
});

describe('addresses, postcodes, dates of birth', () => {
  it('expands street types and drops punctuation', () => {
    expect(normaliseAddress('12 Smith St.')).toBe('12 smith street');
    expect(normaliseAddress('12, SMITH  street')).toBe('12 smith street');
    expect(normaliseAddress('北京市朝阳区 建国路８８号')).toBe('北京市朝阳区 建国路88号');
  });
  it('writes postcodes without spaces', () => {
    expect(normalisePostcode('sw1a 1aa')).toBe('SW1A1AA');
    expect(normalisePostcode('１０００２０')).toBe('100020');
  });
  it('reads dates of birth in the common layouts', () => {
    for (const v of [
      '19560409',
      '1956-04-09',
      '1956/4/9',
      '1956年4月9日',
      '09/04/1956',
      '9.4.1956'
    ])
      expect(normaliseDob(v), v).toBe('19560409');
    expect(normaliseDob('04/25/1956')).toBe('19560425');
    expect(normaliseDob('1956-13-01')).toBe('');
    expect(normaliseDob('unknown')).toBe('');
  });
});

describe('similarity', () => {
  it('Jaro-Winkler matches the published examples', () => {
    // Winkler's examples (also in the Python jellyfish and recordlinkage test suites).
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
  it('Levenshtein counts edits and stops past its limit', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(levenshtein('19560409', '19650409')).toBe(2);
    expect(tokenOverlap('wang xiao ming', 'ming wang')).toBeCloseTo(2 / 3);
  });
});
