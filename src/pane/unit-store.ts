// The units of the last calc, kept where they were computed (the worker, the
// task pane); the UI asks for pages of them and for one unit's explanation.
import type { Calculator, UnitResult } from '../engine/compute.js';
import { formatYuan, toChineseCapital } from '../engine/format.js';
import type { Said } from '../engine/said.js';
import { UNIT_TYPE_LABELS } from '../engine/unit.js';
import type { ComputedRow } from '../workbook/report.js';
import { UserError } from './errors.js';
import type { UnitDetail, UnitPage, UnitQuery, UnitRowView } from './host.js';

export class UnitStore {
  private rows: ComputedRow[] = [];
  private labels = new Map<string, Said>();

  set(rows: ComputedRow[], calc: Calculator): void {
    this.rows = rows;
    this.labels = new Map(calc.policy.lines.map((l) => [l.id, l.label]));
  }

  clear(): void {
    this.rows = [];
  }

  query(q: UnitQuery): UnitPage {
    const text = q.text?.trim().toLowerCase() ?? '';
    const ids: number[] = [];
    for (let i = 0; i < this.rows.length; i++) {
      const u = this.rows[i]!.result.unit;
      if (q.township !== undefined && q.township !== '' && u.township !== q.township) continue;
      if (text && !u.name.toLowerCase().includes(text)) continue;
      ids.push(i);
    }
    const offset = Math.max(0, Math.min(q.offset, ids.length));
    const limit = Math.max(1, Math.min(q.limit, 500));
    return { total: ids.length, rows: ids.slice(offset, offset + limit).map((id) => this.row(id)) };
  }

  private row(id: number): UnitRowView {
    const r = this.rows[id]!.result;
    return {
      id,
      township: r.unit.township,
      name: r.unit.name,
      type: UNIT_TYPE_LABELS[r.unit.type],
      population: r.unit.population,
      members: r.unit.membersPrevYear,
      total: formatYuan(r.total),
      ...(this.rows[id]!.organisation ? { organisation: this.rows[id]!.organisation!.label } : {}),
    };
  }

  explain(id: number): UnitDetail {
    const c = this.rows[id];
    if (!c) throw new UserError({ zh: '找不到这个单位，请重新核算。', en: 'This unit is gone; compute again.' });
    const r: UnitResult = c.result;
    return {
      ...this.row(id),
      code: r.unit.code ?? null,
      months: r.unit.monthsActive ?? 12,
      sheet: c.sheet,
      row: c.row,
      capital: toChineseCapital(r.total),
      lines: r.lines.map((l) => ({
        label: this.labels.get(l.line) ?? { zh: l.line, en: l.line },
        amount: formatYuan(l.amount),
        applies: l.explanation.rule !== 'notApplicable',
        text: l.explanation.text,
        clause: l.explanation.clause,
      })),
      ...(c.organisation ? { organisationText: c.organisation.explanation } : {}),
    };
  }
}
