// The command as installed: tsc's output for the CLI (dist/cli/main.js) and its
// two worker threads, bundled by esbuild into dist/bin/ with their shared code
// in chunks beside them. Node then loads a handful of files instead of some
// 300 modules (zod's alone took 0.1 s to import): `village-funds policy show`
// took 0.42–0.49 s unbundled against 0.25–0.28 s bundled (/usr/bin/time).
// The workers stay beside the chunk that starts them, as in dist/node, so
// `new URL('./read-xlsx-worker.js', import.meta.url)` finds them.
// zod (and the YAML parser) load only to parse a policy file: both commands
// import engine/policy/load.js dynamically (cli/inputs.ts, cli/policy.ts), so
// esbuild puts zod in load-*.js. The modules every `calc` and `policy show`
// load (engine/kinds/, engine/policy/param.ts) import zod's types only; the
// schemas are built in engine/policy/schema.ts and param-schema.ts.
// `grep -c ZodError dist/bin/*.js` names the file holding zod: no file that
// calc-*.js or policy-*.js imports statically (tests/architecture.test.ts).
import { isDeepStrictEqual } from 'node:util';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { builtinPolicy } from '../dist/engine/policies.js';
import { validatePolicy } from '../dist/engine/policy/load.js';

// The CLI trusts the built-in policy at run time (src/engine/policies.ts), so
// it is checked here, as well as by the tests: a hand edit that breaks it
// stops the build.
if (!isDeepStrictEqual(validatePolicy(structuredClone(builtinPolicy())), builtinPolicy()))
  throw new Error('src/policies/county-five-standards.json changes when checked: write it as validatePolicy returns it');

rmSync('dist/bin', { recursive: true, force: true }); // chunk names change with their contents
await build({
  entryPoints: ['dist/cli/main.js', 'dist/node/read-xlsx-worker.js', 'dist/node/write-xlsx-worker.js'],
  outdir: 'dist/bin',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // commander and cli-progress are CommonJS and require Node's own modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
