// The audit's readers of single cells and words: amounts, dates, payee names, fund lines, schedules.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Decimal, builtinPolicy, resolvePolicy, toChineseCapital } from '../src/engine/index.js';
import {
  LineClassifier,
  PayeeIndex,
  dueAmount,
  nameKey,
  parseAmount,
  parseChineseCapital,
  parseDate,
  periodsDue,
  townshipKey,
  withinOneEdit,
  yearsNamed,
} from '../src/audit/index.js';
import type { Unit } from '../src/engine/unit.js';

const amount = (cell: Parameters<typeof parseAmount>[0], inWan = false) => {
  const r = parseAmount(cell, { inWan });
  return r.ok ? r.value.toFixed(2) : r.reason;
};

describe('amounts', () => {
  test('numbers are taken at Excel precision, exactly', () => {
    expect(amount(25000)).toBe('25000.00');
    expect(amount(0.1 + 0.2)).toBe('0.30');
    expect(amount(1234.5)).toBe('1234.50');
    expect(amount(-5500)).toBe('-5500.00');
    expect(amount(Number.NaN)).toBe('notNumber');
    expect(amount(null)).toBe('empty');
    expect(amount(true)).toBe('notNumber');
    expect(amount(new Date())).toBe('notNumber');
  });

  test('text with separators, full-width digits, 元, currency signs and spaces', () => {
    expect(amount('25,000.00')).toBe('25000.00');
    expect(amount('２５，０００．００')).toBe('25000.00');
    expect(amount('１２５００')).toBe('12500.00');
    expect(amount('12500元')).toBe('12500.00');
    expect(amount('12,500.00元整')).toBe('12500.00');
    expect(amount('¥3,000')).toBe('3000.00');
    expect(amount('￥ 3000.5')).toBe('3000.50');
    expect(amount('人民币3000元')).toBe('3000.00');
    expect(amount(' 3000 ')).toBe('3000.00');
    expect(amount('.5')).toBe('0.50');
    expect(amount('')).toBe('empty');
    expect(amount('   ')).toBe('empty');
  });

  test('badly grouped or worded text is refused, never guessed', () => {
    for (const bad of ['25,00.00', '1,2345', '约2万', '待核', '12.500,00', '--5', '5-', 'abc', '2025-03-15'])
      expect(amount(bad)).toBe('notNumber');
  });

  test('negatives are reversals: minus signs, 负 and accounting parentheses', () => {
    expect(amount('-5,500.00')).toBe('-5500.00');
    expect(amount('－5500')).toBe('-5500.00');
    expect(amount('\u22125500')).toBe('-5500.00');
    expect(amount('(5,500.00)')).toBe('-5500.00');
    expect(amount('（5500）')).toBe('-5500.00');
    expect(amount('负伍仟伍佰元整')).toBe('-5500.00');
    expect(amount('-0')).toBe('0.00');
  });

  test('万 and a 万元 column are converted to yuan', () => {
    expect(amount('2.5万')).toBe('25000.00');
    expect(amount('2.5万元')).toBe('25000.00');
    expect(amount(2.5, true)).toBe('25000.00');
    expect(amount('1.2345', true)).toBe('12345.00');
    const r = parseAmount('2.5万');
    expect(r.ok && r.wan).toBe(true);
  });

  test('a fraction of a fen is rounded half-up and reported', () => {
    const r = parseAmount('5000.004');
    expect(r.ok && [r.value.toFixed(2), r.rounded]).toEqual(['5000.00', true]);
    const up = parseAmount(0.125);
    expect(up.ok && [up.value.toFixed(2), up.rounded]).toEqual(['0.13', true]);
    const exact = parseAmount('5000.10');
    expect(exact.ok && exact.rounded).toBe(false);
  });

  test('人民币大写', () => {
    const cap = (s: string) => parseChineseCapital(s)?.toFixed(2);
    expect(cap('贰万伍仟元整')).toBe('25000.00');
    expect(cap('人民币壹万贰仟伍佰元整')).toBe('12500.00');
    expect(cap('壹仟陆佰捌拾元零叁角贰分')).toBe('1680.32');
    expect(cap('壹拾万柒仟元零伍角叁分')).toBe('107000.53');
    expect(cap('贰万零伍元整')).toBe('20005.00');
    expect(cap('壹亿零壹仟元整')).toBe('100001000.00');
    expect(cap('伍分')).toBe('0.05');
    expect(cap('肆角柒分')).toBe('0.47');
    expect(cap('拾元整')).toBe('10.00');
    expect(cap('贰万伍仟')).toBe('25000.00');
    expect(cap('三千元')).toBe('3000.00');
    expect(cap('壹贰元')).toBeUndefined();
    expect(cap('元整')).toBeUndefined();
    expect(cap('拨付')).toBeUndefined();
    const r = parseAmount('贰万伍仟元整');
    expect(r.ok && [r.value.toFixed(2), r.capital]).toEqual(['25000.00', true]);
  });

  test('every amount written by toChineseCapital reads back to itself', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_99n }), (fen) => {
        const value = new Decimal(fen.toString()).dividedBy(100);
        expect(parseChineseCapital(toChineseCapital(value))?.toFixed(2)).toBe(value.toFixed(2));
      }),
      { numRuns: 2000 },
    );
  });

  test('grouped text amounts read back exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), (fen) => {
        const v = new Decimal(fen.toString()).dividedBy(100);
        const grouped = v.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        expect(amount(grouped)).toBe(v.toFixed(2));
        expect(amount(`${grouped}元`)).toBe(v.toFixed(2));
      }),
    );
  });
});

describe('dates', () => {
  const date = (c: Parameters<typeof parseDate>[0]) => {
    const r = parseDate(c);
    return r.ok ? r.iso : r.reason;
  };
  test('host dates, serial numbers and yyyymmdd', () => {
    expect(date(new Date(Date.UTC(2025, 2, 15)))).toBe('2025-03-15');
    expect(date(45731)).toBe('2025-03-15');
    expect(date(45731.75)).toBe('2025-03-15');
    expect(date(20250315)).toBe('2025-03-15');
    expect(date('20250315')).toBe('2025-03-15');
    expect(date('45731')).toBe('2025-03-15');
    expect(date(12)).toBe('notDate');
    expect(date(20251332)).toBe('notDate');
    expect(date(new Date(Number.NaN))).toBe('notDate');
    expect(date(null)).toBe('empty');
  });
  test('text in the ways ledgers write it', () => {
    for (const t of [
      '2025-03-15',
      '2025/3/15',
      '2025.03.15',
      '2025.3.15',
      '2025年3月15日',
      '2025年03月15日',
      '２０２５－０３－１５',
      ' 2025-03-15 ',
      '2025-03-15 10:30:00',
      '2025-03-15T00:00:00.000Z',
      '2025 年 3 月 15 日',
    ])
      expect(date(t), t).toBe('2025-03-15');
  });
  test('impossible or partial dates are refused', () => {
    for (const t of ['2025-02-30', '2025-13-01', '2025年3月', '3月15日', '15/03/2025', '明天', '2025-3'])
      expect(date(t), t).toBe('notDate');
  });
});

describe('payee names', () => {
  test('committee and party-organisation forms reduce to the unit name', () => {
    for (const [form, name] of [
      ['东风村村民委员会', '东风村'],
      ['东风村委会', '东风村'],
      ['东风村村委会', '东风村'],
      ['东风村民委员会', '东风村'],
      ['幸福社区居民委员会', '幸福社区'],
      ['幸福社区居委会', '幸福社区'],
      ['幸福居委会', '幸福社区'],
      ['中共东风村支部委员会', '东风村'],
      ['东风村党支部', '东风村'],
      ['幸福社区党委', '幸福社区'],
      [' 东 风 村 ', '东风村'],
      ['东风村（城关镇）', '东风村'],
      ['ＡＢ村', 'ab村'],
    ] as [string, string][])
      expect(nameKey(form), form).toBe(nameKey(name));
    // A name that is only a suffix is kept as it is.
    expect(nameKey('村委会')).toBe('村委会');
  });

  test('township keys', () => {
    expect(townshipKey('城关镇')).toBe(townshipKey('城关'));
    expect(townshipKey('城关镇人民政府')).toBe(townshipKey('城关镇'));
    expect(townshipKey('东风乡财政所')).toBe(townshipKey('东风乡'));
    expect(townshipKey('乡')).toBe('乡');
  });

  test('one edit', () => {
    expect(withinOneEdit('东河头村', '东河投村')).toBe(true);
    expect(withinOneEdit('东河头村', '东河村')).toBe(true);
    expect(withinOneEdit('东河头村', '东头河村')).toBe(true);
    expect(withinOneEdit('东河头村', '东河头口村')).toBe(true);
    expect(withinOneEdit('东河头村', '西河口村')).toBe(false);
  });

  const units: Unit[] = [
    { township: '城关镇', name: '东风村', type: 'village', population: 1000, membersPrevYear: 20, code: '410102001001' },
    { township: '河口镇', name: '东风村', type: 'village', population: 1000, membersPrevYear: 20 },
    { township: '城关镇', name: '西湖村', type: 'village', population: 1000, membersPrevYear: 20, code: '410102001002' },
    { township: '城关镇', name: '幸福社区', type: 'urbanCommunity', population: 8000, membersPrevYear: 120 },
    { township: '河口镇', name: '石桥村', type: 'village', population: 800, membersPrevYear: 20 },
  ];
  const index = new PayeeIndex(units);
  const who = (q: Parameters<PayeeIndex['match']>[0]) => {
    const m = index.match(q);
    if (m.kind === 'unit') return `${m.by}:${m.unit.unit.township}${m.unit.unit.name}${m.notes.map((n) => `+${n.kind}`).join('')}`;
    if (m.kind === 'ambiguous') return `ambiguous:${m.candidates.map((c) => c.unit.township).join(',')}`;
    return `unknown:${m.suggestions.map((s) => s.unit.township + s.unit.name).join(',')}${m.notes.map((n) => `+${n.kind}`).join('')}`;
  };

  test('code first, then township + name, then a name unique in the county', () => {
    expect(who({ name: '东风村', code: '410102001001' })).toBe('code:城关镇东风村');
    expect(who({ name: '西湖村村委会', code: '410102001001' })).toBe('code:城关镇东风村+codeNameMismatch');
    expect(who({ name: '东风村', township: '河口镇' })).toBe('township:河口镇东风村');
    expect(who({ name: '东风村村民委员会', township: '河口' })).toBe('township:河口镇东风村');
    expect(who({ name: '东风村' })).toBe('ambiguous:城关镇,河口镇');
    expect(who({ name: '石桥村' })).toBe('name:河口镇石桥村');
    expect(who({ name: '幸福社区居民委员会' })).toBe('name:城关镇幸福社区');
    expect(who({ name: '城关镇东风村' })).toBe('township:城关镇东风村');
    expect(who({ name: '东风村（河口镇）' })).toBe('township:河口镇东风村');
  });

  test('codes the roster lacks, and townships it does not know', () => {
    expect(who({ name: '西湖村', township: '城关镇', code: '410102001999' })).toBe('township:城关镇西湖村+codeMismatch');
    expect(who({ name: '石桥村', code: '410102001999' })).toBe('name:河口镇石桥村+unknownCode');
    expect(who({ name: '石桥村', township: '新城镇' })).toBe('name:河口镇石桥村+unknownTownship');
  });

  test('near misses are suggestions, never matches', () => {
    expect(who({ name: '西胡村', township: '城关镇' })).toBe('unknown:城关镇西湖村');
    expect(who({ name: '石桥村', township: '城关镇' })).toBe('unknown:河口镇石桥村');
    expect(who({ name: '幸福村' })).toBe('unknown:城关镇幸福社区');
    expect(who({ name: '幸福' })).toBe('unknown:城关镇幸福社区');
    expect(who({ name: '红旗村' })).toBe('unknown:');
    expect(index.match({ name: '' })).toMatchObject({ kind: 'unknown', empty: true });
  });

  test('within each step the name as written wins; the plain form only when no unit is written so', () => {
    const li = new PayeeIndex([
      { township: '城关镇', name: '李家沟居委会', type: 'urbanCommunity', population: 5000, membersPrevYear: 50 },
      { township: '城关镇', name: '李家沟社区', type: 'urbanCommunity', population: 5000, membersPrevYear: 50 },
      { township: '城关镇', name: '王庄村委会', type: 'village', population: 900, membersPrevYear: 20 },
      { township: '河口镇', name: '李家沟社区', type: 'urbanCommunity', population: 5000, membersPrevYear: 50 },
      { township: '河口镇', name: '新村', type: 'village', population: 900, membersPrevYear: 20 },
      { township: '河口镇', name: '新村', type: 'village', population: 900, membersPrevYear: 20 },
    ]);
    const how = (q: Parameters<PayeeIndex['match']>[0]) => {
      const m = li.match(q);
      if (m.kind === 'unit') return `${m.by}/${m.rule}:${m.unit.index}${m.form ? `(${m.form})` : ''}`;
      if (m.kind === 'ambiguous') return `ambiguous/${m.rule}:${m.candidates.map((c) => c.index).join(',')}`;
      return 'unknown';
    };
    expect(how({ name: '李家沟居委会', township: '城关镇' })).toBe('township/exact:0');
    expect(how({ name: '李家沟社区', township: '城关镇' })).toBe('township/exact:1');
    expect(how({ name: '李家沟社区居民委员会', township: '城关镇' })).toBe('township/form:1(李家沟社区)');
    expect(how({ name: '李家沟居委会', township: '河口镇' })).toBe('township/form:3(李家沟社区)');
    expect(how({ name: '李家沟居委会' })).toBe('name/exact:0');
    expect(how({ name: '李家沟 居委会（城关镇）' })).toBe('township/exact:0');
    expect(how({ name: '城关镇李家沟居委会' })).toBe('township/exact:0');
    expect(how({ name: '李家沟社区' })).toBe('ambiguous/exact:1,3');
    expect(how({ name: '王庄村委会' })).toBe('name/exact:2');
    expect(how({ name: '王庄村' })).toBe('name/form:2(王庄村)');
    expect(how({ name: '新村', township: '河口镇' })).toBe('ambiguous/exact:4,5');
    expect(how({ name: '新村村民委员会', township: '河口镇' })).toBe('ambiguous/form:4,5');
    // a 摘要 naming a unit as written
    expect(li.findNameIn('拨付李家沟居委会2025年办公经费')).toBe('李家沟居委会');
  });

  test('a roster name inside free text', () => {
    expect(index.findNameIn('拨付石桥村2025年办公经费')).toBe('石桥村');
    expect(index.findNameIn('拨付幸福社区居委会党建经费')).toBe('幸福社区');
    expect(index.findNameIn('拨付石桥村、西湖村办公经费')).toBeUndefined();
    expect(index.findNameIn('拨付办公经费')).toBeUndefined();
  });
});

describe('fund lines', () => {
  const c = new LineClassifier(resolvePolicy(builtinPolicy(), 2025));
  const line = (t: string) => {
    const r = c.classify(t);
    return r.kind === 'line' ? r.line : r.kind === 'multiple' ? `multiple:${r.lines.join(',')}` : 'none';
  };
  test('category words', () => {
    expect(line('办公经费')).toBe('office');
    expect(line('村级办公经费')).toBe('office');
    expect(line('党建经费')).toBe('partyBuilding');
    expect(line('党员活动经费')).toBe('memberActivity');
    expect(line('活动经费')).toBe('memberActivity');
    expect(line('社区服务群众专项经费')).toBe('communityService');
    expect(line('服务群众经费')).toBe('communityService');
    expect(line('office')).toBe('office');
    expect(line('Party-building funds')).toBe('partyBuilding');
  });
  test('words in 摘要', () => {
    expect(line('拨付东风村2025年办公经费（上半年）')).toBe('office');
    expect(line('拨付幸福社区服务群众专项经费')).toBe('communityService');
    expect(line('拨付东风村党员活动经费')).toBe('memberActivity');
    expect(line('拨付东风村办公经费及党建经费')).toBe('multiple:office,partyBuilding');
    expect(line('拨付东风村补助资金')).toBe('none');
    expect(line('')).toBe('none');
  });
  test('years a 摘要 names', () => {
    expect(yearsNamed('补拨新设村2024年党员活动经费')).toEqual([2024]);
    expect(yearsNamed('２０２５年办公经费')).toEqual([2025]);
    expect(yearsNamed('拨付办公经费')).toEqual([]);
  });
});

describe('instalment schedules', () => {
  test('a quarter is due by its last day', () => {
    expect(periodsDue(2025, '2025-03-30', 'quarterly')).toEqual({ due: 0, of: 4 });
    expect(periodsDue(2025, '2025-03-31', 'quarterly')).toEqual({ due: 1, of: 4 });
    expect(periodsDue(2025, '2025-06-30', 'quarterly')).toEqual({ due: 2, of: 4 });
    expect(periodsDue(2025, '2025-12-31', 'quarterly')).toEqual({ due: 4, of: 4 });
    expect(periodsDue(2025, '2026-02-01', 'quarterly')).toEqual({ due: 4, of: 4 });
    expect(periodsDue(2025, '2024-12-31', 'quarterly')).toEqual({ due: 0, of: 4 });
    expect(periodsDue(2024, '2024-02-29', 'monthly')).toEqual({ due: 2, of: 12 });
  });
  test('due amounts round half-up to the fen and reach the whole year exactly', () => {
    expect(dueAmount(new Decimal(3100), 1, 4, 'half-up').toFixed(2)).toBe('775.00');
    expect(dueAmount(new Decimal('100.01'), 1, 4, 'half-up').toFixed(2)).toBe('25.00');
    expect(dueAmount(new Decimal('100.02'), 1, 4, 'half-up').toFixed(2)).toBe('25.01');
    expect(dueAmount(new Decimal('100.01'), 4, 4, 'half-up').toFixed(2)).toBe('100.01');
    expect(dueAmount(new Decimal(3000), 0, 4, 'half-up').toFixed(2)).toBe('0.00');
  });
});
