// CLI language: --lang, else the environment's locale, else Chinese.
import type { Lang } from '../engine/said.js';

export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}
