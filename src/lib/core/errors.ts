// The one way an unknown thrown value becomes text for a message, a log line or an abort reason.

/** `e.message` for an Error, else the value as a string. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A problem with the data or the options that the user can fix: `code` and `params` let the
 * page say it in the user's language, `message` is the English text (CLI, logs).
 */
export class ModelInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {}
  ) {
    super(message);
    this.name = 'ModelInputError';
  }
}
