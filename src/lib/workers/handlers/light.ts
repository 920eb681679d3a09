// Model handlers served before tfjs has loaded: a page's first questions that only read data.
// The churn page asks what the label will be and for the feature table before anything else;
// answering them without first evaluating tfjs (about 3 MB in this worker, a second on a phone)
// draws the page's setup that much sooner. Each entry is the family's own action under its own
// name (families.ts lightActionHandlers); a test checks that this module never reaches tfjs.
import { CHURN_ID, churnActions } from '../../core/models/churn/actions';
import { lightActionHandlers } from '../families';
import { modelRuntime } from '../runtime';

export const lightHandlers = lightActionHandlers(
  CHURN_ID,
  churnActions,
  ['label', 'features'],
  modelRuntime
);
