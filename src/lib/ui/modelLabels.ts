// The labels every model page hands to the shared progress panel and stale notice, from the
// models catalogue: one place, so the pages do not each spell them out.
import { t } from '$lib/i18n/index.svelte';

export const progressLabels = () => ({
  cancel: t('models.cancel'),
  rate: t('models.rate'),
  eta: t('models.eta'),
  elapsed: t('models.elapsed'),
  progress: t('models.progress')
});

export const staleLabels = () => ({
  changed: t('models.stale.changed'),
  removed: t('models.stale.removed'),
  legacy: t('models.legacy'),
  retrain: t('models.stale.retrain')
});
