// The machine-readable audit (`village-funds audit --json`). Its shape is a contract:
// totals, counts, lines and exceptions with the keys of the issue; fields may be
// added, never renamed or dropped. Money is a two-decimal string.
import type { Calculator } from '../engine/compute.js';
import { moneyString } from '../engine/money.js';
import type { Lang } from '../engine/said.js';
import { STATUS_WORDS, type AuditOutcome } from './outcome.js';

export function auditJson(calc: Calculator, o: AuditOutcome, lang: Lang) {
  const t = o.totals;
  const c = o.counts;
  return {
    ok: o.clean,
    policy: { id: calc.policy.policy.id, year: calc.policy.year, date: calc.policy.date, lines: calc.lineIds },
    audit: { year: o.year, tolerance: moneyString(o.tolerance), asOf: o.asOf, schedule: o.schedule, due: o.due },
    // Before the figures: most payments outside the audit year usually means the wrong year.
    yearHint: o.yearHint,
    totals: {
      entitled: moneyString(t.entitled),
      disbursed: moneyString(t.disbursed),
      matched: moneyString(t.matched),
      unmatched: moneyString(t.unmatched),
      unclassified: moneyString(t.unclassified),
      variance: moneyString(t.variance),
      expected: moneyString(t.expected),
      calcTotal: moneyString(t.calcTotal),
    },
    counts: {
      match: c.match,
      under: c.under,
      over: c.over,
      unpaid: c.unpaid,
      noBasis: c.noBasis,
      duplicates: c.duplicates,
      unclassified: c.unclassified,
      ambiguous: c.ambiguous,
      unknownPayee: c.unknownPayee,
      notEntitled: c.notEntitled,
      outOfYear: c.outOfYear,
      rejected: c.rejected,
      exceptions: c.exceptions,
    },
    controls: o.controls.map((k) => ({
      id: k.id,
      label: k.label[lang],
      left: k.id === 'ledgerRows' ? k.left.toFixed(0) : moneyString(k.left),
      right: k.id === 'ledgerRows' ? k.right.toFixed(0) : moneyString(k.right),
      ties: k.ties,
    })),
    rows: o.rows,
    lines: o.lines.map((l) => ({
      township: l.township,
      name: l.name,
      line: l.line,
      entitled: moneyString(l.entitled),
      disbursed: moneyString(l.disbursed),
      variance: moneyString(l.variance),
      status: STATUS_WORDS[l.status],
      payments: l.payments,
      statusCode: l.status,
      lineLabel: l.lineLabel[lang],
      expected: moneyString(l.expected),
      code: l.code,
      type: l.type,
      reason: l.reason,
      vouchers: l.vouchers,
      duplicates: l.duplicates,
      outOfYear: l.outOfYear,
      roster: l.roster,
      ledgerRows: l.ledgerRows.map((r) => ({
        sheet: r.sheet,
        row: r.row,
        amount: moneyString(r.amount),
        date: r.date,
        voucher: r.voucher,
      })),
    })),
    exceptions: o.exceptions.map((e) => ({
      sheet: e.sheet,
      row: e.row,
      code: e.code,
      message: e.message[lang],
      suggestion: e.suggestion,
      column: e.column,
      severity: e.severity,
      source: e.source,
      messages: e.message,
      payee: e.payee,
      line: e.line,
      amount: e.amount === null ? null : moneyString(e.amount),
      voucher: e.voucher,
      date: e.date,
    })),
    notes: o.notes.map((n) => ({ sheet: n.sheet, row: n.row, code: n.code, message: n.message[lang], column: n.column })),
    rosterWarnings: o.rosterWarnings.map((w) => ({
      sheet: w.sheet,
      row: w.row,
      column: w.column,
      code: w.code,
      message: w.message[lang],
      messages: w.message,
    })),
  };
}

export type AuditJson = ReturnType<typeof auditJson>;
