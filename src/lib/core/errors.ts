// The one way an unknown thrown value becomes text for a message, a log line or an abort reason.

/** `e.message` for an Error, else the value as a string. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
