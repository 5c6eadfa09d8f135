// The structure docs/architecture.md describes: the layer table and no import
// cycle (scripts/check-imports.js), and no source file over 400 lines unless
// the architecture page names it and says why.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
