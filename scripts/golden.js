// The outputs of the bundled examples, byte for byte: a guard for changes that
// must not change what users get (refactors). Runs the built CLI on the
// examples (calc, audit, compare, policy show; workbooks, --json and the
// summary lines, in zh and en), unpacks each workbook, and compares a SHA-256
// of every part and stream with tests/golden/outputs.json.
//
//   node scripts/golden.js            compare (exit 1 and a diff excerpt when anything differs)
//   node scripts/golden.js --update   record the current outputs as the expected ones
//
// The outputs themselves are left in .tmp/golden/ to diff by hand. A change
// that is meant to change outputs records them again with --update, in the
// same commit, so the diff of outputs.json shows which outputs it changed.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.tmp', 'golden');
const manifestPath = join(root, 'tests', 'golden', 'outputs.json');
const update = process.argv.includes('--update');

const roster = 'examples/county-roster.xlsx';
const ledger = 'examples/county-ledger.xlsx';
const other = 'src/policies/example-other-county.yaml';
// Relative to the checkout, so the summary lines (which name the output) are the same in any clone.
const o = (name) => join('.tmp', 'golden', name);

// name → argv; a run's workbook (if any) is the path after -o.
const runs = {
  calc: ['calc', roster, '-o', o('calc.xlsx'), '--year', '2025', '--lang', 'zh'],
  'calc-json': ['calc', roster, '-o', o('calc-json.xlsx'), '--year', '2025', '--json'],
  'calc-en': ['calc', roster, '-o', o('calc-en.xlsx'), '--year', '2025', '--lang', 'en'],
  'calc-other': ['calc', roster, '-o', o('calc-other.xlsx'), '--year', '2025', '--policy', other, '--json'],
  'calc-other-2023': ['calc', roster, '-o', o('calc-other-2023.xlsx'), '--year', '2023', '--policy', other, '--lang', 'zh'],
  audit: ['audit', roster, '--ledger', ledger, '-o', o('audit.xlsx'), '--year', '2025', '--lang', 'zh'],
  'audit-json': ['audit', roster, '--ledger', ledger, '-o', o('audit-json.xlsx'), '--year', '2025', '--json'],
  'audit-asof': [
    'audit',
    roster,
    '--ledger',
    ledger,
    '-o',
    o('audit-asof.xlsx'),
    '--year',
    '2025',
    '--as-of',
    '2025-06-30',
    '--schedule',
    'quarterly',
    '--lang',
    'en',
  ],
  compare: ['compare', roster, '--policy', other, '--year', '2025', '-o', o('compare.xlsx'), '--lang', 'zh'],
  'compare-json': [
    'compare',
    roster,
    '--against',
    other,
    '--year',
    '2025',
    '--against-year',
    '2023',
    '-o',
    o('compare-json.xlsx'),
    '--json',
  ],
  'policy-show': ['policy', 'show', '--year', '2025', '--lang', 'zh'],
  'policy-show-json': ['policy', 'show', '--policy', other, '--year', '2025', '--json'],
  'policy-check': ['policy', 'check', other, '--lang', 'en'],
};

// Parts whose bytes carry the time of the run.
const timed = new Set(['docProps/core.xml']);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const actual = {};
for (const [name, argv] of Object.entries(runs)) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'village-funds.js'), ...argv], {
    cwd: root,
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', TZ: 'Asia/Shanghai' },
    maxBuffer: 1 << 30,
  });
  const streams = { exit: Buffer.from(String(r.status)), stdout: r.stdout, stderr: r.stderr };
  for (const [k, bytes] of Object.entries(streams)) {
    writeFileSync(join(root, o(`${name}.${k}.txt`)), bytes);
    actual[`${name}/${k}`] = bytes;
  }
  const i = argv.indexOf('-o');
  if (i >= 0) {
    const parts = unzipSync(readFileSync(join(root, argv[i + 1])));
    for (const [part, bytes] of Object.entries(parts)) {
      if (timed.has(part)) continue;
      const file = join(root, o(`${name}.unzipped/${part}`));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      actual[`${name}/${part}`] = Buffer.from(bytes);
    }
  }
}

const hash = (b) => createHash('sha256').update(b).digest('hex');
const hashes = Object.fromEntries(
  Object.keys(actual)
    .sort()
    .map((k) => [k, hash(actual[k])]),
);

if (update) {
  mkdirSync(dirname(manifestPath), { recursive: true });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  writeFileSync(manifestPath, JSON.stringify({ recordedAt: commit, outputs: hashes }, null, 2) + '\n');
  console.log(`recorded ${Object.keys(hashes).length} outputs in ${manifestPath}`);
  process.exit(0);
}

const expected = JSON.parse(readFileSync(manifestPath, 'utf8')).outputs;
const problems = [];
for (const k of new Set([...Object.keys(expected), ...Object.keys(hashes)])) {
  if (!(k in hashes)) problems.push(`missing: ${k}`);
  else if (!(k in expected)) problems.push(`new: ${k}`);
  else if (expected[k] !== hashes[k]) problems.push(`differs: ${k} (now in .tmp/golden/)`);
}
if (problems.length === 0) {
  console.log(`golden: all ${Object.keys(hashes).length} outputs are byte for byte as recorded`);
} else {
  console.log(`golden: ${problems.length} of ${Object.keys(expected).length} outputs differ from tests/golden/outputs.json`);
  for (const p of problems) console.log(`  ${p}`);
  process.exitCode = 1;
}
