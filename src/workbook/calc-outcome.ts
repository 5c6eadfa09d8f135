// What a calc job gives back (calc-job.ts), apart from the computed rows: the
// counts, issues and totals that the report sheets (report.ts) and --json
// (calc-json.ts) are made from. Types only, so the job and the report both
// import them without importing each other.
import type { Totals, TownshipTotals } from '../engine/compute.js';
import type { Said } from '../engine/said.js';
import type { RowIssue } from './issues.js';
import type { RosterSheetSummary } from './roster.js';

export interface RowCounts {
  read: number;
  computed: number;
  rejected: number;
  skipped: number;
}

/** Units by 组织设置 level (ids as OrganisationCheck.levels), in the county and per township. */
export interface OrganisationCounts {
  levels: { id: string; label: Said }[];
  county: Record<string, number>;
  townships: Record<string, Record<string, number>>;
}

export interface CalcOutcome {
  rows: RowCounts;
  sheets: RosterSheetSummary[];
  /** Every issue: sheet-level, rejected, skipped and warned rows, in reading order. */
  issues: RowIssue[];
  county: Totals;
  townships: TownshipTotals[];
  /** Where the policy sets organisational thresholds. */
  organisation?: OrganisationCounts;
}
