// A policy parameter's name in words, for 政策参数: the officer reads 第1档门槛,
// not steps[0].threshold. The name itself stays in the sheet's 参数代码 column,
// where the task pane reads it back (src/pane/policy-sheet.ts).

const PLAIN: Record<string, string> = {
  amount: '金额',
  base: '基础金额',
  rate: '每人标准',
  floor: '保底金额',
  cap: '封顶金额',
  minimum: '最低合计',
};

/** "steps[1].amount" → "第2档金额"; a 组织设置 "branch.from" → "{label}起点" given the level labels. */
export function paramWords(name: string, levels: Record<string, string> = {}): string {
  const step = /^steps\[(\d+)\]\.(threshold|amount)$/.exec(name);
  if (step) return `第${Number(step[1]) + 1}档${step[2] === 'threshold' ? '门槛' : '金额'}`;
  const level = /^([A-Za-z][A-Za-z0-9_]*)\.(from|below)$/.exec(name);
  if (level && levels[level[1]!] !== undefined) return `${levels[level[1]!]}${level[2] === 'from' ? '起点' : '上限'}`;
  return PLAIN[name] ?? name;
}
