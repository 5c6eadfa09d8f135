// Which budget year a run is for when the user names none, and whether the
// ledger's payments agree with the audit year. Pure: each face gathers the
// evidence (a roster sheet's title rows, the ledger's payment dates) and shows
// the sentence this module words. The order of evidence, strongest first:
//
//   1. the year the user gave (--year, the pane's year field);
//   2. the year the first roster sheet's title rows name ("2025年度…测算表");
//   3. (audit) the year most of the ledger's payment dates fall in;
//   4. the calendar year.
//
// Title and ledger are both read when both are at hand; when they disagree the
// title wins and the sentence says so.
import { normalizeText } from './cells.js';
import type { Said } from '../engine/said.js';

export type YearSource = 'option' | 'title' | 'ledger' | 'calendar';

/** A year a roster sheet's title rows name. */
export interface TitleYear {
  year: number;
  sheet: string;
  /** The title row that names it, as written. */
  title: string;
}

/** Dated payments per year ("2025" -> 712). */
export type YearCounts = Record<string, number>;

export interface MostYear {
  year: number;
  /** Payments dated in that year. */
  count: number;
  /** Dated payments in all. */
  total: number;
}

export interface YearChoice {
  year: number;
  source: YearSource;
  title: TitleYear | null;
  /** The year most dated payments fall in, when the ledger was read for it. */
  ledger: MostYear | null;
  /** The roster title and the ledger's dates name different years. */
  disagree: boolean;
}

/** What the audit's payments say about its year: the `yearHint` of the audit's --json. */
export interface YearHint {
  auditYear: number;
  /** Payments with a readable date. */
  datedPayments: number;
  /** Of those, paid outside the audit year. */
  paymentsOutside: number;
  /** The year most dated payments fall in; null when none is dated. */
  mostIn: number | null;
  /** More than half the dated payments fall outside the audit year. */
  mostlyOutside: boolean;
}

const CN_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const CN_YEAR = /[〇零一二三四五六七八九]{4}(?=\s*年)/g;
// A year before 年, not part of a date (2025年1月6日 is when the form was filled in, not what for).
const YEAR = /(?<!\d)((?:19|20)\d{2})\s*年(度)?(?!\s*\d{1,2}\s*月)/g;

/** The budget year a title names: the first "YYYY年度", else the first "YYYY年" that is not a date; 二〇二五年 too. */
export function yearInTitle(text: string): number | null {
  if (!text.includes('年')) return null;
  const t = normalizeText(text).replace(CN_YEAR, (m) => [...m].map((c) => CN_DIGITS[c]).join(''));
  let first: number | null = null;
  for (const m of t.matchAll(YEAR)) {
    if (m[2]) return Number(m[1]);
    first ??= Number(m[1]);
  }
  return first;
}

/** The first roster sheet whose title rows name a year (sheets in reading order). */
export function titleYear(sheets: readonly { sheet: string; titles: readonly string[] }[]): TitleYear | null {
  for (const s of sheets)
    for (const title of s.titles) {
      const year = yearInTitle(title);
      if (year !== null) return { year, sheet: s.sheet, title };
    }
  return null;
}

/** Adds one payment date (ISO, "2025-03-20") to the counts. */
export function countDate(counts: YearCounts, isoDate: string): void {
  const y = isoDate.slice(0, 4);
  counts[y] = (counts[y] ?? 0) + 1;
}

/** The year most dated payments fall in (on a tie, the later year); null when none is dated. */
export function mostYear(counts: YearCounts): MostYear | null {
  let best: MostYear | null = null;
  let total = 0;
  for (const [y, n] of Object.entries(counts)) {
    total += n;
    const year = Number(y);
    if (!best || n > best.count || (n === best.count && year > best.year)) best = { year, count: n, total: 0 };
  }
  return best && { ...best, total };
}

/** Decides the year by the order of evidence above. */
export function chooseYear(e: {
  option?: number | null;
  title?: TitleYear | null;
  ledger?: YearCounts | null;
  calendar: number;
}): YearChoice {
  const title = e.title ?? null;
  const ledger = e.ledger ? mostYear(e.ledger) : null;
  const disagree = !!title && !!ledger && title.year !== ledger.year;
  if (e.option !== undefined && e.option !== null) return { year: e.option, source: 'option', title, ledger, disagree };
  if (title) return { year: title.year, source: 'title', title, ledger, disagree };
  if (ledger) return { year: ledger.year, source: 'ledger', title, ledger, disagree };
  return { year: e.calendar, source: 'calendar', title, ledger, disagree };
}

const short = (s: string): string => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/** The sentence saying where the year came from; null when the user gave it and nothing disagrees. */
export function yearChoiceSaid(c: YearChoice, audit = false): Said | null {
  const l = c.ledger;
  const clash: Said =
    c.disagree && c.title && l
      ? {
          zh: `；但拨付明细中多数拨付（${l.count}/${l.total}笔）在${l.year}年，与名册标题的${c.title.year}年度不一致`,
          en: `; but most payments in the ledger (${l.count} of ${l.total}) are dated ${l.year}, not the title's ${c.title.year}`,
        }
      : { zh: '', en: '' };
  switch (c.source) {
    case 'option':
      return null;
    case 'title': {
      const t = short(c.title!.title);
      return {
        zh: `未指定年度，按名册标题「${t}」取${c.year}年度${clash.zh}。`,
        en: `No year given: ${c.year}, from the roster's title "${t}"${clash.en}.`,
      };
    }
    case 'ledger':
      return {
        zh: `未指定年度，名册标题未写年度，按拨付明细中多数拨付日期（${l!.count}/${l!.total}笔）取${c.year}年度。`,
        en: `No year given and none in the roster's title: ${c.year}, the year of most payment dates in the ledger (${l!.count} of ${l!.total}).`,
      };
    case 'calendar':
      return audit
        ? {
            zh: `未指定年度，名册标题和拨付日期均未说明年度，按当前年份取${c.year}年度。`,
            en: `No year given, and neither the roster's title nor the payment dates name one: ${c.year}, the current year.`,
          }
        : {
            zh: `未指定年度，名册标题未写年度，按当前年份取${c.year}年度。`,
            en: `No year given and none in the roster's title: ${c.year}, the current year.`,
          };
  }
}

/** What the dated payments say about the audit year. */
export function yearHint(auditYear: number, counts: YearCounts): YearHint {
  const most = mostYear(counts);
  const dated = most?.total ?? 0;
  const outside = dated - (counts[String(auditYear)] ?? 0);
  return { auditYear, datedPayments: dated, paymentsOutside: outside, mostIn: most?.year ?? null, mostlyOutside: outside * 2 > dated };
}

/** The warning to show before the exceptions when most payments fall outside the audit year; null otherwise. */
export function yearHintSaid(h: YearHint): Said | null {
  if (!h.mostlyOutside || h.mostIn === null) return null;
  // Spread over several years, the audit year may still hold the most: then there is no other year to suggest.
  if (h.mostIn === h.auditYear)
    return {
      zh: `注意：有日期的${h.datedPayments}笔拨付中${h.paymentsOutside}笔不在审计年度${h.auditYear}年内。`,
      en: `Note: ${h.paymentsOutside} of ${h.datedPayments} dated payments fall outside the audit year ${h.auditYear}.`,
    };
  return {
    zh: `注意：有日期的${h.datedPayments}笔拨付中${h.paymentsOutside}笔不在审计年度${h.auditYear}年内，多数在${h.mostIn}年，是否应审计${h.mostIn}年度？`,
    en: `Note: ${h.paymentsOutside} of ${h.datedPayments} dated payments fall outside the audit year ${h.auditYear}, most in ${h.mostIn}: should the audit be for ${h.mostIn}?`,
  };
}
