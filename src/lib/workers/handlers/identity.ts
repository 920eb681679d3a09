// Duplicate customers: find (train the matcher with the user's answers), the review list,
// merge (one cluster or all above a threshold), split, dismiss, the merge journal and undo.
// Thin: the work is in core/clean/identity, core/models/duplicates and core/db/merges.
import {
  applyFix,
  applyLineFix,
  LINE_COLUMNS,
  type LineColumn,
  listFixes,
  undoFix,
  type FixAction,
  type FixInfo,
  listMerges,
  mergeCustomers,
  recordAnswers,
  undoMerge,
  type MergeInfo,
  type Survivorship
} from '../../core/db';
import {
  duplicatesReview,
  findDuplicates,
  matchImport,
  type DuplicatesReview,
  type ImportMatches
} from '../../core/models/duplicates/afterImport';
import type { TrainSummary } from '../../core/models/runtime';
import { outliers, qualityReport, type QualityReport } from '../../core/clean/quality';
import { channelSummary, type ChannelSummary } from '../../core/features/channelView';
import { dataChanged, getDb } from '../db';
import type { Handler, TaskContext } from '../protocol';
import { modelRuntime } from '../runtime';

export type { DuplicatesReview, ImportMatches };

export interface IdentityHandlers {
  'duplicates.find': Handler<{ threshold?: number; country?: string } | undefined, TrainSummary>;
  'duplicates.review': Handler<undefined, DuplicatesReview>;
  'duplicates.matchImport': Handler<{ fileName: string; mergeAbove?: number }, ImportMatches>;
  'duplicates.merge': Handler<{ ids: string[]; keep?: string; rule?: Survivorship; priority?: string[]; score?: number }, MergeInfo>; // prettier-ignore
  'duplicates.mergeAbove': Handler<{ threshold: number; rule?: Survivorship; priority?: string[] }, MergeInfo[]>; // prettier-ignore
  'duplicates.dismiss': Handler<{ pairs: { a: string; b: string }[] }, void>;
  'duplicates.merges': Handler<undefined, MergeInfo[]>;
  'duplicates.undo': Handler<{ id: number }, MergeInfo[]>;
  'quality.report': Handler<
    { country?: string } | undefined,
    QualityReport & { duplicates: { groups: number; records: number } | null }
  >;
  'quality.channels': Handler<undefined, ChannelSummary>;
  'quality.fix': Handler<{ column: string; action: FixAction; table?: 'customers' | 'orders' }, FixInfo>; // prettier-ignore
  'quality.fixes': Handler<undefined, FixInfo[]>;
  'quality.undoFix': Handler<{ id: number }, FixInfo[]>;
}

function forward(ctx: TaskContext) {
  return (p: { done: number; total: number; phase?: string }) =>
    ctx.progress({ done: p.done, total: p.total, message: p.phase });
}

const review = (): Promise<DuplicatesReview> => duplicatesReview(modelRuntime(), getDb());

export const identityHandlers: IdentityHandlers = {
  'duplicates.find': (args, ctx) =>
    findDuplicates(modelRuntime(), getDb(), args ?? {}, { signal: ctx.signal, progress: forward(ctx) }), // prettier-ignore
  'duplicates.review': () => review(),
  'duplicates.matchImport': async ({ fileName, mergeAbove }, ctx) => {
    try {
      return await matchImport(modelRuntime(), getDb(), fileName, { signal: ctx.signal, progress: forward(ctx) }, { mergeAbove }); // prettier-ignore
    } finally {
      if (mergeAbove !== undefined) dataChanged();
    }
  },
  'duplicates.merge': async (args) => {
    try {
      return await mergeCustomers(getDb(), args);
    } finally {
      dataChanged();
    }
  },
  'duplicates.mergeAbove': async ({ threshold, rule, priority }, ctx) => {
    const groups = (await review()).groups.filter((g) => !g.possible && g.minScore >= threshold);
    const out: MergeInfo[] = [];
    try {
      for (const [i, g] of groups.entries()) {
        if (ctx.signal.aborted) break;
        out.push(await mergeCustomers(getDb(), { ids: g.members.map((m) => m.id), rule, priority, score: g.minScore })); // prettier-ignore
        ctx.progress({ done: i + 1, total: groups.length });
      }
    } finally {
      dataChanged();
    }
    return out;
  },
  'duplicates.dismiss': async ({ pairs }) => {
    await recordAnswers(
      getDb(),
      pairs.map((p) => ({ ...p, same: false }))
    );
  },
  'duplicates.merges': () => listMerges(getDb()),
  'duplicates.undo': async ({ id }) => {
    try {
      await undoMerge(getDb(), id);
    } finally {
      dataChanged();
    }
    return listMerges(getDb());
  },
  'quality.report': async (args) => {
    const report = qualityReport(await modelRuntime().inputs(), (args?.country ?? 'CN') as 'CN');
    // Duplicates found: the suggested groups of the last look (none when never looked).
    const r = await review();
    const groups = r.groups.filter((g) => !g.possible);
    const duplicates = r.report
      ? { groups: groups.length, records: groups.reduce((s, g) => s + g.members.length, 0) }
      : null;
    return { ...report, duplicates };
  },
  'quality.channels': async () => channelSummary(await modelRuntime().inputs()),
  'quality.fix': async ({ column, action, table }) => {
    if (table === 'orders') {
      if (action === 'impute' || !LINE_COLUMNS.includes(column as LineColumn))
        throw new Error(`No ${action} fix for order-line column "${column}"`);
      // The lines the report flags (either outlier rule), every one of them.
      const select = (v: Float64Array) => {
        const hit = new Set(outliers(v, String, Infinity).flagged.map((f) => Number(f.id)));
        return Array.from(v, (_, i) => hit.has(i));
      };
      try {
        return await applyLineFix(getDb(), column as LineColumn, action, select);
      } finally {
        dataChanged();
      }
    }
    let flagged: string[] | undefined;
    if (action === 'mark') {
      // Every row the report flags in this column (either outlier rule), not only the first 20.
      const cs = (await modelRuntime().inputs()).customers;
      const v = cs.map((c) => { const x = c.attributes?.[column]; return typeof x === 'number' ? x : NaN; }); // prettier-ignore
      flagged = outliers(v, (i) => cs[i].id, Infinity).flagged.map((f) => f.id);
    }
    try {
      return await applyFix(getDb(), column, action, flagged);
    } finally {
      dataChanged();
    }
  },
  'quality.fixes': () => listFixes(getDb()),
  'quality.undoFix': async ({ id }) => {
    try {
      await undoFix(getDb(), id);
    } finally {
      dataChanged();
    }
    return listFixes(getDb());
  }
};
