// Row errors in words: core reports a code and parameters (RowError), the page says it in the
// user's language and the CLI in English, both from the catalogue (`import.rowError.<code>`).
import type { RowError } from '../core/types';
import { translate, type Locale } from './translate';

/** A row error with its message in one language (the CLI's JSON, the errors CSV download). */
export type RowErrorWithMessage<E extends Pick<RowError, 'code' | 'params' | 'kept'>> = E & {
  message: string;
};

/** The problem of one row error, in `locale`. */
export function rowErrorText(
  locale: Locale,
  e: Pick<RowError, 'code' | 'params' | 'kept'>
): string {
  const params = { ...e.params };
  // A field is named as the mapping step names it (its kind's label), else by its own word.
  const field = params.field;
  if (typeof field === 'string')
    params.field =
      typeof params.kind === 'string'
        ? translate(locale, `import.field.${params.kind}.${field}`)
        : translate(locale, `import.rowError.field.${field}`);
  const text = translate(locale, `import.rowError.${e.code}`, params);
  return e.kept ? translate(locale, 'import.rowError.kept', { problem: text }) : text;
}

/** The same error with `message` in English (the CLI prints this). */
export function withMessage<E extends Pick<RowError, 'code' | 'params' | 'kept'>>(
  e: E,
  locale: Locale = 'en'
): RowErrorWithMessage<E> {
  return { ...e, message: rowErrorText(locale, e) };
}
