// A whole-file problem in the user's language: `import.refused.<code>` (binary files:
// `import.refused.binary.<what>`), prefixed with the file and row; the English message when the
// catalogue has no entry for the code.
import type { Refusal } from '$lib/workers/handlers/data';
import { t, type MessageKey } from '$lib/i18n/index.svelte';

export function refusalText(r: Refusal): string {
  const key = (
    r.code === 'binary' ? `import.refused.binary.${r.params.what}` : `import.refused.${r.code}`
  ) as MessageKey;
  const problem = t(key, r.params);
  if (r.code === 'other' || problem === key) return r.message;
  return r.row !== undefined
    ? t('import.refused.whereRow', { file: r.file, row: r.row, problem })
    : t('import.refused.where', { file: r.file, problem });
}
