// npm run bench: every benchmark, one JSON line each. The newest figures go in
// the README's Speed table with their command, earlier ones in bench/RESULTS.md;
// nothing here is a test (tests stay deterministic).
import { benchEngine } from './engine.js';
import { benchCalc, benchJsonCost } from './calc.js';

const only = process.argv[2];
const want = (name) => !only || only === name;

if (want('engine')) console.log(JSON.stringify({ bench: 'engine', ...benchEngine(600_000) }));
if (want('calc')) {
  for (const n of [100_000, 600_000]) console.log(JSON.stringify({ bench: 'calc', ...(await benchCalc(n)) }));
  console.log(JSON.stringify({ bench: 'calc', ...(await benchCalc(100_000, { inline: true })) }));
  console.log(JSON.stringify({ bench: 'calc-json', ...(await benchJsonCost(100_000)) }));
}
// The formats county offices also have: .xls (SheetJS) and .csv, 100,000 rows each.
if (want('calc') || want('formats'))
  for (const format of ['xls', 'csv']) console.log(JSON.stringify({ bench: 'calc', ...(await benchCalc(100_000, { format })) }));
for (const [name, file, fn] of [
  ['libreoffice', './libreoffice.js', 'benchLibreOffice'],
  ['audit', './audit.js', 'benchAudit'],
  ['web', './web.js', 'benchWeb'],
]) {
  if (!want(name)) continue;
  const mod = await import(file);
  if (typeof mod[fn] === 'function') console.log(JSON.stringify({ bench: name, ...(await mod[fn]()) }));
}
