// `village-funds audit`: a roster's entitlements against a payment ledger.
// Exit 0 when everything is 足额 with no exceptions, 1 when there are differences or
// exceptions, 2 on errors (bad arguments, unreadable files).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Calculator } from '../engine/compute.js';
import { formatYuan } from '../engine/format.js';
import { resolvePolicy } from '../engine/policy/resolve.js';
import { auditReport, auditSheetBuilders, checkAsOf, ledgerYearCounts, parseTolerance, SCHEDULES, type Schedule } from '../audit/index.js';
import { parseDate } from '../audit/parse.js';
import { openWorkbookFile } from '../node/open-workbook.js';
import type { WorkbookSource } from '../workbook/source.js';
import { writeXlsxAtomically } from '../node/write-xlsx.js';
import type { Lang } from '../engine/said.js';
import { AUDIT_SHEET_NAMES } from '../workbook/sheet-names.js';
import { warningKinds, warningsSentence } from '../workbook/warnings.js';
import { yearHintSaid } from '../workbook/year-evidence.js';
import { UsageError } from './errors.js';
import { checkWorkbookArg, loadPolicyArg, optionYear, outputPath, yearFromFiles } from './inputs.js';
import type { Io } from './io.js';
import { progressBar } from './progress.js';

export interface AuditArgs {
  ledger: string;
  output?: string;
  policy?: string;
  year?: string;
  tolerance?: string;
  asOf?: string;
  schedule?: string;
  json?: boolean;
  force?: boolean;
  /** Who the report is for, at the head of every sheet's title (--title). */
  title?: string;
  lang: Lang;
}

/** --as-of: YYYY-MM-DD, or the other ways a date is written in ledgers (2025年6月30日, 2025.06.30). */
function parseAsOf(arg: string): string {
  const d = parseDate(arg);
  if (!d.ok)
    throw new UsageError({
      zh: `截止日期无法识别：${arg}（应写作YYYY-MM-DD）`,
      en: `cannot read the as-of date: ${arg} (write YYYY-MM-DD)`,
    });
  return checkAsOf(d.iso);
}

// A bad --tolerance or --as-of is an AuditInputError, a SaidError: cli/errors.ts words it as any other.
export async function auditCommand(roster: string, args: AuditArgs, io: Io): Promise<number> {
  const tolerance = parseTolerance(args.tolerance);
  if (args.schedule !== undefined && args.asOf === undefined)
    throw new UsageError({ zh: '--schedule 须与 --as-of 一起使用', en: '--schedule needs --as-of' });
  if (args.schedule !== undefined && !(SCHEDULES as readonly string[]).includes(args.schedule))
    throw new UsageError({ zh: `拨付进度应为：${SCHEDULES.join('、')}`, en: `the schedule must be one of: ${SCHEDULES.join(', ')}` });
  const asOf = args.asOf === undefined ? undefined : parseAsOf(args.asOf);
  const given = optionYear(args.year);
  const policy = await loadPolicyArg(args.policy);
  const rosterAs = await checkWorkbookArg(roster);
  const ledgerAs = await checkWorkbookArg(args.ledger);
  if (resolve(roster) === resolve(args.ledger))
    throw new UsageError({ zh: '花名册和拨付明细不能是同一个文件', en: 'the roster and the ledger must be different files' });
  const out = await outputPath(args.ledger, '审计结果', args.output, !!args.force, io.stderr, args.lang);
  if (resolve(out) === resolve(roster)) throw new UsageError({ zh: '输出文件不能是输入文件', en: 'the output must not be the input file' });

  const size = (await stat(roster)).size + (await stat(args.ledger)).size;
  const rosterFile = openWorkbookFile(roster, rosterAs);
  let rosterSource = rosterFile.sheets as WorkbookSource;
  let year = given;
  let yearNote = '';
  if (year === null) {
    // The ledger's dates are read on their own only when the roster's title names no year.
    const found = await yearFromFiles(rosterSource, args.lang, async () => {
      const f = openWorkbookFile(args.ledger, ledgerAs);
      try {
        return await ledgerYearCounts(f.sheets);
      } finally {
        await f.close();
      }
    });
    rosterSource = found.source;
    year = found.year;
    yearNote = found.note;
  }
  const calc = new Calculator(resolvePolicy(policy, year));
  const bar = progressBar(size, args.lang, io.stderr);
  const ledgerFile = openWorkbookFile(args.ledger, ledgerAs);
  const report = await auditReport(rosterSource, ledgerFile.sheets, calc, {
    tolerance,
    asOf,
    schedule: args.schedule as Schedule | undefined,
    lang: args.lang,
    onProgress: () => bar.update(rosterFile.bytesRead() + ledgerFile.bytesRead()),
  });
  bar.stop();
  // One sheet in memory at a time.
  await writeXlsxAtomically(out, async (wb) => {
    for (const build of auditSheetBuilders(calc, report.outcome, args.lang, { title: args.title })) await wb.writeSheet(build());
  });

  io.stderr.write(yearNote);
  // Said before the figures: most payments outside the audit year usually means the wrong year.
  const hint = yearHintSaid(report.outcome.yearHint);
  const mostIn = report.outcome.yearHint.mostIn;
  const hintLine =
    hint && `${hint[args.lang]}${mostIn === calc.policy.year ? '' : args.lang === 'zh' ? `（--year ${mostIn}）` : ` (--year ${mostIn})`}`;
  if (args.json) {
    if (hintLine) io.stderr.write(hintLine + '\n');
    io.stdout.write(JSON.stringify(report.json) + '\n');
  } else {
    const { totals: t, counts: c } = report.outcome;
    const zh = args.lang === 'zh';
    const y = (d: Parameters<typeof formatYuan>[0]) => formatYuan(d);
    const warnings = warningsSentence(warningKinds(report.outcome.rosterWarnings), args.lang, AUDIT_SHEET_NAMES.exceptions);
    io.stdout.write(
      (zh
        ? [
            ...(hintLine ? [hintLine] : []),
            `应拨${y(t.entitled)}元${t.expected.equals(t.entitled) ? '' : `（截至${report.outcome.asOf}应拨${y(t.expected)}元）`}，台账已拨${y(t.disbursed)}元，差额${y(t.variance)}元。`,
            `其中已匹配${y(t.matched)}元，未匹配${y(t.unmatched)}元，未分类${y(t.unclassified)}元。`,
            `足额${c.match}项，少拨${c.under}项，多拨${c.over}项，未拨${c.unpaid}项，无依据${c.noBasis}项；异常${c.exceptions}项（疑似重复${c.duplicates}笔，收款单位不唯一${c.ambiguous}笔，未分类${c.unclassified}笔）。${warnings}`,
            `结果已写入：${out}`,
          ]
        : [
            ...(hintLine ? [hintLine] : []),
            `Entitled ${y(t.entitled)}${t.expected.equals(t.entitled) ? '' : ` (due by ${report.outcome.asOf}: ${y(t.expected)})`}, paid per ledger ${y(t.disbursed)}, variance ${y(t.variance)}.`,
            `Matched ${y(t.matched)}, unmatched ${y(t.unmatched)}, unclassified ${y(t.unclassified)}.`,
            `${c.match} in full, ${c.under} under, ${c.over} over, ${c.unpaid} unpaid, ${c.noBasis} without basis; ${c.exceptions} exceptions (${c.duplicates} suspected duplicates, ${c.ambiguous} ambiguous payees, ${c.unclassified} unclassified).${warnings && ' Roster: ' + warnings}`,
            `Written to: ${out}`,
          ]
      ).join('\n') + '\n',
    );
  }
  return report.exitCode;
}
