// Experiment: the calc job with reading taken away. N synthetic roster rows,
// already in memory, go through the roster reader, the engine and the result
// writer (as the CLI streams them; `nowrite` skips the writer). Shows what is
// left to optimise once reading is free.
// Run (after npm run build): node bench/experiments/no-read.js 100000 [nowrite]
import { syntheticUnits } from '../synthetic.js';
const t00 = performance.now();
const { runCalc } = await import('../../dist/workbook/calc-job.js');
const { Calculator } = await import('../../dist/engine/compute.js');
const { resolvePolicy } = await import('../../dist/engine/policy/resolve.js');
const { builtinPolicy } = await import('../../dist/engine/policies.js');
const { resultRow, resultColumns, policyTitle } = await import('../../dist/workbook/report.js');
const { writeXlsxAtomically } = await import('../../dist/node/write-xlsx.js');
const TYPE_WORDS = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };
const n = +process.argv[2];
const units = syntheticUnits(n);
const grid = [
  ['全县村（社区）名册'],
  ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'],
  ...units.map((u) => [u.township, u.name, TYPE_WORDS[u.type], u.population, u.membersPrevYear]),
];
const t0 = performance.now();
const calc = new Calculator(resolvePolicy(builtinPolicy(), 2025));
const mode = process.argv[3];
await writeXlsxAtomically('.tmp/nr.xlsx', async (wb) => {
  const s = await wb.startSheet({ name: '核算结果', title: policyTitle(calc.policy), columns: resultColumns(calc) });
  await runCalc(
    [{ name: '全县', rows: grid.map((cells, i) => ({ row: i + 1, cells })) }],
    calc,
    async (r) => {
      const row = resultRow(r, 'zh');
      if (mode !== 'nowrite') await s.addRow(row);
    },
    {},
  );
  await s.close();
});
console.log(
  JSON.stringify({
    rows: n,
    write: mode !== 'nowrite',
    modulesSeconds: +((t0 - t00) / 1000).toFixed(2),
    seconds: +((performance.now() - t0) / 1000).toFixed(2),
  }),
);
