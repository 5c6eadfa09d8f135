// Generates src/addin/functions.json (custom functions metadata) from the JSDoc
// in src/addin/functions.ts with custom-functions-metadata's generate API, the
// same generator custom-functions-metadata-plugin runs in the webpack build.
// The output is committed; tests/addin-functions.test.ts regenerates and compares.
//   node scripts/make-functions-json.js          write the file
//   node scripts/make-functions-json.js --check  exit 1 when the committed file is stale
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FUNCTIONS_SOURCE = join(root, 'src', 'addin', 'functions.ts');
export const FUNCTIONS_JSON = join(root, 'src', 'addin', 'functions.json');

/** The metadata JSON text for src/addin/functions.ts; throws on JSDoc errors. */
export async function generateFunctionsJson() {
  const { generateCustomFunctionsMetadata } = require('custom-functions-metadata');
  const result = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, false);
  if (result.errors.length) throw new Error(`custom-functions-metadata errors:\n${result.errors.join('\n')}`);
  // Two-space indent, as prettier formats JSON in this repository (the generator writes four).
  return `${JSON.stringify(JSON.parse(result.metadataJson), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = await generateFunctionsJson();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(FUNCTIONS_JSON, 'utf8');
    if (committed !== json) {
      console.error(`${FUNCTIONS_JSON} is stale: run node scripts/make-functions-json.js`);
      process.exit(1);
    }
    console.log(`${FUNCTIONS_JSON} is up to date`);
  } else {
    writeFileSync(FUNCTIONS_JSON, json);
    console.log(`wrote ${FUNCTIONS_JSON}`);
  }
}
