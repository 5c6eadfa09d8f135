// Errors as the pane's user reads them: words, never a stack trace. The one
// place the pane (web page, worker, Excel and WPS task panes) turns any error
// into words: `toUserError` where the work runs, `errorSaid` where it shows.
import { PolicyError } from '../engine/policy/errors.js';
import { SaidError, type Lang, type Said } from '../engine/said.js';
import { NoSheetReadError } from '../workbook/not-read.js';

/** An error meant for the user, with what kind of problem it is (`code`, e.g. 'input', 'policy', 'excel'). */
export class UserError extends SaidError {
  constructor(
    said: Said,
    readonly code = 'user',
  ) {
    super(said);
  }
}

/** The words shown when the user cancels. */
export const CANCELLED: Said = { zh: '已取消。', en: 'Cancelled.' };

/** The cancel button's error (matches DOMException's name for aborts). */
function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AbortError';
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

/** Any error -> words for the user (no stack traces). Cancels pass through unchanged. */
export function toUserError(e: unknown): Error {
  if (e instanceof UserError) return e;
  if (isAbort(e)) return e as Error;
  // No sheet read as a roster (or ledger): the calc itself says which sheets and why.
  if (e instanceof NoSheetReadError) return new UserError(e.said, 'noRoster');
  // Before SaidError: the pane lists a policy's problems its own way.
  if (e instanceof PolicyError) {
    const list = (lang: Lang) =>
      e.problems
        .slice(0, 8)
        .map((p) => `${p.path || '(root)'}: ${p[lang]}`)
        .join('; ') + (e.problems.length > 8 ? ' …' : '');
    return new UserError({ zh: `政策无效：${list('zh')}`, en: `The policy is not valid: ${list('en')}` }, 'policy');
  }
  // Errors that carry their own words (SaidError and those still shaped { said }).
  if (e instanceof SaidError) return new UserError(e.said, 'input');
  if (typeof e === 'object' && e !== null && 'said' in e) {
    const said = (e as { said: unknown }).said as Said | undefined;
    if (said && typeof said.zh === 'string' && typeof said.en === 'string') return new UserError(said, 'input');
  }
  if (e instanceof RangeError && /Invalid array length|Maximum call stack/.test(e.message))
    return new UserError(
      {
        zh: '工作簿太大，浏览器内存不足。请用命令行工具 village-funds 处理。',
        en: 'The workbook is too large for the browser. Use the village-funds command-line tool.',
      },
      'tooLarge',
    );
  // Office.js errors (OfficeExtension.Error): a code and Excel's own message.
  const office = e as { code?: unknown; message?: unknown; debugInfo?: { code?: unknown } } | null;
  const code = office?.debugInfo?.code ?? office?.code;
  if (typeof code === 'string' && typeof office?.message === 'string')
    return new UserError(
      { zh: `Excel 报告错误：${office.message}（${code}）`, en: `Excel reported an error: ${office.message} (${code})` },
      'excel',
    );
  const msg = e instanceof Error ? e.message : String(e);
  return new UserError({ zh: `处理时出错：${msg}`, en: `Something went wrong: ${msg}` }, 'internal');
}

/** The words the pane shows for an error, a cancel included. */
export function errorSaid(e: unknown): Said {
  if (isAbort(e)) return CANCELLED;
  return (toUserError(e) as UserError).said;
}
