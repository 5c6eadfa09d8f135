// A progress bar on stderr for long runs, only when stderr is a terminal
// (so --json output piped to a file or a program stays clean).
import cliProgress from 'cli-progress';
import type { Lang } from '../engine/said.js';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function progressBar(total: number, lang: Lang, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 0) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: `${lang === 'zh' ? '读取' : 'reading'} [{bar}] {percentage}% | {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (d) => bar.update(Math.min(d, total)), stop: () => bar.stop() };
}
