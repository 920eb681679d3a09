// Model handlers: every family's handlers from the one factory (workers/families.ts).
import { churnRisk } from '../../core/models/churn';
import { lifetimeValue } from '../../core/models/clv/family';
import { customerSegments } from '../../core/models/segments/family';
import { duplicateCustomers } from '../../core/models/duplicates/family';
import { identityHandlers, type IdentityHandlers } from './identity';
import { familyHandlers, mergeHandlers, type FamilyHandlers } from '../families';
import { modelRuntime } from '../runtime';

export interface ModelsHandlers
  extends
    FamilyHandlers<typeof churnRisk>,
    FamilyHandlers<typeof lifetimeValue>,
    FamilyHandlers<typeof customerSegments>,
    FamilyHandlers<typeof duplicateCustomers>,
    IdentityHandlers {}

export const modelsHandlers: ModelsHandlers = mergeHandlers(
  familyHandlers(churnRisk, modelRuntime),
  familyHandlers(lifetimeValue, modelRuntime),
  familyHandlers(customerSegments, modelRuntime),
  familyHandlers(duplicateCustomers, modelRuntime),
  identityHandlers
);
