// The light model handlers (workers/handlers/light.ts) answer a page's first questions before
// tfjs has loaded: their module never imports tfjs, each is a name the family's own handlers
// define too, and a light action cannot reach the family object (its training code is tfjs).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { churnRisk } from '../../../src/lib/core/models/churn';
import { familyHandlers, lightActionHandlers } from '../../../src/lib/workers/families';
import { lightHandlers } from '../../../src/lib/workers/handlers/light';
import type { TaskContext } from '../../../src/lib/workers/protocol';

const root = resolve(import.meta.dirname, '../../..');

/** Packages a module reaches through static, non-type imports (what a bundle must evaluate). */
function packagesReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const stack = [resolve(root, entry)];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(
      /^\s*(?:import|export)\s+(?!type\b)([^'";]*?)\s*from\s+'([^']+)'/gm
    )) {
      const [, what, spec] = m;
      if (/^\{\s*(type\s+\w+\s*,?\s*)+\}$/.test(what)) continue;
      if (!spec.startsWith('.') && !spec.startsWith('$lib')) {
        packages.add(spec);
        continue;
      }
      const p = spec.startsWith('$lib')
        ? resolve(root, 'src/lib', spec.slice(5))
        : resolve(dirname(f), spec);
      const file = [p + '.ts', p + '/index.ts'].find(existsSync);
      if (file) stack.push(file);
    }
  }
  return packages;
}

const tfjs = (ps: Set<string>) => [...ps].filter((p) => p.startsWith('@tensorflow'));

describe('light model handlers', () => {
  it('never import tfjs (the tfjs areas do)', () => {
    expect(tfjs(packagesReached('src/lib/workers/handlers/light.ts'))).toEqual([]);
    expect(tfjs(packagesReached('src/lib/workers/handlers/models.ts')).length).toBeGreaterThan(0);
  });

  it("are the churn page's first questions, also defined by the family's own handlers", () => {
    const names = Object.keys(lightHandlers);
    expect(names).toEqual(['churn.label', 'churn.features']);
    const all = familyHandlers(churnRisk, () => {
      throw new Error('not called');
    });
    for (const n of names) expect(all).toHaveProperty([n]);
  });

  it('refuse, with a clear message, an action that reaches for the family object', async () => {
    const actions = { peek: async (env: { family: unknown }) => env.family };
    const h = lightActionHandlers('churn', actions, ['peek'], () => ({}) as never);
    const ctx = {
      signal: new AbortController().signal,
      progress: () => {}
    } as unknown as TaskContext;
    await expect(h['churn.peek'](undefined as never, ctx)).rejects.toThrow(
      'churn.peek is served without tfjs and cannot use its family'
    );
  });
});
