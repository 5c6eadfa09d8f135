// The page as printed (the 打印 button, or the browser's own print): the
// results only — totals, 乡镇汇总, the problems — without the inputs, the
// buttons or anything else one cannot use on paper. Elements marked
// `data-noprint` are left out; `data-print-full` lists print in full (no scroll box).
import { makeStaticStyles } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

export const usePrintStyles = makeStaticStyles(`
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  [data-noprint], input, select, textarea, button, [role="radiogroup"] { display: none !important; }
  [data-print-full] { max-height: none !important; overflow: visible !important; }
  html, body, main { background: #fff !important; }
  main { max-width: none !important; padding: 0 !important; }
  table { page-break-inside: auto; }
  tr, dl, h2, h3 { page-break-inside: avoid; }
  h2, h3 { page-break-after: avoid; }
}
`);

/** Whether the page is being printed: lists show every item they hold, not a page of them. */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const query = window.matchMedia?.('print');
    // The browser lays the page out for print right after beforeprint: render the full lists now.
    const on = () => flushSync(() => setPrinting(true));
    const off = () => setPrinting(false);
    const change = (e: MediaQueryListEvent) => setPrinting(e.matches);
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    query?.addEventListener?.('change', change);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
      query?.removeEventListener?.('change', change);
    };
  }, []);
  return printing;
}
