// Errors as the user reads them: words, never a stack trace.
import { isAbort, UserError, type Lang, type Said } from './host.js';
import { STRINGS } from './i18n.js';

export type Shown = Said;

export function shownError(e: unknown): Shown {
  if (isAbort(e)) return { zh: STRINGS.zh.cancelled, en: STRINGS.en.cancelled };
  if (e instanceof UserError) return e.said;
  if (typeof e === 'object' && e !== null && 'said' in e) {
    const s = (e as { said: unknown }).said;
    if (typeof s === 'object' && s !== null && 'zh' in s && 'en' in s) return s as Said;
  }
  const msg = e instanceof Error ? e.message : String(e);
  return { zh: `${STRINGS.zh.errorPrefix}${msg}`, en: `${STRINGS.en.errorPrefix}${msg}` };
}

export function errorText(e: unknown, lang: Lang): string {
  return shownError(e)[lang];
}
