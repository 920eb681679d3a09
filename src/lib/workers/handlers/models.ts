// Model handlers: every family's handlers from the one factory (workers/families.ts).
import { churnRisk } from '../../core/models/churn';
import { lifetimeValue } from '../../core/models/clv/family';
import { customerSegments } from '../../core/models/segments/family';
import { intentRouting } from '../../core/models/intents';
import { sentimentModel } from '../../core/models/sentiment';
import { recommendations } from '../../core/models/recommendations/family';
import { boughtTogether } from '../../core/models/boughtTogether/family';
import { likelyLinks, socialGraph } from '../../core/models/socialGraph';
import { customerMap } from '../../core/models/customerMap';
import { syntheticData } from '../../core/models/syntheticData';
import { networksHandlers, type NetworksHandlers } from './networks';
import { duplicateCustomers } from '../../core/models/duplicates/family';
import { identityHandlers, type IdentityHandlers } from './identity';
import { familyHandlers, mergeHandlers, type FamilyHandlers } from '../families';
import { modelRuntime } from '../runtime';

export interface ModelsHandlers
  extends
    FamilyHandlers<typeof churnRisk>,
    FamilyHandlers<typeof lifetimeValue>,
    FamilyHandlers<typeof customerSegments>,
    FamilyHandlers<typeof intentRouting>,
    FamilyHandlers<typeof sentimentModel>,
    FamilyHandlers<typeof recommendations>,
    FamilyHandlers<typeof boughtTogether>,
    FamilyHandlers<typeof socialGraph>,
    FamilyHandlers<typeof likelyLinks>,
    FamilyHandlers<typeof customerMap>,
    FamilyHandlers<typeof syntheticData>,
    NetworksHandlers,
    FamilyHandlers<typeof duplicateCustomers>,
    IdentityHandlers {}

export const modelsHandlers: ModelsHandlers = mergeHandlers(
  familyHandlers(churnRisk, modelRuntime),
  familyHandlers(lifetimeValue, modelRuntime),
  familyHandlers(customerSegments, modelRuntime),
  familyHandlers(intentRouting, modelRuntime),
  familyHandlers(sentimentModel, modelRuntime),
  familyHandlers(recommendations, modelRuntime),
  familyHandlers(boughtTogether, modelRuntime),
  familyHandlers(socialGraph, modelRuntime),
  familyHandlers(likelyLinks, modelRuntime),
  familyHandlers(customerMap, modelRuntime),
  familyHandlers(syntheticData, modelRuntime),
  networksHandlers,
  familyHandlers(duplicateCustomers, modelRuntime),
  identityHandlers
);
