// The product catalogue: ~200 products in 10 categories, log-normal prices per category,
// Zipf-like popularity and "bought together" complements (tea with teapots, pens with notebooks).
import type { NewProduct } from '../ingest/sink';
import type { Rng } from './rng';

interface CategorySpec {
  en: string;
  zh: string;
  /** Median price; prices are log-normal around it with sigma 0.45. */
  median: number;
  nouns: readonly (readonly [string, string])[];
  styles: readonly (readonly [string, string])[];
  /** Category whose products complement this one's (bought in the same order). */
  goesWith: string;
}

const CATEGORIES: readonly CategorySpec[] = [
  {
    en: 'Tea',
    zh: '茶叶',
    median: 14,
    goesWith: 'Kitchen',
    nouns: [
      ['Green Tea', '绿茶'],
      ['Oolong', '乌龙茶'],
      ['Black Tea', '红茶'],
      ['Pu-erh', '普洱'],
      ['White Tea', '白茶'],
      ['Jasmine Tea', '茉莉花茶']
    ],
    styles: [
      ['Spring', '春季'],
      ['Mountain', '高山'],
      ['Organic', '有机'],
      ['Classic', '经典']
    ]
  },
  {
    en: 'Coffee',
    zh: '咖啡',
    median: 16,
    goesWith: 'Kitchen',
    nouns: [
      ['Espresso Beans', '意式咖啡豆'],
      ['Drip Bags', '挂耳咖啡'],
      ['Cold Brew', '冷萃咖啡'],
      ['Ground Coffee', '咖啡粉'],
      ['Instant Coffee', '速溶咖啡']
    ],
    styles: [
      ['Yunnan', '云南'],
      ['Ethiopian', '埃塞俄比亚'],
      ['Dark Roast', '深烘'],
      ['Light Roast', '浅烘']
    ]
  },
  {
    en: 'Kitchen',
    zh: '厨具',
    median: 24,
    goesWith: 'Tea',
    nouns: [
      ['Teapot', '茶壶'],
      ['Mug', '马克杯'],
      ['Pour-over Kettle', '手冲壶'],
      ['Tea Cups', '茶杯'],
      ['Coffee Grinder', '磨豆机'],
      ['Infuser', '滤茶器']
    ],
    styles: [
      ['Ceramic', '陶瓷'],
      ['Glass', '玻璃'],
      ['Bamboo', '竹制'],
      ['Steel', '不锈钢']
    ]
  },
  {
    en: 'Snacks',
    zh: '零食',
    median: 6,
    goesWith: 'Tea',
    nouns: [
      ['Almond Cookies', '杏仁饼'],
      ['Mooncake', '月饼'],
      ['Dried Mango', '芒果干'],
      ['Rice Crackers', '米饼'],
      ['Egg Rolls', '蛋卷']
    ],
    styles: [
      ['Classic', '经典'],
      ['Spicy', '香辣'],
      ['Honey', '蜂蜜'],
      ['Sesame', '芝麻']
    ]
  },
  {
    en: 'Stationery',
    zh: '文具',
    median: 7,
    goesWith: 'Stationery',
    nouns: [
      ['Notebook', '笔记本'],
      ['Gel Pen Set', '中性笔套装'],
      ['Fountain Pen', '钢笔'],
      ['Washi Tape', '和纸胶带'],
      ['Planner', '日程本'],
      ['Ink Bottle', '墨水']
    ],
    styles: [
      ['Kraft', '牛皮纸'],
      ['Pastel', '马卡龙色'],
      ['Minimal', '简约'],
      ['Vintage', '复古']
    ]
  },
  {
    en: 'Bags',
    zh: '箱包',
    median: 42,
    goesWith: 'Electronics',
    nouns: [
      ['Tote Bag', '托特包'],
      ['Backpack', '双肩包'],
      ['Laptop Sleeve', '电脑内胆包'],
      ['Crossbody Bag', '斜挎包'],
      ['Pouch', '收纳包']
    ],
    styles: [
      ['Canvas', '帆布'],
      ['Leather', '皮革'],
      ['Nylon', '尼龙'],
      ['Waterproof', '防水']
    ]
  },
  {
    en: 'Electronics',
    zh: '电子配件',
    median: 32,
    goesWith: 'Bags',
    nouns: [
      ['Power Bank', '充电宝'],
      ['USB-C Cable', '数据线'],
      ['Wireless Earbuds', '无线耳机'],
      ['Phone Stand', '手机支架'],
      ['Desk Lamp', '台灯']
    ],
    styles: [
      ['Compact', '迷你'],
      ['Fast-charge', '快充'],
      ['Pro', '专业版'],
      ['Travel', '旅行']
    ]
  },
  {
    en: 'Beauty',
    zh: '美妆',
    median: 19,
    goesWith: 'Beauty',
    nouns: [
      ['Face Mask', '面膜'],
      ['Hand Cream', '护手霜'],
      ['Lip Balm', '润唇膏'],
      ['Serum', '精华液'],
      ['Sunscreen', '防晒霜'],
      ['Cleanser', '洁面乳']
    ],
    styles: [
      ['Rose', '玫瑰'],
      ['Green Tea', '绿茶'],
      ['Hydrating', '保湿'],
      ['Sensitive', '敏感肌']
    ]
  },
  {
    en: 'Home',
    zh: '家居',
    median: 28,
    goesWith: 'Home',
    nouns: [
      ['Scented Candle', '香薰蜡烛'],
      ['Cushion Cover', '抱枕套'],
      ['Vase', '花瓶'],
      ['Throw Blanket', '毛毯'],
      ['Photo Frame', '相框']
    ],
    styles: [
      ['Linen', '亚麻'],
      ['Nordic', '北欧'],
      ['Sandalwood', '檀香'],
      ['Hand-made', '手工']
    ]
  },
  {
    en: 'Toys',
    zh: '玩具',
    median: 17,
    goesWith: 'Stationery',
    nouns: [
      ['Puzzle', '拼图'],
      ['Plush Panda', '熊猫公仔'],
      ['Building Blocks', '积木'],
      ['Kite', '风筝'],
      ['Board Game', '桌游']
    ],
    styles: [
      ['Mini', '迷你'],
      ['Deluxe', '豪华'],
      ['Classic', '经典'],
      ['Wooden', '木制']
    ]
  }
];

const BRANDS: readonly string[] = [
  'Lotus & Co',
  'Harbour',
  'Jade Hill',
  'Northwind',
  'Mingtian',
  'Paper Crane',
  'Kumo'
];

export interface CatalogueItem {
  product: NewProduct;
  categoryIndex: number;
  /** Popularity weight (Zipf, exponent 1, over a random order of the products). */
  popularity: number;
  /** Indices of products bought together with this one. */
  complements: number[];
}

export const CATEGORY_COUNT = CATEGORIES.length;

/** About `perCategory` products per category, ids P0001... in category order. */
export function buildCatalogue(rng: Rng, perCategory = 20): CatalogueItem[] {
  const items: CatalogueItem[] = [];
  const byCategory: number[][] = CATEGORIES.map(() => []);
  CATEGORIES.forEach((cat, ci) => {
    const seen = new Set<string>();
    for (let k = 0; k < perCategory; k++) {
      const noun = cat.nouns[k % cat.nouns.length];
      let style = rng.pick(cat.styles);
      for (let t = 0; t < 8 && seen.has(style[0] + noun[0]); t++) style = rng.pick(cat.styles);
      let en = `${style[0]} ${noun[0]}`;
      let zh = `${style[1]}${noun[1]}`;
      // Sizes tell apart the few products that share a style and a noun.
      if (seen.has(style[0] + noun[0])) {
        const size = rng.pick(['S', 'M', 'L', 'XL']);
        en += ` (${size})`;
        zh += `（${size}）`;
      }
      seen.add(style[0] + noun[0]);
      const price = Math.max(
        0.9,
        Math.round(rng.logNormal(Math.log(cat.median), 0.45) * 10) / 10 - 0.1
      );
      const id = `P${String(items.length + 1).padStart(4, '0')}`;
      byCategory[ci].push(items.length);
      items.push({
        product: {
          id,
          name: en,
          category: cat.en,
          price: Math.round(price * 100) / 100,
          attributes: { name_zh: zh, category_zh: cat.zh, brand: rng.pick(BRANDS) }
        },
        categoryIndex: ci,
        popularity: 0,
        complements: []
      });
    }
  });
  // Zipf popularity over a random permutation: a few best-sellers, a long tail.
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.forEach((idx, rank) => (items[idx].popularity = 1 / (rank + 1)));
  // One or two complements per product, from the category it goes with.
  for (let i = 0; i < items.length; i++) {
    const target = CATEGORIES.findIndex(
      (c) => c.en === CATEGORIES[items[i].categoryIndex].goesWith
    );
    const pool = byCategory[target].filter((j) => j !== i);
    const n = rng.bool(0.5) ? 2 : 1;
    while (items[i].complements.length < n) {
      const j = rng.pick(pool);
      if (!items[i].complements.includes(j)) items[i].complements.push(j);
    }
  }
  return items;
}
