// 组织设置: the organisational thresholds of DOMAIN.md ("Organisational
// thresholds") as policy data, at every boundary, and another county's 党委 level.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { builtinPolicy } from '../src/engine/policies.js';
import { parsePolicy } from '../src/engine/policy/load.js';
import { resolvePolicy } from '../src/engine/policy/resolve.js';
import { OrganisationCheck, organisationFits } from '../src/engine/organisation.js';
import type { Unit } from '../src/engine/unit.js';

const unit = (membersPrevYear: number): Unit => ({
  township: '城关镇',
  name: '东风村',
  type: 'village',
  population: 1200,
  membersPrevYear,
});
const builtin = new OrganisationCheck(resolvePolicy(builtinPolicy(), 2025).organisation!);

describe('the built-in thresholds', () => {
  test.each([
    [0, 'none', '未达设支部条件'],
    [2, 'none', '未达设支部条件'],
    [3, 'branch', '应设党支部'],
    [50, 'branch', '应设党支部'],
    [51, 'generalBranch', '一般应设党总支'],
    [99, 'generalBranch', '一般应设党总支'],
    [100, 'branch', '应设党支部'],
    [300, 'branch', '应设党支部'],
  ])('%i members: %s', (members, level, label) => {
    const r = builtin.for(unit(members));
    expect(r.level).toBe(level);
    expect(r.label.zh).toBe(label);
    expect(r.explanation.zh).toContain(`上年度党员人数${members}人`);
    expect(r.clause).toMatch(/组织设置/);
  });

  test('from 100 the opinion is silent: at least a branch, and the explanation says so', () => {
    const r = builtin.for(unit(100));
    expect(r.silent).toBe(true);
    expect(r.explanation.zh).toContain('100人及以上，意见未作规定，至少应设党支部');
    expect(builtin.for(unit(99)).silent).toBe(false);
  });

  test('the explanation names the count, the threshold and the clause', () => {
    expect(builtin.for(unit(2)).explanation.zh).toBe('上年度党员人数2人，不足3人，未达设支部条件（组织设置：正式党员3人以上应成立党支部）');
    expect(builtin.for(unit(51)).explanation.zh).toBe(
      '上年度党员人数51人，多于50人且少于100人：一般应设党总支（组织设置：党员50人以上、100人以下一般应成立党总支）',
    );
  });

  test('what fits: a joint branch below 3; the form itself; anything of its own from 100', () => {
    expect(organisationFits(builtin.for(unit(2)), 'jointBranch')).toBe(true);
    expect(organisationFits(builtin.for(unit(2)), 'branch')).toBe(false);
    expect(organisationFits(builtin.for(unit(3)), 'branch')).toBe(true);
    expect(organisationFits(builtin.for(unit(3)), 'none')).toBe(false);
    expect(organisationFits(builtin.for(unit(60)), 'branch')).toBe(false);
    expect(organisationFits(builtin.for(unit(60)), 'generalBranch')).toBe(true);
    expect(organisationFits(builtin.for(unit(150)), 'committee')).toBe(true);
    expect(organisationFits(builtin.for(unit(150)), 'jointBranch')).toBe(false);
  });
});

describe("another county's thresholds load the same way", () => {
  const other = parsePolicy(readFileSync('src/policies/example-other-county.yaml', 'utf8'));
  const check = new OrganisationCheck(resolvePolicy(other, 2025).organisation!);

  test('a 党委 level at 100 members', () => {
    expect(check.for(unit(100))).toMatchObject({ level: 'committee', form: 'committee', silent: false });
    expect(check.for(unit(99)).level).toBe('generalBranch');
  });

  test('a policy without thresholds still loads, and has no check', () => {
    const { organisation, ...plain } = builtinPolicy();
    expect(organisation).toBeDefined();
    expect(resolvePolicy(plain, 2025).organisation).toBeUndefined();
  });
});
