// A small synthetic intent set: each intent has its own words, mixed with shared filler, in
// English and Chinese. Deterministic for a seed.
import { seededRandom } from '../../../src/lib/core/evaluate/splits';

const INTENTS: Record<string, { en: string[]; zh: string[] }> = {
  refund: { en: ['refund', 'money back', 'return the item'], zh: ['退款', '退钱', '退货'] },
  delivery: { en: ['where is my parcel', 'delivery late', 'tracking number'], zh: ['快递', '物流', '还没到'] }, // prettier-ignore
  password: { en: ['reset my password', 'cannot log in', 'forgot password'], zh: ['密码', '登录不了', '忘记密码'] }, // prettier-ignore
  address: { en: ['change my address', 'new address', 'moved house'], zh: ['修改地址', '新地址', '搬家'] } // prettier-ignore
};
const FILLER = { en: ['hello', 'please help', 'thanks', 'hi team', 'urgent', ''], zh: ['你好', '请帮忙', '谢谢', '麻烦了', ''] }; // prettier-ignore

export const SYNTHETIC_INTENTS = Object.keys(INTENTS).sort();

export function syntheticMessages(n: number, seed: number): { texts: string[]; labels: string[] } {
  const rand = seededRandom(seed);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const intent = SYNTHETIC_INTENTS[i % SYNTHETIC_INTENTS.length];
    const lang = rand() < 0.5 ? 'en' : 'zh';
    const sep = lang === 'en' ? ' ' : '';
    texts.push([pick(FILLER[lang]), pick(INTENTS[intent][lang]), pick(FILLER[lang])].join(sep).trim()); // prettier-ignore
    labels.push(intent);
  }
  return { texts, labels };
}
