// Deterministic synthetic units and rosters for benchmarks (no Math.random: same data every run).
const TYPES = ['village', 'village', 'village', 'village', 'urbanCommunity', 'ruralCommunity'];

export function* rng(seed = 42) {
  let s = seed >>> 0;
  for (;;) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    yield s;
  }
}

export function syntheticUnits(n, seed = 42) {
  const r = rng(seed);
  const next = () => r.next().value;
  const units = new Array(n);
  for (let i = 0; i < n; i++) {
    const type = TYPES[next() % TYPES.length];
    units[i] = {
      township: `乡镇${(i / 200) | 0}`,
      name: `单位${i}${type === 'village' ? '村' : '社区'}`,
      type,
      population: 200 + (next() % 12000),
      membersPrevYear: next() % 400,
      ...(next() % 50 === 0 ? { monthsActive: 1 + (next() % 12) } : {}),
    };
  }
  return units;
}
