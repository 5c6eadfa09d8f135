// Control totals as an invariant over generated ledgers: whatever the ledger holds,
// ledger total = matched + unmatched + unclassified = the sum of every line's disbursed,
// the entitlements sum to the calc total, and every row read is a payment, rejected or skipped.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { auditReport, nameKey } from '../src/audit/index.js';
import { Decimal, calculator, computeAll, ZERO } from '../src/engine/index.js';
import type { Unit, UnitType } from '../src/engine/unit.js';
import type { Cell } from '../src/workbook/cells.js';
import { gridSource } from '../src/workbook/source.js';

const TOWNSHIPS = ['城关镇', '河口镇', '南山乡'];
const NAMES = ['东风村', '西湖村', '幸福社区', '石桥村', '新河社区', '柳林农村社区', '红星村'];
const STRANGERS = ['红旗村', '西胡村', '东风社区', '', '幸福'];
const TYPE_WORD: Record<UnitType, string> = { village: '村', urbanCommunity: '社区', ruralCommunity: '农村社区' };
const typeOf = (name: string): UnitType =>
  name.endsWith('农村社区') ? 'ruralCommunity' : name.endsWith('社区') ? 'urbanCommunity' : 'village';
const CATEGORIES = ['办公经费', '党建经费', '党员活动经费', '社区服务群众专项经费', '活动经费', '补助', null];
const FORMS = ['', '村民委员会', '委会', '居民委员会'];

const unitArb = fc.record({
  township: fc.constantFrom(...TOWNSHIPS),
  name: fc.constantFrom(...NAMES),
  population: fc.integer({ min: 0, max: 12000 }),
  membersPrevYear: fc.integer({ min: 0, max: 300 }),
});

type Kind = 'payment' | 'blank' | 'subtotal' | 'header' | 'badAmount' | 'noAmount';

const rowArb = fc.record({
  kind: fc.constantFrom<Kind>(
    'payment',
    'payment',
    'payment',
    'payment',
    'payment',
    'payment',
    'blank',
    'subtotal',
    'header',
    'badAmount',
    'noAmount',
  ),
  unit: fc.nat(),
  stranger: fc.boolean(),
  strangerName: fc.constantFrom(...STRANGERS),
  form: fc.constantFrom(...FORMS),
  withTownship: fc.boolean(),
  category: fc.constantFrom(...CATEGORIES),
  inSummary: fc.boolean(),
  fen: fc.integer({ min: -500_000, max: 10_000_000_00 }),
  amountForm: fc.integer({ min: 0, max: 4 }),
  month: fc.integer({ min: 0, max: 13 }),
  voucher: fc.integer({ min: 0, max: 5 }),
});

const HEADER = ['日期', '凭证号', '乡镇', '收款单位', '经费类别', '摘要', '金额（元）'];

function money(fen: number, form: number): Cell {
  const v = new Decimal(fen).dividedBy(100);
  switch (form) {
    case 0:
      return Number(v.toFixed(2));
    case 1:
      return `${v.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}元`;
    case 2:
      return v.toFixed(2).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    case 3:
      return v.isNegative() ? `(${v.abs().toFixed(2)})` : `¥${v.toFixed(2)}`;
    default:
      return v.toFixed(2);
  }
}

type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function build(units: Unit[], rows: Row[]) {
  const grid: Cell[][] = [['拨付明细'], HEADER];
  let expected = ZERO;
  let payments = 0;
  let rejected = 0;
  let skipped = 0;
  for (const r of rows) {
    const u = units[r.unit % units.length]!;
    const name = r.stranger ? r.strangerName : u.name + (u.name.endsWith('村') && r.form.includes('委') ? r.form : '');
    const date = r.month === 0 ? '2024-12-31' : r.month === 13 ? '2026年1月2日' : `2025.${r.month}.15`;
    const township = r.withTownship ? u.township : null;
    const summary = r.inSummary && r.category ? `拨付${name}${r.category}` : `拨付${name}`;
    const category = r.inSummary ? null : r.category;
    switch (r.kind) {
      case 'payment': {
        grid.push([date, `v${r.voucher}`, township, name === '' ? null : name, category, summary, money(r.fen, r.amountForm)]);
        expected = expected.plus(new Decimal(r.fen).dividedBy(100));
        payments++;
        break;
      }
      case 'blank':
        grid.push([]);
        skipped++;
        break;
      case 'subtotal':
        grid.push([null, null, `${u.township}小计`, null, null, null, money(r.fen, 0)]);
        skipped++;
        break;
      case 'header':
        grid.push(HEADER);
        skipped++;
        break;
      case 'badAmount':
        grid.push([date, 'x', township, u.name, category, summary, '约一万']);
        rejected++;
        break;
      case 'noAmount':
        grid.push([date, 'x', township, u.name, category, summary, null]);
        rejected++;
        break;
    }
  }
  // A header repeated right below the header reads as one two-row header (as exceljs
  // gives merged header cells): part of the header, not a row below it.
  const merged = rows[0]?.kind === 'header' ? 1 : 0;
  return { grid, expected, counts: { read: rows.length - merged, payments, rejected, skipped: skipped - merged } };
}

describe('control totals tie on any ledger', () => {
  test('ledger = matched + unmatched + unclassified = Σ lines; entitlements = calc total; rows all accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(unitArb, { minLength: 1, maxLength: 12 }), fc.array(rowArb, { maxLength: 60 }), async (raw, rows) => {
        const units: Unit[] = raw.map((u) => ({ ...u, type: typeOf(u.name) }));
        const roster = gridSource('名册', [
          ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'],
          ...units.map((u) => [u.township, u.name, TYPE_WORD[u.type], u.population, u.membersPrevYear]),
        ]);
        const { grid, expected, counts } = build(units, rows);
        const calc = calculator(2025);
        const r = await auditReport([roster], [gridSource('拨付明细', grid)], calc);
        const o = r.outcome;
        const t = o.totals;

        for (const c of o.controls) expect(c.ties, c.id).toBe(true);
        expect(t.disbursed.toFixed(2)).toBe(expected.toFixed(2));
        expect(t.matched.plus(t.unmatched).plus(t.unclassified).toFixed(2)).toBe(expected.toFixed(2));
        expect(o.lines.reduce((s, l) => s.plus(l.disbursed), ZERO).toFixed(2)).toBe(expected.toFixed(2));
        expect(o.lines.reduce((s, l) => s.plus(l.variance), ZERO).toFixed(2)).toBe(t.variance.toFixed(2));
        expect(t.entitled.toFixed(2)).toBe(computeAll(calc, units).county.total.toFixed(2));
        expect(t.entitled.toFixed(2)).toBe(t.calcTotal.toFixed(2));
        expect(o.rows.ledger).toEqual(counts);

        // Each payment is in one line and one bucket, and the buckets add up.
        const inLines = o.lines.flatMap((l) => l.ledgerRows.map((p) => p.row));
        expect(inLines.sort((a, b) => a - b)).toEqual(o.payments.map((p) => p.row).sort((a, b) => a - b));
        for (const b of ['matched', 'unmatched', 'unclassified'] as const)
          expect(
            o.payments
              .filter((p) => p.bucket === b)
              .reduce((s, p) => s.plus(p.amount), ZERO)
              .toFixed(2),
          ).toBe(t[b].toFixed(2));

        // Counts agree with the lines and the JSON carries the same figures as strings.
        expect(o.counts.match + o.counts.under + o.counts.over + o.counts.unpaid + o.counts.noBasis).toBe(o.lines.length);
        expect(r.json.totals.disbursed).toBe(t.disbursed.toFixed(2));
        for (const v of Object.values(r.json.totals)) expect(v).toMatch(/^-?\d+\.\d{2}$/);
        expect(r.exitCode).toBe(o.exceptions.length === 0 && o.lines.every((l) => l.status === 'match') ? 0 : 1);
      }),
      { numRuns: 150 },
    );
  });
});

// An exact name wins over a committee form: a unit whose name only reduces onto an existing one (李家沟居委会 beside
// 李家沟社区) must not pull away payments written exactly as another unit's name.
const BASES = ['李家沟', '东风', '西湖', '石桥'];
const VILLAGE_SPELLINGS = ['村', '村委会', '村民委员会', '村村民委员会'];
const COMMUNITY_SPELLINGS = ['社区', '居委会', '社区居委会', '居民委员会', '社区居民委员会'];
const spellings = (type: UnitType) => (type === 'village' ? VILLAGE_SPELLINGS : COMMUNITY_SPELLINGS);

const namedUnitArb = fc.record({
  township: fc.constantFrom(...TOWNSHIPS),
  base: fc.constantFrom(...BASES),
  type: fc.constantFrom<UnitType>('village', 'urbanCommunity', 'ruralCommunity'),
  spelling: fc.nat(),
  population: fc.integer({ min: 0, max: 9000 }),
  membersPrevYear: fc.integer({ min: 0, max: 200 }),
});
type NamedUnit = typeof namedUnitArb extends fc.Arbitrary<infer T> ? T : never;
const nameOf = (u: NamedUnit, spelling = u.spelling) => {
  const s = spellings(u.type);
  return u.base + s[spelling % s.length]!;
};

const exactPaymentArb = fc.record({
  unit: fc.nat(),
  withTownship: fc.boolean(),
  bracket: fc.boolean(),
  spaced: fc.boolean(),
  category: fc.constantFrom('办公经费', '党建经费', '党员活动经费', '社区服务群众专项经费'),
  fen: fc.integer({ min: 1, max: 10_000_000 }),
});

describe('an exactly named payment stays where it goes', () => {
  test('adding a unit whose name only reduces onto an existing one changes no exactly named payment; totals tie', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(namedUnitArb, { minLength: 1, maxLength: 10 }),
        fc.array(exactPaymentArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...TOWNSHIPS),
        async (units, payments, of, spelling, township) => {
          // The new unit: another spelling of an existing unit's name (same plain form), written nowhere in the roster.
          const model = units[of % units.length]!;
          const taken = new Set(units.map((u) => nameOf(u)));
          const free = spellings(model.type)
            .map((_, i) => nameOf(model, i))
            .filter((n) => !taken.has(n));
          fc.pre(free.length > 0);
          const extra = { ...model, township, name: free[spelling % free.length]! };
          expect(nameKey(extra.name)).toBe(nameKey(nameOf(model)));

          const rosterRow = (u: { township: string; type: UnitType; population: number; membersPrevYear: number }, name: string) => [
            u.township,
            name,
            TYPE_WORD[u.type],
            u.population,
            u.membersPrevYear,
          ];
          const header = ['乡镇', '村(社区)名称', '类型', '户籍人口', '上年度党员人数'];
          const before = gridSource('名册', [header, ...units.map((u) => rosterRow(u, nameOf(u)))]);
          const after = gridSource('名册', [header, ...units.map((u) => rosterRow(u, nameOf(u))), rosterRow(extra, extra.name)]);

          // Payees written exactly as a roster name (spaces and a bracketed township are cleaned up);
          // with a township column (every row filled) or on a sheet without one.
          const withTown: Cell[][] = [['日期', '凭证号', '乡镇', '收款单位', '经费类别', '金额']];
          const without: Cell[][] = [['日期', '凭证号', '收款单位', '经费类别', '金额']];
          payments.forEach((p, i) => {
            const u = units[p.unit % units.length]!;
            let name = nameOf(u);
            if (p.spaced) name = `${name.slice(0, 1)} ${name.slice(1)}`;
            if (p.bracket) name += `（${u.township}）`;
            const amount = new Decimal(p.fen).dividedBy(100).toFixed(2);
            if (p.withTownship) withTown.push(['2025-03-01', `v${i}`, u.township, name, p.category, amount]);
            else without.push(['2025-03-01', `v${i}`, name, p.category, amount]);
          });
          const ledger = () => [gridSource('拨付明细', withTown), gridSource('其他', without)];
          const calc = calculator(2025);
          const a = (await auditReport([before], ledger(), calc)).outcome;
          const b = (await auditReport([after], ledger(), calc)).outcome;

          const where = (p: (typeof a.payments)[number]) => [
            p.sheet,
            p.row,
            p.unit && `${p.unit.township}/${p.unit.name}`,
            p.matchedBy,
            p.bucket,
          ];
          expect(b.payments.map(where)).toEqual(a.payments.map(where));
          for (const p of a.payments) {
            if (p.unit) expect(p.nameRule).toBe('exact');
            else expect(p.codes).toContain('AMBIGUOUS_PAYEE');
          }
          expect(b.payments.map((p) => p.nameRule)).toEqual(a.payments.map((p) => p.nameRule));

          for (const o of [a, b]) for (const c of o.controls) expect(c.ties, c.id).toBe(true);
          expect(b.totals.disbursed.toFixed(2)).toBe(a.totals.disbursed.toFixed(2));
          expect(b.totals.matched.toFixed(2)).toBe(a.totals.matched.toFixed(2));
          const extraTotal = computeAll(calc, [{ ...extra, type: extra.type }]).county.total;
          expect(b.totals.calcTotal.toFixed(2)).toBe(a.totals.calcTotal.plus(extraTotal).toFixed(2));
        },
      ),
      { numRuns: 100 },
    );
  });
});
