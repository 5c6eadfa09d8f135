// The village-funds command line. Every failure is one line in the user's
// language and exit code 2; results are 0 (all computed) or 1 (rows rejected
// or differences found).
import { Command, CommanderError, Option } from 'commander';
import { removeTempFiles } from '../node/temp-files.js';
import type { Lang } from '../engine/said.js';
import { describeError } from './errors.js';
import type { Io } from './io.js';
import { langFromEnv } from './lang.js';

const titleOption = () =>
  new Option('--title <text>', '标题中的单位名称，如县名 / who the report is for, at the head of every sheet title (e.g. the county)');
const langOption = () => new Option('--lang <lang>', 'zh | en (messages; default from the locale, zh when unsure)').choices(['zh', 'en']);

// Each command's code is loaded when it runs (a chunk of its own in the
// bundle, scripts/bundle-cli.js), so calc does not wait for audit's.
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const argLang = argv.includes('--lang') ? argv[argv.indexOf('--lang') + 1] : undefined;
  const fallbackLang: Lang = argLang === 'en' || argLang === 'zh' ? argLang : langFromEnv();
  let code = 0;
  const program = new Command('village-funds')
    .description('村级经费核算 — village and community fund entitlements: calc, compare, audit, policy')
    .exitOverride()
    // Usage errors are reported by usageLine below, in the user's language, on one line.
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} });

  program
    .command('calc')
    .description('核算名册工作簿 / compute every unit of a roster workbook')
    .argument('<roster.xlsx>')
    .option('-o, --output <file>', '输出工作簿 / output workbook (default: beside the input)')
    .option('--policy <file>', '政策文件 / policy file (JSON or YAML; default: built-in)')
    .option('--year <YYYY>', "年度 / budget year (default: the roster title's year, else this year)")
    .option('--json', '在标准输出打印JSON / print a JSON summary on stdout')
    .option('--force', '覆盖已有输出 / replace an existing output')
    .addOption(titleOption())
    .addOption(langOption())
    .action(async (roster: string, o) => {
      const { calcCommand } = await import('./calc.js');
      code = await calcCommand(roster, { ...o, lang: o.lang ?? fallbackLang }, io);
    });

  program
    .command('compare')
    .description('两套政策（或两个年度）的预算差异 / what-if budget difference between two policies or years')
    .argument('<roster.xlsx>')
    .option('--policy <file>', '政策A / policy A (default: built-in)')
    .option('--against <file>', '政策B / policy B (default: policy A)')
    .option('--year <YYYY>', '年度A / year for A (default: this year)')
    .option('--against-year <YYYY>', '年度B / year for B (default: year A)')
    .option('-o, --output <file>', '输出工作簿 / output workbook')
    .option('--json', '在标准输出打印JSON / print JSON on stdout')
    .option('--force', '覆盖已有输出 / replace an existing output')
    .addOption(titleOption())
    .addOption(langOption())
    .action(async (roster: string, o) => {
      const { compareCommand } = await import('./compare.js');
      code = await compareCommand(roster, { ...o, lang: o.lang ?? fallbackLang }, io);
    });

  program
    .command('audit')
    .description('审计：应拨与台账实拨比对 / audit entitlements against a payment ledger')
    .argument('<roster.xlsx>')
    .requiredOption('--ledger <ledger.xlsx>', '拨付明细工作簿 / payment ledger workbook')
    .option('-o, --output <file>', '输出工作簿 / output workbook (default: beside the ledger)')
    .option('--policy <file>', '政策文件 / policy file (JSON or YAML; default: built-in)')
    .option('--year <YYYY>', "年度 / budget year (default: the roster title's year, else the ledger dates', else this year)")
    .option('--tolerance <yuan>', '容差 / variance counted as paid in full (default 0.00)')
    .option('--as-of <date>', '截止日期 / compare with what was due by this date (YYYY-MM-DD)')
    .option('--schedule <schedule>', '拨付进度 / instalment schedule with --as-of: quarterly | monthly (default quarterly)')
    .option('--json', '在标准输出打印JSON / print JSON on stdout')
    .option('--force', '覆盖已有输出 / replace an existing output')
    .addOption(titleOption())
    .addOption(langOption())
    .action(async (roster: string, o) => {
      const { auditCommand } = await import('./audit.js');
      code = await auditCommand(roster, { ...o, lang: o.lang ?? fallbackLang }, io);
    });

  const policy = program.command('policy').description('查看或检查政策 / show or check a policy');
  policy
    .command('show')
    .option('--policy <file>', '政策文件 / policy file (default: built-in)')
    .option('--year <YYYY>', '年度 / year (default: this year)')
    .option('--json', 'JSON')
    .addOption(langOption())
    .action(async (o) => {
      const { policyShowCommand } = await import('./policy.js');
      code = await policyShowCommand({ ...o, lang: o.lang ?? fallbackLang }, io);
    });
  policy
    .command('check')
    .argument('<file>')
    .addOption(langOption())
    .action(async (file: string, o) => {
      const { policyCheckCommand } = await import('./policy.js');
      code = await policyCheckCommand(file, { lang: o.lang ?? fallbackLang }, io);
    });

  // Ctrl+C or a kill: the outputs being written are not left half-written, nor their temporary files.
  const onSignal = (signal: NodeJS.Signals) => {
    const lost = removeTempFiles();
    const zh = lost.length ? `，未写入：${lost.join('、')}` : '';
    const en = lost.length ? `; not written: ${lost.join(', ')}` : '';
    io.stderr.write(fallbackLang === 'zh' ? `已中断（${signal}）${zh}\n` : `interrupted (${signal})${en}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    // --help and --version end here too, with exit code 0.
    if (e instanceof CommanderError && (e.exitCode === 0 || e.code === 'commander.help' || e.code === 'commander.helpDisplayed'))
      return e.exitCode === 0 ? 0 : 2;
    io.stderr.write(describeError(e, fallbackLang) + '\n');
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
