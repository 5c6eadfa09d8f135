// The layers of src/ and what each may import (docs/architecture.md draws
// them): no folder imports one not listed for it, and no file takes part in
// an import cycle. Run by `npm run lint` and by tests/architecture.test.ts.
//
//   node scripts/check-imports.js          exit 1 and a line per problem
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Folder → the folders it may import (besides itself). `.` is src/index.ts. */
export const LAYERS = {
  policies: [],
  engine: ['policies'],
  workbook: ['engine'],
  xlsx: ['workbook', 'engine'],
  audit: ['workbook', 'engine'],
  pane: ['audit', 'workbook', 'engine'],
  node: ['xlsx', 'workbook', 'engine'],
  cli: ['node', 'audit', 'xlsx', 'workbook', 'engine', 'policies'],
  ui: ['pane', 'workbook', 'engine'],
  addin: ['ui', 'pane', 'audit', 'workbook', 'engine'],
  wps: ['ui', 'pane', 'audit', 'workbook', 'engine'],
  web: ['ui', 'pane', 'audit', 'xlsx', 'workbook', 'engine'],
  '.': ['engine', 'workbook', 'audit'],
};

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s+['"](\.[^'"]+)['"]/gm;

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const folderOf = (file) => {
  const rel = relative(src, file);
  return rel.includes('/') ? rel.split('/')[0] : '.';
};

export function checkImports() {
  const all = files(src);
  const graph = new Map();
  const problems = [];
  for (const file of all) {
    const text = readFileSync(file, 'utf8');
    const targets = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      // JSON policy data and the like are data, not modules.
      if (/\.(json|yaml|html|css)$/.test(spec)) {
        const to = folderOf(resolve(dirname(file), spec));
        const from = folderOf(file);
        if (to !== from && !(LAYERS[from] ?? []).includes(to))
          problems.push(`${relative(root, file)} imports ${spec}: ${from}/ may not import ${to}/`);
        continue;
      }
      const target = resolveImport(file, spec);
      if (!target) continue; // generated at build time (functions.json) or not ours
      targets.push(target);
      const from = folderOf(file);
      const to = folderOf(target);
      if (!(from in LAYERS))
        problems.push(`${relative(root, file)}: the folder src/${from}/ is not in the layer table of scripts/check-imports.js`);
      else if (to !== from && !LAYERS[from].includes(to))
        problems.push(`${relative(root, file)} imports ${relative(root, target)}: ${from}/ may not import ${to}/`);
    }
    graph.set(file, targets);
  }
  // Tarjan's strongly connected components: any with two or more files is a cycle.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1)
        problems.push(
          `import cycle: ${component
            .map((f) => relative(src, f))
            .sort()
            .join(' <-> ')}`,
        );
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return { files: all.length, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files: n, problems } = checkImports();
  if (problems.length === 0) console.log(`imports: ${n} files under src/, no cycle, every import within the layers`);
  else {
    for (const p of problems) console.log(p);
    process.exitCode = 1;
  }
}
