// npm run bench [-- --only name[,name...]]: runs every bench/sections/*.ts, writes
// bench/results.json (machine + per-section metrics) and bench/results.md (readable tables).
// One failing section records its error; the others still run. With --only, the results of
// sections not run this time are kept from the previous results.json.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderMarkdown, type Results, type SectionResult } from './report';
import type { BenchContext, BenchSection } from './types';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);

function parseOnly(argv: string[]): Set<string> | null {
  const names: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--only' && argv[i + 1]) names.push(...argv[i + 1].split(','));
    else if (a.startsWith('--only=')) names.push(...a.slice(7).split(','));
  });
  return names.length ? new Set(names.map((n) => n.trim()).filter(Boolean)) : null;
}

async function loadSections(): Promise<BenchSection[]> {
  const dir = join(benchDir, 'sections');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const out: BenchSection[] = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(join(dir, f)).href);
    const s: BenchSection | undefined = mod.default ?? mod.section;
    if (s && typeof s.run === 'function' && s.name) out.push(s);
    else console.error(`bench: ${f} exports no section ({ name, run }) and is skipped`);
  }
  return out.sort((a, b) => (a.order ?? 100) - (b.order ?? 100) || a.name.localeCompare(b.name));
}

function machine(): Results['machine'] {
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memory_gb: +(os.totalmem() / 1024 ** 3).toFixed(1),
    commit
  };
}

async function main(): Promise<void> {
  const only = parseOnly(process.argv.slice(2));
  const all = await loadSections();
  if (only) {
    const unknown = [...only].filter((n) => !all.some((s) => s.name === n));
    if (unknown.length) {
      console.error(
        `bench: no section named ${unknown.join(', ')}; have ${all.map((s) => s.name).join(', ')}`
      );
      process.exit(2);
    }
  }
  const chosen = only ? all.filter((s) => only.has(s.name)) : all;
  const outDir = join(benchDir, 'out');
  mkdirSync(outDir, { recursive: true });
  const jsonPath = join(benchDir, 'results.json');
  const sections: Record<string, SectionResult> = {};
  for (const s of chosen) {
    const ctx: BenchContext = { root, outDir, log: (m) => console.error(`  [${s.name}] ${m}`) };
    console.error(`bench: ${s.name}...`);
    const t0 = performance.now();
    try {
      const metrics = await s.run(ctx);
      sections[s.name] = {
        ok: true,
        ms: Math.round(performance.now() - t0),
        date: new Date().toISOString(),
        metrics
      };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      console.error(`bench: ${s.name} failed: ${error}`);
      sections[s.name] = {
        ok: false,
        ms: Math.round(performance.now() - t0),
        date: new Date().toISOString(),
        metrics: {},
        error
      };
    }
  }
  // With --only, the other sections' results are kept as the file has them now (read at the
  // end, so two runs of different sections side by side keep each other's results).
  const previous = only ? readPrevious(jsonPath) : {};
  const results: Results = { machine: machine(), sections: { ...previous, ...sections } };
  writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');
  const md = renderMarkdown(results);
  writeFileSync(join(benchDir, 'results.md'), md);
  console.log(md);
  if (chosen.some((s) => !sections[s.name].ok)) process.exitCode = 1;
}

function readPrevious(jsonPath: string): Record<string, SectionResult> {
  if (!existsSync(jsonPath)) return {};
  try {
    return (JSON.parse(readFileSync(jsonPath, 'utf8')) as Results).sections ?? {};
  } catch {
    return {};
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
