// Word lists for customer profiles: cities with their country, phone format and how many
// customers there write Chinese names; English and Chinese given and family names.

export interface City {
  en: string;
  country: string;
  /** International dialling code and local number length. */
  dial: string;
  digits: number;
  /** Relative share of the customer base. */
  weight: number;
  /** Share of customers in the city with a Chinese name (and who mostly write in Chinese). */
  zhShare: number;
}

export const CITIES: readonly City[] = [
  { en: 'Hong Kong', country: 'Hong Kong', dial: '+852', digits: 8, weight: 18, zhShare: 0.75 },
  { en: 'Shanghai', country: 'China', dial: '+86', digits: 11, weight: 12, zhShare: 0.95 },
  { en: 'Shenzhen', country: 'China', dial: '+86', digits: 11, weight: 8, zhShare: 0.95 },
  { en: 'Beijing', country: 'China', dial: '+86', digits: 11, weight: 7, zhShare: 0.95 },
  { en: 'Taipei', country: 'Taiwan', dial: '+886', digits: 9, weight: 7, zhShare: 0.9 },
  { en: 'Singapore', country: 'Singapore', dial: '+65', digits: 8, weight: 12, zhShare: 0.6 },
  { en: 'Kuala Lumpur', country: 'Malaysia', dial: '+60', digits: 9, weight: 6, zhShare: 0.5 },
  { en: 'London', country: 'United Kingdom', dial: '+44', digits: 10, weight: 10, zhShare: 0.12 },
  {
    en: 'Manchester',
    country: 'United Kingdom',
    dial: '+44',
    digits: 10,
    weight: 4,
    zhShare: 0.08
  },
  { en: 'Sydney', country: 'Australia', dial: '+61', digits: 9, weight: 6, zhShare: 0.2 },
  { en: 'Vancouver', country: 'Canada', dial: '+1', digits: 10, weight: 5, zhShare: 0.35 },
  { en: 'San Francisco', country: 'United States', dial: '+1', digits: 10, weight: 5, zhShare: 0.2 }
];

export const EN_GIVEN: readonly string[] = [
  'Olivia',
  'Emma',
  'Amelia',
  'Sophie',
  'Grace',
  'Chloe',
  'Emily',
  'Hannah',
  'Lucy',
  'Zoe',
  'Mia',
  'Ella',
  'Ruby',
  'Alice',
  'Laura',
  'Rachel',
  'Jessica',
  'Sarah',
  'Kate',
  'Anna',
  'Oliver',
  'Jack',
  'Harry',
  'George',
  'Noah',
  'Leo',
  'James',
  'William',
  'Thomas',
  'Daniel',
  'Samuel',
  'Lucas',
  'Henry',
  'Adam',
  'Ryan',
  'David',
  'Michael',
  'Ben',
  'Ethan',
  'Max'
];

export const EN_FAMILY: readonly string[] = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Lewis',
  'Harris',
  'Martin',
  'Cooper',
  'King',
  'Lee',
  'Baker',
  'Allen',
  'Young',
  'Hughes',
  'Scott',
  'Turner',
  'Hill',
  'Moore',
  'Kelly',
  'Murphy',
  'Singh',
  'Nguyen',
  'Garcia'
];

/** Chinese family names with their pinyin (for e-mail addresses). */
export const ZH_FAMILY: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['邓', 'deng'],
  ['冯', 'feng'],
  ['韩', 'han'],
  ['曹', 'cao']
];

/** Characters for Chinese given names (one or two of them), with pinyin. */
export const ZH_GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['桂', 'gui'],
  ['英', 'ying'],
  ['华', 'hua'],
  ['玲', 'ling'],
  ['婷', 'ting'],
  ['欣', 'xin'],
  ['宇', 'yu'],
  ['浩', 'hao'],
  ['晨', 'chen'],
  ['嘉', 'jia'],
  ['怡', 'yi'],
  ['子', 'zi'],
  ['思', 'si'],
  ['雨', 'yu'],
  ['博', 'bo']
];

export const EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'hotmail.com',
  'qq.com',
  '163.com',
  'proton.me'
];

export const AGE_BANDS: readonly string[] = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
export const AGE_WEIGHTS: readonly number[] = [14, 30, 25, 16, 10, 5];
