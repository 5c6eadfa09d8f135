// The structure docs/architecture.md describes: the layer table and no import
// cycle (scripts/check-imports.js), no source file over 400 lines unless
// the architecture page names it and says why, and `calc` with the built-in
// policy (and `policy show`) loading no zod or YAML parser.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script without types
import { checkImports } from '../scripts/check-imports.js';

it('imports follow the layer table and form no cycle', () => {
  const { files, problems } = checkImports() as { files: number; problems: string[] };
  expect(files).toBeGreaterThan(100);
  expect(problems).toEqual([]);
});

it('no file under src/ is over 400 lines unless docs/architecture.md says why', () => {
  const doc = readFileSync('docs/architecture.md', 'utf8');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const long = walk('src')
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => ({ file: relative('.', f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > 400 && !doc.includes(`\`${f.file}\``));
  expect(long).toEqual([]);
});

/** The packages a module and the modules it imports load, dynamic imports and `import type` left out. */
function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^'";]*?from\s*'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (!spec.startsWith('.')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      else if (!/\.(json|yaml|css|html)$/.test(spec)) {
        const ts = join(dirname(file), spec).replace(/\.js$/, '.ts');
        todo.push(existsSync(ts) ? ts : ts.replace(/\.ts$/, '.tsx'));
      }
    }
  }
  return packages;
}

it('calc and policy show with the built-in policy load neither zod nor the YAML parser (only a policy file does)', () => {
  // bench/RESULTS.md: zod alone is an 840 KB chunk of the bundled CLI.
  const packages = new Set(['src/cli/main.ts', 'src/cli/calc.ts', 'src/cli/policy.ts'].flatMap((entry) => [...staticPackages(entry)]));
  expect(packages.has('decimal.js')).toBe(true); // the walk reaches the engine
  expect([...packages].filter((p) => p === 'zod' || p === 'yaml')).toEqual([]);
});
