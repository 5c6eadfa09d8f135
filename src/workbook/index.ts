// The workbook layer's public surface: host-independent readers of messy sheets.
export { type Cell, normalizeText, columnLetter, cellText, numberText, isBlankCell } from './cells.js';
export { type CountResult, type CountFailure, parseCount, isNumberLike } from './numbers.js';
export {
  type HeaderDetection,
  type HeaderBlock,
  type HeaderRules,
  detectHeader,
  HeaderScanner,
  HeaderMatcher,
  headerKey,
  headerText,
  stripBrackets,
  aliasMatcher,
} from './headers.js';
export { type RowIssue, type Severity, type IssuePlace, makeIssue } from './issues.js';
export { type NameRegistry, type FirstSeen, createNameRegistry } from './duplicates.js';
export { ROSTER_FIELDS, ROSTER_REQUIRED, ROSTER_ALIASES, ROSTER_FIELD_LABELS, type RosterField } from './roster-fields.js';
export { ROSTER_ISSUE_CODES, type RosterIssueCode, VILLAGE_POPULATION_LIMIT } from './roster-issues.js';
export { unitTypeFromWord, inferUnitType } from './unit-types.js';
export {
  type RosterColumn,
  type RosterHeader,
  type RosterRowOutcome,
  type RosterSheetSummary,
  type RosterReaderOptions,
  type RosterReader,
  type SkipReason,
  createRosterReader,
  readRosterGrid,
  detectRosterHeader,
} from './roster.js';
