// XML text escaping for SpreadsheetML parts.

// Characters XML 1.0 does not allow at all: dropped rather than written.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/;

export function esc(s: string): string {
  // Most names and figures need nothing: test once instead of replacing twice.
  return NEEDS_WORK.test(s) ? s.replace(INVALID_XML, '').replace(SPECIAL, (c) => ENTITY[c]!) : s;
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
