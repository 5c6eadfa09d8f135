// `village-funds calc`: roster workbook in, result workbook (and --json) out.
import { stat } from 'node:fs/promises';
import { Calculator } from '../engine/compute.js';
import { formatYuan } from '../engine/format.js';
import { resolvePolicy } from '../engine/policy/resolve.js';
import { openWorkbookFile } from '../node/open-workbook.js';
import { WORKER_MIN_BYTES } from '../node/read-xlsx.js';
import { createSpool, type Spool } from '../node/spool.js';
import { writeXlsxAtomically } from '../node/write-xlsx.js';
import { runCalc } from '../workbook/calc-job.js';
import type { WorkbookSource } from '../workbook/source.js';
import { calcJsonFrame, writeUnitJson } from '../workbook/calc-json.js';
import type { Lang } from '../engine/said.js';
import { resultFootRows, resultRow, resultSheetHead, summarySheets } from '../workbook/report.js';
import { warningKinds, warningsSentence } from '../workbook/warnings.js';
import { checkWorkbookArg, loadPolicyArg, optionYear, outputPath, yearFromFiles } from './inputs.js';
import { progressBar } from './progress.js';
import type { Io } from './io.js';

export interface CalcArgs {
  output?: string;
  policy?: string;
  year?: string;
  json?: boolean;
  force?: boolean;
  /** Who the report is for, at the head of every sheet's title (--title). */
  title?: string;
  lang: Lang;
}

export async function calcCommand(roster: string, args: CalcArgs, io: Io): Promise<number> {
  const readAs = await checkWorkbookArg(roster);
  // Reading starts first: a large roster's reading worker takes about 0.3 s to
  // boot and read the shared strings, and this thread has nothing to compute
  // until its first rows come (bench/experiments/cpu-timeline.js).
  const file = openWorkbookFile(roster, readAs);
  let units: Spool | null = null;
  try {
    const given = optionYear(args.year);
    const policy = await loadPolicyArg(args.policy);
    // Without --year the Calculator waits for the roster's title rows (the first rows read).
    let calc = given === null ? null : new Calculator(resolvePolicy(policy, given));
    const out = await outputPath(roster, '核算结果', args.output, !!args.force, io.stderr, args.lang);
    const size = (await stat(roster)).size;
    // --json: units go to a spool file as they come, so memory does not grow with the roster.
    const spool = (units = args.json ? await createSpool() : null);
    let outcome!: Awaited<ReturnType<typeof runCalc>>;
    let yearNote = '';
    let first = true;
    await writeXlsxAtomically(
      out,
      async (wb, signal) => {
        // Inside the write: the writing worker boots while the title rows are read.
        let source = file.sheets as WorkbookSource;
        if (!calc) {
          const found = await yearFromFiles(source, args.lang);
          source = found.source;
          yearNote = found.note;
          calc = new Calculator(resolvePolicy(policy, found.year));
        }
        const bar = progressBar(size, args.lang, io.stderr);
        const report = { title: args.title };
        const results = await wb.startSheet(resultSheetHead(calc, args.lang, report));
        outcome = await runCalc(
          source,
          calc,
          spool
            ? (row) => {
                // Not async: a promise per row costs more than the row (runCalc waits only when given one).
                const wrote = results.addRow(resultRow(row, args.lang));
                writeUnitJson(row, spool.out, !first);
                const spooled = spool.wrote();
                first = false;
                return wrote && spooled ? wrote.then(() => spooled) : (wrote ?? spooled);
              }
            : (row) => results.addRow(resultRow(row, args.lang)),
          { onProgress: () => bar.update(file.bytesRead()), signal },
        );
        bar.stop();
        // The 合计 row (bold), then the lines to sign.
        const [total, ...sign] = resultFootRows(calc, outcome.county, args.lang);
        await results.addRow(total!, { bold: true });
        for (const r of sign) await results.addRow(r);
        await results.close();
        for (const sheet of summarySheets(calc, outcome, args.lang, report)) await wb.writeSheet(sheet);
      },
      { onWorker: size >= WORKER_MIN_BYTES },
    );
    io.stderr.write(yearNote);
    if (spool) {
      const { head, tail } = calcJsonFrame(calc!, outcome, args.lang);
      io.stdout.write(head);
      await spool.playTo(io.stdout);
      io.stdout.write(tail + '\n');
    } else {
      const r = outcome.rows;
      const total = formatYuan(outcome.county.total);
      const warnings = warningsSentence(warningKinds(outcome.issues), args.lang);
      io.stdout.write(
        args.lang === 'zh'
          ? `已核算${r.computed}个单位（读取${r.read}行，剔除${r.rejected}行，跳过${r.skipped}行），全县合计${total}元。${warnings}\n结果已写入：${out}\n`
          : `Computed ${r.computed} units (${r.read} rows read, ${r.rejected} rejected, ${r.skipped} skipped); county total ${total} yuan.${warnings && ' ' + warnings}\nResult written to: ${out}\n`,
      );
    }
    return outcome.rows.rejected > 0 ? 1 : 0;
  } finally {
    await units?.discard();
    await file.close();
  }
}
