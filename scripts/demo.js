// npm run demo: compute the bundled example county, then audit its example
// payment ledger, and say where the results are. The examples are messy on
// purpose, so rows are rejected and payments differ (exit code 1 of the
// commands): that is the demo working, not failing.
import { mkdir } from 'node:fs/promises';
import { main } from '../dist/bin/main.js';

await mkdir('examples/out', { recursive: true });
const roster = 'examples/county-roster.xlsx';
const calc = await main(['calc', roster, '-o', 'examples/out/county-roster-核算结果.xlsx', '--force', '--year', '2025']);
console.log('');
const audit = await main([
  'audit',
  roster,
  '--ledger',
  'examples/county-ledger.xlsx',
  '-o',
  'examples/out/county-audit-审计结果.xlsx',
  '--force',
  '--year',
  '2025',
]);
process.exitCode = Math.max(calc, audit) <= 1 ? 0 : 2;
