/** A mistake in the command line: the CLI prints it and exits with status 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * `--key value` and bare `--flag` pairs to a record. Up to `positional` plain arguments are
 * allowed and kept, in order, under "_1", "_2"...; any other plain argument is a UsageError.
 */
export function parseArgs(argv: string[], positional = 0): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  let plain = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      if (plain >= positional) throw new UsageError(`unexpected argument "${a}"`);
      out[`_${++plain}`] = a;
      continue;
    }
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else {
      out[key] = next;
      i++;
    }
  }
  return out;
}
