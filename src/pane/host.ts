// The seam between the shared pane (src/ui, React) and the faces that run it:
// the standalone web page (src/web: files in, a downloaded workbook out, work
// in a Web Worker) and the task panes over an open workbook (src/addin for
// Excel through Office.js, src/wps for WPS 表格; both through workbook-host.ts).
//
// Everything that crosses this interface is plain, structured-cloneable data
// (strings, numbers, arrays, File), so the web host can pass it to and from its
// worker unchanged. This file holds types only: the page's initial bundle
// carries no engine code.
import type { Lang, Said } from '../engine/said.js';
import type { RosterField } from '../workbook/roster-fields.js';
import type { RowIssue, Severity } from '../workbook/issues.js';
import type { WarningKind } from '../workbook/warnings.js';

export type Face = 'web' | 'excel';

// ---------------------------------------------------------------------------
// Inputs

/** A column the user can pick for a roster field. */
export interface ColumnChoice {
  /** 0-based (0 = column A). */
  index: number;
  letter: string;
  /** Header text found over the column ('' when none). */
  header: string;
}

/** Field -> 0-based column; null means "this sheet has no such column". */
export type FieldMapping = Partial<Record<RosterField, number | null>>;

export interface SheetInfo {
  name: string;
  /** Rows in the sheet's used range. */
  rows: number;
  /** Excel row number of the detected roster header, null when none was found. */
  headerRow: number | null;
  /** What detection found: field -> column. */
  detected: Partial<Record<RosterField, number>>;
  /** Columns offered in the mapping editor. */
  columns: ColumnChoice[];
  /** A sheet this tool wrote (a report): never offered as input. */
  generated?: boolean;
  /** Why the sheet is not a roster (empty, a chart sheet, the header row's missing columns), when no header was found. */
  notRoster?: Said;
  /** A roster sheet's title rows above its header ("2025年度…测算表"): where the year field's default comes from. */
  titles?: string[];
}

export interface WorkbookInfo {
  /** File name (web) or "当前工作簿" (Excel). */
  name: string;
  sheets: SheetInfo[];
  /** A ledger file (web): dated payments per year ("2025" -> 712), for the year field when the roster's title names none. */
  paymentYears?: Record<string, number>;
}

/** Which roster sheets to read and the user's column corrections per sheet. */
export interface RosterSelection {
  sheets: string[];
  mappings: Record<string, FieldMapping>;
}

export type PolicyChoice =
  | { kind: 'builtin' }
  /** A policy file (JSON or YAML) the user chose; its text. */
  | { kind: 'file'; name: string; text: string }
  /** The sheet named 政策参数 in the open workbook (Excel only). */
  | { kind: 'sheet' };

export interface CalcRequest {
  /** Web: the roster workbook file. Excel: unused (the open workbook). */
  roster?: File;
  selection: RosterSelection;
  policy: PolicyChoice;
  year: number;
  /** Language of the written sheets. */
  lang: Lang;
}

export interface AuditRequest extends CalcRequest {
  /** Web: the ledger workbook (拨付明细). */
  ledger?: File;
  /** The ledger sheet (Excel: a sheet of the open workbook; web: a sheet of the ledger file, or all when absent). */
  ledgerSheet?: string;
}

export type Phase = 'load' | 'read' | 'compute' | 'write' | 'save';

export interface Progress {
  phase: Phase;
  done?: number;
  total?: number;
}

export type ProgressFn = (p: Progress) => void;

// ---------------------------------------------------------------------------
// Results

export interface MoneyView {
  /** "1,234,567.00" */
  text: string;
  /** For drawing bars only; never for sums. */
  value: number;
}

export interface PolicyRuleView {
  type: Said;
  text: Said;
}

export interface PolicyView {
  id: string;
  title: Said;
  source: PolicyChoice['kind'];
  /** File or sheet the policy came from. */
  sourceName?: string;
  year: number;
  /** The date whose values are in force (1 January of the year). */
  date: string;
  rounding: string;
  document: string;
  lines: { id: string; label: Said; clause: string; rules: PolicyRuleView[] }[];
}

/** A row issue as the workbook layer gives it, plus what an audit exception is about. */
export interface IssueView extends RowIssue {
  /** Audit exceptions: the payee, fund line and amount the row is about, when it names them. */
  payee?: string | null;
  line?: Said | null;
  amount?: string | null;
}

/** A kind of problem (an issue code at a severity), in words, with how many there are. */
export interface ProblemKindView {
  code: string;
  severity: Severity;
  label: Said;
  count: number;
}

/** A list of problems as the pane shows it: grouped by kind, counted; `items` may stop before `total` (the sheet has them all). */
export interface ProblemsView {
  kinds: ProblemKindView[];
  items: IssueView[];
  total: number;
}

export interface RowCountsView {
  read: number;
  computed: number;
  rejected: number;
  skipped: number;
}

export type OutputView =
  /** Web: the result workbook, downloaded (and downloadable again from `url`). */
  | { kind: 'download'; fileName: string; url: string; bytes: number }
  /** Excel: the sheets written into the open workbook. */
  | { kind: 'sheets'; sheets: string[] };

export interface CalcView {
  kind: 'calc';
  policy: { id: string; title: Said; year: number; date: string };
  lines: { id: string; label: Said }[];
  county: { units: number; total: MoneyView; wan: string; capital: string; lines: MoneyView[] };
  townships: { name: string; units: number; total: MoneyView; lines: MoneyView[] }[];
  rows: RowCountsView;
  sheets: ({ sheet: string; headerRow: number | null } & RowCountsView)[];
  /** `top`: the first issues, errors first; `kinds`: every issue counted by kind. */
  issues: { counts: Record<Severity, number>; total: number; top: IssueView[]; kinds: ProblemKindView[] };
  /** Units by 组织设置 level in the county, where the policy sets thresholds. */
  organisation?: { label: Said; units: number }[];
  /** Warnings by kind, for the headline (units computed, but to check); `text` is '' when there are none. */
  warnings: { kinds: WarningKind[]; text: Said };
  output: OutputView;
  /** Wall time of the run in milliseconds. */
  ms: number;
}

/** A report sheet shown as a small table (audit summary). */
export interface TableView {
  name: string;
  title?: string;
  columns: string[];
  rows: string[][];
  /** Rows in the sheet (the table may show fewer). */
  totalRows: number;
  /** Per column: figures (right-aligned). */
  numeric?: boolean[];
  /** Indexes of total rows (bold). */
  totals?: number[];
}

export interface AuditView {
  kind: 'audit';
  /** The written sheets with their row counts. */
  sheets: { name: string; rows: number }[];
  /** The summary sheet (审计汇总), shown as a table. */
  summary: TableView | null;
  /** The first rows of the exceptions sheet (异常清单). */
  exceptions: TableView | null;
  /** The exceptions (异常清单) grouped by kind; the roster's warnings and the notes are not in it. */
  problems?: ProblemsView;
  /** Extra figures the audit reports (label -> value), when it gives any; `group` says which card (and unit) it belongs to. */
  figures: { label: Said; value: string; group?: 'money' | 'pairs' | 'rows' }[];
  /** Said before the figures when most dated payments fall outside the audit year, naming the year they are in. */
  yearHint?: Said;
  output: OutputView;
  ms: number;
}

export interface UnitQuery {
  text?: string;
  township?: string;
  offset: number;
  limit: number;
}

export interface UnitRowView {
  id: number;
  township: string;
  name: string;
  type: Said;
  population: number;
  members: number;
  total: string;
  /** 组织设置, where the policy sets thresholds. */
  organisation?: Said;
}

export interface UnitPage {
  total: number;
  rows: UnitRowView[];
}

export interface UnitDetail extends UnitRowView {
  code: string | null;
  months: number;
  sheet: string;
  row: number;
  capital: string;
  lines: { label: Said; amount: string; applies: boolean; text: Said; clause: string }[];
  /** Why 组织设置 says what it says (the member count, the threshold, the clause). */
  organisationText?: Said;
}

// ---------------------------------------------------------------------------
// The host

export interface Host {
  readonly face: Face;
  /** Language to start in. */
  readonly lang: Lang;
  /** Where a policy may come from on this face. */
  readonly policySources: readonly PolicyChoice['kind'][];
  /** Whether 审计 is available (the audit module is built in). */
  readonly canAudit: boolean;
  /** Reads the roster workbook (web: the chosen file; Excel: the open workbook) and detects roster sheets. */
  inspect(file: File | undefined, signal: AbortSignal): Promise<WorkbookInfo>;
  /** Web: reads the ledger file's sheet list. */
  inspectLedger?(file: File, signal: AbortSignal): Promise<WorkbookInfo>;
  /** The policy in force for a year, as lines and clauses. */
  describePolicy(choice: PolicyChoice, year: number): Promise<PolicyView>;
  calc(req: CalcRequest, onProgress: ProgressFn, signal: AbortSignal): Promise<CalcView>;
  audit(req: AuditRequest, onProgress: ProgressFn, signal: AbortSignal): Promise<AuditView>;
  /** Units of the last calc, filtered and paged. */
  units(q: UnitQuery): Promise<UnitPage>;
  /** One unit of the last calc with its explanation. */
  explain(id: number): Promise<UnitDetail>;
  /** Excel: select a cell of the workbook ("'城关镇'!E12"). */
  showCell?(ref: string): Promise<void>;
}
