// The customer map and anomaly alerts as a model family (see README.md): a tabular VAE whose
// 2-D latent means place every customer on a map and whose reconstruction probability flags
// the unusual ones, with the columns that make them so. Scores keyed by customer: value = the
// anomaly score, detail = { x, y, unusual }.
import { checkAborted, type ModelFamily, type ScoreRow, type TrainContext } from '../family';
import type { DataInputs } from '../inputs';
import type { SavedModel } from '../model';
import { TABLE_NEEDS, tableRows } from './table';
import { mapActions } from './actions';
import { mapDataset, type MapDataset, type MapOptions } from './dataset';
import { MapModel, type CustomerPoint } from './model';
import { trainMap, type MapReport } from './train';

export interface MapExplanation extends CustomerPoint {
  id: string;
  threshold: number;
}

export const customerMap = {
  id: 'customerMap',
  needs: TABLE_NEEDS,
  entity: 'customer',
  usesTf: true,
  dataset: (inputs: DataInputs, o: MapOptions) => mapDataset(inputs, o),
  train: (ds: MapDataset, ctx: TrainContext) => trainMap(ds, ctx),
  async score(model: MapModel, ds: MapDataset, ctx: TrainContext): Promise<ScoreRow[]> {
    checkAborted(ctx.signal);
    return model.points(ds.table).map((p, i) => ({
      entityKind: 'customer',
      entityId: ds.table.ids[i],
      item: '',
      value: p.score,
      detail: { x: p.x, y: p.y, unusual: p.unusual }
    }));
  },
  explain(model: MapModel, ds: MapDataset, id: string): MapExplanation | null {
    const row = ds.table.ids.indexOf(id);
    if (row < 0) return null;
    const p = model.points(tableRows(ds.table, [row]), 8)[0];
    return { id, threshold: model.threshold, ...p };
  },
  save: (m: MapModel): SavedModel => m.toJSON(),
  load: (saved: SavedModel) => MapModel.fromJSON(saved),
  dispose: (m: MapModel) => m.dispose(),
  actions: mapActions
} as const satisfies ModelFamily<
  MapOptions,
  MapDataset,
  MapModel,
  MapReport,
  MapReport,
  MapExplanation,
  typeof mapActions
>;
