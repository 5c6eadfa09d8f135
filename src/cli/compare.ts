// `village-funds compare`: the what-if budget difference of two policies or years.
import { compareUnits } from '../engine/compare.js';
import { Calculator } from '../engine/compute.js';
import { formatYuan } from '../engine/format.js';
import { resolvePolicy } from '../engine/policy/resolve.js';
import { openWorkbookFile } from '../node/open-workbook.js';
import { writeXlsxAtomically } from '../node/write-xlsx.js';
import { runCalc } from '../workbook/calc-job.js';
import { compareJson, compareSheets } from '../workbook/compare-report.js';
import type { Lang } from '../engine/said.js';
import type { ComputedRow } from '../workbook/report.js';
import { checkWorkbookArg, loadPolicyArg, outputPath, parseYear } from './inputs.js';
import type { Io } from './io.js';

export interface CompareArgs {
  policy?: string;
  against?: string;
  year?: string;
  againstYear?: string;
  output?: string;
  json?: boolean;
  force?: boolean;
  /** Who the report is for, at the head of every sheet's title (--title). */
  title?: string;
  lang: Lang;
}

export async function compareCommand(roster: string, o: CompareArgs, io: Io): Promise<number> {
  const yearA = parseYear(o.year);
  const a = new Calculator(resolvePolicy(await loadPolicyArg(o.policy), yearA));
  const b = new Calculator(resolvePolicy(await loadPolicyArg(o.against ?? o.policy), o.againstYear ? parseYear(o.againstYear) : yearA));
  const readAs = await checkWorkbookArg(roster);
  const out = await outputPath(roster, '预算比较', o.output, !!o.force, io.stderr, o.lang);
  const rows: ComputedRow[] = [];
  const read = await runCalc(openWorkbookFile(roster, readAs).sheets, a, (r) => void rows.push(r));
  const cmp = compareUnits(
    rows.map((r) => r.result.unit),
    a,
    b,
  );
  await writeXlsxAtomically(out, async (wb) => {
    for (const s of compareSheets(cmp, a, b, o.lang, { title: o.title })) await wb.writeSheet(s);
  });
  if (o.json) io.stdout.write(JSON.stringify(compareJson(cmp, a, b, rows)) + '\n');
  else
    io.stdout.write(
      o.lang === 'zh'
        ? `政策A合计${formatYuan(cmp.a.county.total)}元，政策B合计${formatYuan(cmp.b.county.total)}元，差额${formatYuan(cmp.county.total)}元。\n结果已写入：${out}\n`
        : `Policy A total ${formatYuan(cmp.a.county.total)} yuan, policy B ${formatYuan(cmp.b.county.total)} yuan, difference ${formatYuan(cmp.county.total)} yuan.\nWritten to: ${out}\n`,
    );
  // As calc: rows that could not be read are left out of both budgets.
  return read.rows.rejected > 0 ? 1 : 0;
}
