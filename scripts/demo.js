// npm run demo: compute the bundled example county and say where the result is.
// The example is messy on purpose, so some rows are rejected (exit code 1 of
// `calc`): that is the demo working, not failing.
import { mkdir } from 'node:fs/promises';
import { main } from '../dist/cli/main.js';

await mkdir('examples/out', { recursive: true });
const code = await main(['calc', 'examples/county-roster.xlsx', '-o', 'examples/out/county-roster-核算结果.xlsx', '--force', '--year', '2025']);
process.exitCode = code <= 1 ? 0 : code;
