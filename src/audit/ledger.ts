// Reading payment-ledger (拨付明细) sheets row by row. Streams like the roster reader:
// only the first rows are kept until the header is found, then each row is decided as
// it arrives. Every row below the header is a payment, rejected (its amount cannot be
// read) or skipped with a reason (blank, subtotal, repeated header): never lost.
import type { Decimal } from '../engine/money.js';
import { type Cell, cellText, columnLetter, isCellError, normalizeText } from '../workbook/cells.js';
import { type HeaderBlock, HeaderScanner, aliasMatcher, headerKey, headerLikeCells, saysTotal } from '../workbook/headers.js';
import { type IssuePlace, type RowIssue, errorValueIssue } from '../workbook/issues.js';
import { ContentSeen, type SheetKind, notReadWhy } from '../workbook/not-read.js';
import type { WorkbookSource } from '../workbook/source.js';
import { countDate, type YearCounts } from '../workbook/year-evidence.js';
import { auditIssue } from './issues.js';
import { LEDGER_ALIASES, LEDGER_FIELDS, LEDGER_FIELD_LABELS, type LedgerField } from './ledger-fields.js';
import { divisionCode, parseAmount, parseDate } from './parse.js';
import { text } from './text.js';

const isBlankCell = (c: Cell): boolean => c === null || c === undefined || text(c) === '';

export interface LedgerColumn {
  index: number;
  letter: string;
  header: string;
}

export interface LedgerHeader {
  /** Excel row of the (last) header row. */
  row: number;
  topRow: number;
  columns: Partial<Record<LedgerField, LedgerColumn>>;
  /** The amount column is in 万元. */
  inWan: boolean;
}

export interface LedgerPayment {
  sheet: string;
  row: number;
  /** Yuan, to the fen; negative for a reversal. */
  amount: Decimal;
  /** The amount cell as written, for messages. */
  amountCell: Cell;
  /** ISO date, or null when missing or unreadable. */
  date: string | null;
  voucher: string;
  /** Township from the ledger's column (carried down under merged cells), else null. */
  township: string | null;
  payee: string;
  code: string | null;
  category: string;
  summary: string;
  /** Problems found reading the row (dates, codes, unusual amounts). */
  issues: RowIssue[];
  header: LedgerHeader;
}

export type LedgerSkipReason = 'blank' | 'repeatedHeader' | 'subtotal';

export type LedgerRowOutcome =
  | { kind: 'payment'; payment: LedgerPayment }
  | { kind: 'rejected'; sheet: string; row: number; issues: RowIssue[]; voucher: string; date: string | null }
  | { kind: 'skipped'; sheet: string; row: number; reason: LedgerSkipReason; issue: RowIssue };

export interface LedgerSheetSummary {
  sheet: string;
  header: LedgerHeader | null;
  /** Rows after the header: always payments + rejected + skipped. */
  read: number;
  payments: number;
  rejected: number;
  skipped: number;
  /** Sheet-level notes (NO_HEADER, NO_DATE_COLUMN, AMOUNT_IN_WAN). */
  issues: RowIssue[];
}

export interface LedgerReader {
  push(rowNumber: number, cells: readonly Cell[]): LedgerRowOutcome[];
  finish(): LedgerSheetSummary;
  readonly header: LedgerHeader | null | undefined;
}

const SUBTOTAL = /小计|合计|总计|累计|^(sub|grand)?total/;
const exactAlias = Object.fromEntries(LEDGER_FIELDS.map((f) => [f, aliasMatcher(LEDGER_ALIASES[f])])) as Record<
  LedgerField,
  (t: string) => 0 | 1 | 2
>;

class LedgerSheetReader implements LedgerReader {
  private active: { header: LedgerHeader; col: Partial<Record<LedgerField, number>>; headerKeys: string[][] } | null | undefined;
  private readonly scanner: HeaderScanner<LedgerField>;
  private readonly rowNumbers: number[] = [];
  private readonly sheetIssues: RowIssue[] = [];
  private counts = { read: 0, payments: 0, rejected: 0, skipped: 0 };
  private lastTownship: string | null = null;
  private finished = false;
  /** No header: the NO_HEADER note is made at finish(), when it is known whether the sheet held anything. */
  private notRead = false;
  /** A block that named the amount but neither payee nor summary: the nearest candidate. */
  private rejectedBlock: HeaderBlock<LedgerField> | null = null;
  private readonly seen = new ContentSeen();

  constructor(
    private readonly sheet: string,
    private readonly maxHeaderRows = 20,
    private readonly kind?: SheetKind,
  ) {
    this.scanner = new HeaderScanner<LedgerField>({ aliases: LEDGER_ALIASES, required: ['amount'], minFields: 3 }, maxHeaderRows);
  }

  get header(): LedgerHeader | null | undefined {
    return this.active === undefined ? undefined : (this.active?.header ?? null);
  }

  push(rowNumber: number, cells: readonly Cell[]): LedgerRowOutcome[] {
    if (this.finished) throw new Error(`ledger reader for sheet "${this.sheet}" is finished`);
    if (this.active) return [this.classify(rowNumber, cells)];
    this.seen.see(cells);
    if (this.active === null) return [];
    this.rowNumbers.push(rowNumber);
    const block = this.scanner.push(cells);
    if (block === undefined) return [];
    this.activate(block);
    if (!this.active) return [];
    const out: LedgerRowOutcome[] = [];
    for (let i = block!.bottom + 1; i < this.scanner.rows.length; i++)
      out.push(this.classify(this.rowNumbers[i] ?? 0, this.scanner.rows[i] ?? []));
    return out;
  }

  finish(): LedgerSheetSummary {
    if (!this.finished) {
      if (this.active === undefined) this.activate(this.scanner.finish());
      if (this.notRead) this.sheetIssues.push(auditIssue.noHeader(this.sheet, this.whyNotRead()));
      this.finished = true;
    }
    return { sheet: this.sheet, header: this.header ?? null, ...this.counts, issues: [...this.sheetIssues] };
  }

  private activate(block: HeaderBlock<LedgerField> | null): void {
    if (!block || (!block.matches.payee && !block.matches.summary)) {
      this.active = null;
      this.notRead = true;
      this.rejectedBlock = block;
      return;
    }
    const col: Partial<Record<LedgerField, number>> = {};
    const columns: Partial<Record<LedgerField, LedgerColumn>> = {};
    for (const f of LEDGER_FIELDS) {
      const m = block.matches[f];
      if (!m) continue;
      col[f] = m.col;
      columns[f] = { index: m.col, letter: columnLetter(m.col), header: m.text };
    }
    const rowNo = (i: number) => this.rowNumbers[i] ?? i + 1;
    const inWan = /万元/.test(normalizeText(columns.amount?.header ?? ''));
    const header: LedgerHeader = { row: rowNo(block.bottom), topRow: rowNo(block.top), columns, inWan };
    const rows =
      block.top === block.bottom
        ? [this.scanner.rows[block.bottom] ?? []]
        : [this.scanner.rows[block.top] ?? [], this.scanner.rows[block.bottom] ?? []];
    this.active = { header, col, headerKeys: rows.map((r) => Array.from(r, (c) => headerKey(cellText(c)))) };
    if (col.date === undefined) this.sheetIssues.push(auditIssue.noDateColumn(this.sheet));
    if (inWan)
      this.sheetIssues.push(
        auditIssue.amountInWan({ sheet: this.sheet, row: header.row, column: col.amount ?? null, header: columns.amount?.header }),
      );
  }

  private whyNotRead() {
    const payeeOrSummary = { zh: '收款单位或摘要', en: 'payee or summary' };
    return notReadWhy(
      this.kind,
      this.seen,
      this.maxHeaderRows,
      this.rejectedBlock ?? this.scanner.nearest,
      (i) => this.rowNumbers[i] ?? i + 1,
      LEDGER_FIELD_LABELS,
      (b) => [...(b.matches.amount ? [] : [LEDGER_FIELD_LABELS.amount]), ...(b.matches.payee || b.matches.summary ? [] : [payeeOrSummary])],
    );
  }

  private classify(row: number, cells: readonly Cell[]): LedgerRowOutcome {
    const h = this.active!;
    const sheet = this.sheet;
    this.counts.read++;
    const get = (f: LedgerField): Cell => {
      const c = h.col[f];
      return c === undefined ? undefined : cells[c];
    };
    const at = (f: LedgerField | null): IssuePlace => {
      const c = f === null ? undefined : h.col[f];
      return c === undefined || f === null ? { sheet, row, column: null } : { sheet, row, column: c, header: h.header.columns[f]?.header };
    };
    const skip = (reason: LedgerSkipReason, issue: RowIssue): LedgerRowOutcome => {
      this.counts.skipped++;
      return { kind: 'skipped', sheet, row, reason, issue };
    };

    if (cells.every((c) => isBlankCell(c))) return skip('blank', auditIssue.blank(at(null), false));
    if (this.isRepeatedHeader(cells)) return skip('repeatedHeader', auditIssue.repeatedHeader(at(null)));
    const total = this.subtotalCell(cells);
    if (total) {
      this.lastTownship = null;
      const a = parseAmount(get('amount'), { inWan: h.header.inWan });
      return skip(
        'subtotal',
        auditIssue.subtotal({ sheet, row, column: total.col, header: total.header }, total.cell, a.ok ? a.value : null),
      );
    }
    const amountCell = get('amount');
    if (isBlankCell(amountCell) && (['payee', 'voucher', 'code'] as const).every((f) => isBlankCell(get(f))))
      return skip('blank', auditIssue.blank(at(null), true));

    // Township carried down: merged township cells arrive empty below their first row.
    let township: string | null = null;
    if (h.col.township !== undefined) {
      const t = isCellError(get('township')) ? '' : text(get('township'));
      if (t) this.lastTownship = t;
      township = this.lastTownship;
    }

    const rejected = (issue: RowIssue): LedgerRowOutcome => {
      this.counts.rejected++;
      // The voucher and date still name the row for the auditor.
      const d = h.col.date === undefined ? null : parseDate(get('date'));
      return { kind: 'rejected', sheet, row, issues: [issue], voucher: text(get('voucher')), date: d?.ok ? d.iso : null };
    };
    if (isCellError(amountCell)) return rejected(errorValueIssue(at('amount'), amountCell, 'error'));
    const amount = parseAmount(amountCell, { inWan: h.header.inWan });
    if (!amount.ok)
      return rejected(amount.reason === 'empty' ? auditIssue.missingAmount(at('amount')) : auditIssue.badAmount(at('amount'), amountCell));

    const issues: RowIssue[] = [];
    // An error value (#N/A …) elsewhere in a payment row is named and read as blank: the amount still counts.
    const value = (f: LedgerField): Cell => {
      const cell = get(f);
      if (!isCellError(cell)) return cell;
      issues.push(errorValueIssue(at(f), cell, 'warning'));
      return null;
    };
    value('township'); // read above; named here
    if (amount.rounded) issues.push(auditIssue.fractionOfFen(at('amount'), amountCell, amount.value));
    if (amount.value.isNegative()) issues.push(auditIssue.negativeAmount(at('amount'), amount.value));
    else if (amount.value.isZero()) issues.push(auditIssue.zeroAmount(at('amount')));

    let date: string | null = null;
    if (h.col.date !== undefined) {
      const dateCell = value('date');
      const d = parseDate(dateCell);
      if (d.ok) date = d.iso;
      else if (!isCellError(get('date')))
        issues.push(d.reason === 'empty' ? auditIssue.missingDate(at('date')) : auditIssue.badDate(at('date'), dateCell));
    }

    let code: string | null = null;
    const codeCell = value('code');
    if (!isBlankCell(codeCell)) {
      code = divisionCode(codeCell) ?? null;
      if (code === null) issues.push(auditIssue.badCode(at('code'), codeCell));
    }

    this.counts.payments++;
    return {
      kind: 'payment',
      payment: {
        sheet,
        row,
        amount: amount.value,
        amountCell,
        date,
        voucher: text(value('voucher')),
        township,
        payee: text(value('payee')),
        code,
        category: text(value('category')),
        summary: text(value('summary')),
        issues,
        header: h.header,
      },
    };
  }

  private isRepeatedHeader(cells: readonly Cell[]): boolean {
    const h = this.active!;
    if (parseAmount(cells[h.col.amount ?? -1], { inWan: h.header.inWan }).ok) return false;
    return headerLikeCells(cells, h.col, h.headerKeys, exactAlias) >= 2;
  }

  private subtotalCell(cells: readonly Cell[]): { col: number; cell: Cell; header?: string } | null {
    const h = this.active!;
    const fields: LedgerField[] = ['payee', 'township', 'voucher', 'date'];
    if (isBlankCell(h.col.payee === undefined ? undefined : cells[h.col.payee])) fields.push('summary');
    const candidates: { col: number; header?: string }[] = [];
    for (const f of fields) {
      const c = h.col[f];
      if (c !== undefined) candidates.push({ col: c, header: h.header.columns[f]?.header });
    }
    const first = cells.findIndex((c) => !isBlankCell(c));
    if (first >= 0 && first !== h.col.summary && first !== h.col.category) candidates.push({ col: first });
    for (const { col, header } of candidates) {
      const cell = cells[col];
      if (typeof cell === 'string' && saysTotal(cell, SUBTOTAL)) return { col, cell, header };
    }
    return null;
  }
}

/** A streaming reader for one ledger sheet. */
export function createLedgerReader(sheet: string, options: { maxHeaderRows?: number; kind?: SheetKind } = {}): LedgerReader {
  return new LedgerSheetReader(sheet, options.maxHeaderRows, options.kind);
}

/**
 * Dated payments per year in a ledger workbook, payees left unresolved: the
 * evidence for the audit year when neither the user nor the roster's title names one.
 */
export async function ledgerYearCounts(source: WorkbookSource): Promise<YearCounts> {
  const counts: YearCounts = {};
  for await (const sheet of source) {
    const reader = createLedgerReader(sheet.name, { kind: sheet.kind });
    for await (const { row, cells } of sheet.rows)
      for (const o of reader.push(row, cells)) if (o.kind === 'payment' && o.payment.date) countDate(counts, o.payment.date);
    reader.finish();
  }
  return counts;
}

/** Reads a whole grid; rows[0] is Excel row `firstRow`. */
export function readLedgerGrid(sheet: string, rows: readonly (readonly Cell[] | undefined)[], firstRow = 1) {
  const reader = createLedgerReader(sheet);
  const outcomes: LedgerRowOutcome[] = [];
  rows.forEach((cells, i) => outcomes.push(...reader.push(firstRow + i, cells ?? [])));
  return { outcomes, summary: reader.finish() };
}
