// The sentiment baseline used when no message carries a sentiment label: a small hand-written
// lexicon of English and Chinese opinion words in the spirit of Hu & Liu's opinion lexicon
// (KDD 2004) and HowNet's sentiment word lists (Dong & Dong), with negation ("not good",
// "不满意") flipping the next opinion word. No list is downloaded; these few hundred words are
// the ones support messages about orders, delivery and refunds use. score in -1..1.
import { normaliseText } from '../../text/normalise';
import { tokenise } from '../../text/tokenise';

const EN_POS =
  'good great excellent love loved lovely happy pleased glad thanks thank thankful appreciate appreciated perfect amazing awesome fantastic wonderful nice fast quick helpful recommend satisfied best fine beautiful easy smooth friendly brilliant superb enjoy enjoyed works worked resolved solved well kind impressed';
const EN_NEG =
  'bad terrible awful horrible poor worst hate hated angry annoyed upset disappointed disappointing broken damaged defective faulty late delay delayed slow missing wrong lost never refund useless rude unacceptable problem issue complaint cancel cancelled fraud scam stolen declined failed fail failure error stuck charged overcharged dirty noisy expensive waste worse unhappy frustrated frustrating ridiculous';
const EN_NEGATION = new Set([
  'not',
  'no',
  'never',
  'dont',
  'don',
  'didn',
  'doesn',
  'isn',
  'wasn',
  'cannot',
  'cant',
  'won',
  'without',
  'hardly'
]);
const ZH_POS =
  '好 很好 不错 满意 喜欢 感谢 谢谢 棒 赞 优秀 完美 方便 快 及时 舒适 干净 热情 周到 推荐 划算 实惠 值得 漂亮 安静 温馨 贴心 高兴 开心 超值 宽敞 friendly';
const ZH_NEG =
  '差 很差 太差 失望 糟糕 难吃 慢 脏 吵 坏 破 损坏 退款 投诉 生气 不满 垃圾 骗 欺骗 问题 错误 延迟 迟到 丢失 贵 冷漠 恶劣 后悔 麻烦 退货 取消 烂 臭 旧 简陋 态度差 不好 不行';
const ZH_NEGATION = ['不', '没', '没有', '别', '未', '无'];

const set = (s: string) => new Set(s.split(' ').filter(Boolean));
const enPos = set(EN_POS);
const enNeg = set(EN_NEG);
const zhWords =
  [...[...set(ZH_POS)].map((w) => [w, 1] as const), ...[...set(ZH_NEG)].map((w) => [w, -1] as const)] // prettier-ignore
    .filter(([w]) => /\p{Script=Han}/u.test(w))
    // Longest first, so "很差" is taken before "差".
    .sort((a, b) => b[0].length - a[0].length);

export interface LexiconScore {
  score: number;
  positive: number;
  negative: number;
}

/** Opinion words in Han runs, longest match first, negated by a negation word just before. */
function zhCounts(run: string): number[] {
  const found: number[] = [];
  let i = 0;
  while (i < run.length) {
    const hit = zhWords.find(([w]) => run.startsWith(w, i));
    if (!hit) {
      i++;
      continue;
    }
    const before = run.slice(Math.max(0, i - 2), i);
    const negated = ZH_NEGATION.some((n) => before.endsWith(n)) && !hit[0].startsWith('不');
    found.push(negated ? -hit[1] : hit[1]);
    i += hit[0].length;
  }
  return found;
}

export function lexiconSentiment(text: string): LexiconScore {
  const { words, hanRuns } = tokenise(normaliseText(text));
  const marks: number[] = [];
  let negate = 0;
  for (const w of words) {
    if (w.han) continue;
    const t = w.text.replace(/'/g, '');
    if (EN_NEGATION.has(t) || t.endsWith('nt')) {
      negate = 2;
      continue;
    }
    const p = enPos.has(t) ? 1 : enNeg.has(t) ? -1 : 0;
    if (p) marks.push(negate > 0 ? -p : p);
    negate = Math.max(0, negate - 1);
  }
  for (const run of hanRuns) marks.push(...zhCounts(run));
  const positive = marks.filter((m) => m > 0).length;
  const negative = marks.length - positive;
  // (pos − neg) / (pos + neg + 1): a word or two gives a mild score, many agree → near ±1.
  return { score: (positive - negative) / (positive + negative + 1), positive, negative };
}
