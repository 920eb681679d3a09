// What the inbox asks besides train / results / scores: the message list with intent,
// sentiment and the customer's churn risk and value; queues by intent; suggested replies; intent
// corrections and reply ratings (feedback); training with the corrections; the FAQ.
import type { TextClassifier } from '../learners/text/classifier';
import type { FamilyEnv } from '../runtime';
import { cleanFaq, loadFaq, parseFaqCsv, saveFaq, type FaqEntry } from '../replies/faq';
import { ReplyIndex, type Suggestion } from '../replies/retrieve';
import type { IntentOptions } from './dataset';
import { addFeedback, corrections, replyRatings } from './feedback';

export interface InboxRow {
  id: string;
  customerId: string;
  customerName: string;
  ts: number;
  channel: string;
  text: string;
  label: string | null;
  intent: string | null;
  confidence: number | null;
  unsure: boolean;
  sentiment: string | null;
  sentimentScore: number | null;
  churnRisk: number | null;
  value: number | null;
}

export interface InboxPage {
  total: number;
  rows: InboxRow[];
  /** Messages per predicted intent ('unsure' for those routed to a person). */
  queues: { intent: string; count: number }[];
  modelId: string | null;
}

export const UNSURE_QUEUE = '__unsure__';

let replyCache: { key: string; index: ReplyIndex } | null = null;

async function replyIndex(env: FamilyEnv): Promise<ReplyIndex> {
  const rt = env.runtime;
  const active = await rt.active<TextClassifier>(env.family);
  const inputs = await rt.inputs();
  const faq = await loadFaq(rt.db);
  const key = `${active?.version.id}|${inputs.interactions.length}|${JSON.stringify(faq)}`;
  if (replyCache?.key === key) return replyCache.index;
  const model = active?.model ?? null;
  const index = new ReplyIndex(
    [
      ...faq.map((f) => ({
        source: 'faq' as const,
        id: f.id,
        question: f.question,
        answer: f.answer
      })),
      ...inputs.interactions
        .filter((m) => m.reply?.trim() && m.text?.trim())
        .map((m) => ({ source: 'past' as const, id: m.id, question: m.text, answer: m.reply! }))
    ],
    model?.neural ? (t) => model.embed(t) : null
  );
  replyCache = { key, index };
  return index;
}

export const intentActions = {
  async inbox(
    env: FamilyEnv,
    args: { queue?: string; offset?: number; limit?: number } | undefined
  ): Promise<InboxPage> {
    const rt = env.runtime;
    const inputs = await rt.inputs();
    const page = await rt.scores(env.family, { limit: Number.MAX_SAFE_INTEGER });
    const scores = new Map(page.rows.map((s) => [s.entityId, s]));
    const [sentiment, churn, clv] = await Promise.all(['sentiment', 'churn', 'clv'].map((f) => rt.activeScoreMap(f))); // prettier-ignore
    const names = new Map(inputs.customers.map((c) => [c.id, c.name ?? '']));
    let rows: InboxRow[] = inputs.interactions
      .filter((m) => m.text?.trim())
      .map((m) => {
        const s = scores.get(m.id);
        const se = sentiment.get(m.id);
        return {
          id: m.id,
          customerId: m.customerId,
          customerName: names.get(m.customerId) ?? '',
          ts: m.ts,
          channel: m.channel,
          text: m.text,
          label: m.label ?? null,
          intent: (s?.detail?.intent as string) ?? null,
          confidence: s?.value ?? null,
          unsure: !!s?.detail?.unsure,
          sentiment: (se?.detail?.sentiment as string) ?? null,
          sentimentScore: se?.value ?? null,
          churnRisk: churn.get(m.customerId)?.value ?? null,
          value: clv.get(m.customerId)?.value ?? null
        };
      });
    const counts = new Map<string, number>();
    for (const r of rows) {
      const q = r.unsure ? UNSURE_QUEUE : r.intent;
      if (q) counts.set(q, (counts.get(q) ?? 0) + 1);
    }
    const q = args?.queue;
    if (q) rows = rows.filter((r) => (q === UNSURE_QUEUE ? r.unsure : !r.unsure && r.intent === q));
    rows.sort((a, b) => b.ts - a.ts || (a.id < b.id ? -1 : 1));
    const offset = args?.offset ?? 0;
    return {
      total: rows.length,
      rows: rows.slice(offset, offset + (args?.limit ?? 50)),
      queues: [...counts]
        .map(([intent, count]) => ({ intent, count }))
        .sort((a, b) => b.count - a.count),
      modelId: page.modelId
    };
  },

  /** The best three replies for a message: FAQ answers and past replies, re-ranked by ratings. */
  async suggest(env: FamilyEnv, args: { id: string; k?: number }): Promise<Suggestion[]> {
    const inputs = await env.runtime.inputs();
    const m = inputs.interactions.find((x) => x.id === args.id);
    if (!m) return [];
    const ratings = await replyRatings(env.runtime.db);
    // Laplace-smoothed helpful rate: 1 without ratings, towards 2 (helpful) or 0 (not).
    const factor = (s: Suggestion) => {
      const r = ratings.get(s.answer.trim());
      return r ? (2 * (r.up + 1)) / (r.up + r.down + 2) : 1;
    };
    const k = args.k ?? 3;
    return (await replyIndex(env))
      .suggest(m.text, k * 3, m.id)
      .sort((a, b) => b.score * factor(b) - a.score * factor(a))
      .slice(0, k);
  },

  async correct(env: FamilyEnv, args: { id: string; intent: string }): Promise<void> {
    const m = (await env.runtime.inputs()).interactions.find((x) => x.id === args.id);
    if (!m) throw new Error(`no message "${args.id}"`);
    await addFeedback(env.runtime.db, { customerId: m.customerId, messageId: m.id, signal: 'intent', value: args.intent.trim() }); // prettier-ignore
  },

  async rate(
    env: FamilyEnv,
    args: { id: string; answer: string; helpful: boolean }
  ): Promise<void> {
    const m = (await env.runtime.inputs()).interactions.find((x) => x.id === args.id);
    if (!m) throw new Error(`no message "${args.id}"`);
    await addFeedback(env.runtime.db, { customerId: m.customerId, messageId: m.id, signal: 'reply', value: args.helpful ? 1 : 0, answer: args.answer }); // prettier-ignore
  },

  /** Train with the user's intent corrections as labels. */
  async retrain(env: FamilyEnv, options: IntentOptions | undefined) {
    const fixes = await corrections(env.runtime.db);
    return env.runtime.train(env.family, { ...options, corrections: fixes }, { signal: env.signal, progress: env.progress }); // prettier-ignore
  },

  async corrections(env: FamilyEnv): Promise<Record<string, string>> {
    return corrections(env.runtime.db);
  },

  async faq(env: FamilyEnv): Promise<FaqEntry[]> {
    return loadFaq(env.runtime.db);
  },

  async saveFaq(env: FamilyEnv, args: { entries: Partial<FaqEntry>[] }): Promise<FaqEntry[]> {
    return saveFaq(env.runtime.db, args.entries);
  },

  /** Add the entries of a question/answer CSV to the FAQ. */
  async importFaq(env: FamilyEnv, args: { bytes: Uint8Array; fileName: string }) {
    const { entries, rejected } = await parseFaqCsv(args.bytes, args.fileName);
    const old = await loadFaq(env.runtime.db);
    const saved = await saveFaq(env.runtime.db, cleanFaq([...old, ...entries]));
    return { added: saved.length - old.length, entries: saved, rejected: rejected.slice(0, 20) };
  }
};
