// What the graph page asks of the likely-connections family: the suggested pairs of the active
// version with both customers' names and the reason, for everyone or for one customer; pairs
// whose customers are no longer in the graph (an undone import) are left out.
import type { FamilyEnv } from '../runtime';
import { scoresOf } from '../registry';
import type { GraphDataset } from './dataset';

export interface SuggestedLink {
  id: string;
  name: string;
  other: string;
  otherName: string;
  probability: number;
  /** Contacts they share, and the names of up to three of them. */
  shared: number;
  via: string[];
  sameCommunity: boolean | null;
}

export interface SuggestionPage {
  total: number;
  rows: SuggestedLink[];
  modelId: string | null;
}

export const linksActions = {
  async suggestions(
    env: FamilyEnv,
    args: { id?: string; offset?: number; limit?: number } | undefined
  ): Promise<SuggestionPage> {
    const rt = env.runtime;
    const v = await rt.version(env.family);
    if (!v) return { total: 0, rows: [], modelId: null };
    let ds: GraphDataset;
    try {
      ds = (await rt.dataset(env.family, v.options as never)) as GraphDataset;
    } catch {
      return { total: 0, rows: [], modelId: v.id };
    }
    const present = new Set(ds.graph.ids);
    const names = new Map(ds.inputs.customers.map((c) => [c.id, c.name?.trim() || c.id]));
    const name = (id: string) => names.get(id) ?? id;
    const rows = (await scoresOf(rt.db, v.id, 'customer-customer'))
      .filter((s) => present.has(s.entityId) && present.has(s.item))
      .filter((s) => !args?.id || s.entityId === args.id)
      .sort((a, b) => b.value - a.value || (a.entityId < b.entityId ? -1 : 1));
    const offset = args?.offset ?? 0;
    return {
      total: rows.length,
      modelId: v.id,
      rows: rows.slice(offset, offset + (args?.limit ?? 20)).map((s) => {
        const d = (s.detail ?? {}) as { shared?: number; via?: string[]; sameCommunity?: boolean | null }; // prettier-ignore
        return {
          id: s.entityId,
          name: name(s.entityId),
          other: s.item,
          otherName: name(s.item),
          probability: s.value,
          shared: d.shared ?? 0,
          via: (d.via ?? []).map(name),
          sameCommunity: d.sameCommunity ?? null
        };
      })
    };
  }
};
