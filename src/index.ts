// The package's public API (see README "Using the engine from a script").
export * from './engine/index.js';
export { readRosterGrid, detectRosterHeader, createRosterReader } from './workbook/roster.js';
export { calcReport, runCalc } from './workbook/calc-job.js';
export { gridSource, type SheetSource, type WorkbookSource } from './workbook/source.js';
export { auditReport } from './audit/index.js';
