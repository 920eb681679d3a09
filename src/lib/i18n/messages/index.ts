// Catalogue registry: one file per area, one line each here. Keys are used as `area.key`,
// e.g. t('shell.nav.home'). Every area must have the same keys in en and zh (unit-tested).
import shell from './shell';
import home from './home';
import settings from './settings';
import importArea from './import';
import customers from './customers';
import models from './models';
import inbox from './inbox';
import recommend from './recommend';
import graph from './graph';
import generative from './generative';
import privacy from './privacy';
import feedback from './feedback';
import duplicates from './duplicates';
import quality from './quality';
import features from './features';
import everyday from './everyday';
import daily from './daily';
import access from './access';

export const catalogues = {
  shell,
  home,
  settings,
  import: importArea,
  customers,
  models,
  inbox,
  recommend,
  graph,
  generative,
  privacy,
  feedback,
  duplicates,
  quality,
  features,
  everyday,
  daily,
  access
};
