// Prints every cell of a workbook as our two reading paths read it, as JSON
// (`typed` text by Sheet!A1): run in a child process under a chosen TZ.
import { readNode, readWeb, typed } from './corpus.js';

const file = process.argv[2]!;
const show = (cells: Map<string, unknown>) => Object.fromEntries([...cells].map(([k, v]) => [k, typed(v as never)]));
process.stdout.write(JSON.stringify({ node: show(await readNode(file)), web: show(await readWeb(file)) }));
