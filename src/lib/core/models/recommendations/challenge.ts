// The recommendations' challenger (core/models/challenge.ts runs it): the latest accepted and
// rejected offers are the new version's feedback (accepted ones are purchases in its training
// parts, rejected ones are demoted). Held out: each customer's latest orders (the protocol's test
// part, orders only), as the chosen model fitted on the training part ranked them, less every
// customer with an accepted or rejected offer; the champion ranks from the same training part.
// The figure is each customer's NDCG@10.
import { ndcgAtK } from '../../evaluate/ranking';
import type { Challenger, HeldOut } from '../family';
import type { RecommendDataset, RecommendOptions } from './dataset';
import { recommendAll } from './evaluate';
import { feedbackPairs, type FeedbackEntry } from './feedback';
import { itemsOf } from './interactions';
import type { RecommendModel } from './model';
import { K, type RecommendHeldOut, type RecommendReport } from './train';

export const recommendChallenger: Challenger<
  RecommendOptions,
  RecommendDataset,
  RecommendModel,
  RecommendReport
> = {
  withFeedback(base, feedback) {
    const { feedback: _old, ...rest } = base;
    const pairs = feedbackPairs(feedback as unknown as FeedbackEntry[]);
    return pairs.accepted.length || pairs.rejected.length ? { ...rest, feedback: pairs } : rest;
  },
  async heldOut({ champion, challenger, data }): Promise<HeldOut> {
    const held = challenger.heldOut as RecommendHeldOut;
    const fb = data.options.feedback ?? { accepted: [], rejected: [] };
    const told = new Set([...fb.accepted, ...fb.rejected].map(([c]) => c));
    const rows = held.users.map((u, r) => ({ u, r })).filter(({ u }) => !told.has(data.log.users[u])); // prettier-ignore
    const h = champion.histories({ ...data, log: { ...data.log, history: held.train } });
    const theirs = await recommendAll(
      champion.recommender,
      h,
      rows.map(({ u }) => u),
      K
    );
    const out: HeldOut = { kind: 'mean', metric: 'ndcg@10', champion: [], challenger: [] };
    rows.forEach(({ u, r }, i) => {
      const relevant = Array.from(itemsOf(held.test, u), (x) => data.log.items[x]);
      out.challenger.push(
        ndcgAtK(
          held.lists[r].map((x) => data.log.items[x]),
          relevant,
          K
        )
      );
      out.champion.push(
        ndcgAtK(
          theirs[i].map((x) => champion.items[x]),
          relevant,
          K
        )
      );
    });
    return out;
  }
};
