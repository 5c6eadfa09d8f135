// The bundled examples' outputs (workbook parts, --json, summary lines) byte for
// byte as tests/golden/outputs.json records them: a change meant to keep
// behaviour (a refactor) must pass this untouched; one meant to change outputs
// records them again with `node scripts/golden.js --update` in the same commit.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('the bundled examples give the recorded outputs byte for byte', () => {
  const r = spawnSync(process.execPath, ['scripts/golden.js'], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toMatch(/^golden: all \d+ outputs are byte for byte as recorded/);
  expect(r.status).toBe(0);
}, 120_000);
