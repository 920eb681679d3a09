// `npm run rapport -- <task> [--flag value ...]`: the same core code as the app, on CSV files.
// Each task lives in ./commands/<task>.ts and exports `run(args): Promise<unknown>`; the result
// is printed as JSON on stdout.
import { errorMessage } from '../lib/core/errors';
import { parseArgs } from './args';

const TASKS = [
  'churn',
  'clv',
  'check',
  'text',
  'recommend',
  'rules',
  'graph',
  'synth',
  'backup',
  'dedupe',
  'quality'
] as const;
/** Tasks that take plain (positional) arguments, and how many. */
const POSITIONAL: Record<string, number> = { check: 1, backup: 2 };

async function main(): Promise<void> {
  const [task, ...rest] = process.argv.slice(2);
  if (!task || !(TASKS as readonly string[]).includes(task)) {
    console.error(`usage: npm run rapport -- <${TASKS.join('|')}> [options]`);
    process.exit(2);
  }
  const mod = (await import(`./commands/${task}.ts`)) as {
    run(args: Record<string, string | boolean>): Promise<unknown>;
  };
  const result = await mod.run(parseArgs(rest, POSITIONAL[task] ?? 0));
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit((err as { exitCode?: number }).exitCode ?? 1);
});
