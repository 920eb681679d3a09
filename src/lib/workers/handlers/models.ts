// Model handlers: every family's handlers from the one factory (workers/families.ts).
import { churnRisk } from '../../core/models/churn';
import { lifetimeValue } from '../../core/models/clv/family';
import { customerSegments } from '../../core/models/segments/family';
import { customerMap } from '../../core/models/customerMap';
import { syntheticData } from '../../core/models/syntheticData';
import { networksHandlers, type NetworksHandlers } from './networks';
import { familyHandlers, mergeHandlers, type FamilyHandlers } from '../families';
import { modelRuntime } from '../runtime';

export interface ModelsHandlers
  extends
    FamilyHandlers<typeof churnRisk>,
    FamilyHandlers<typeof lifetimeValue>,
    FamilyHandlers<typeof customerSegments>,
    FamilyHandlers<typeof customerMap>,
    FamilyHandlers<typeof syntheticData>,
    NetworksHandlers {}

export const modelsHandlers: ModelsHandlers = mergeHandlers(
  familyHandlers(churnRisk, modelRuntime),
  familyHandlers(lifetimeValue, modelRuntime),
  familyHandlers(customerSegments, modelRuntime),
  familyHandlers(customerMap, modelRuntime),
  familyHandlers(syntheticData, modelRuntime),
  networksHandlers
);
