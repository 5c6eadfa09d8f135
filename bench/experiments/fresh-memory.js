// Experiment helper: what writing into memory touched for the first time
// costs on this machine, against writing the same bytes into reused blocks.
// calc --json's spool reuses its 1 MiB blocks for this reason (src/node/spool.ts).
// Run: node bench/experiments/fresh-memory.js [megabytes=37] (37 MB: 100,000 units of calc --json)
const BLOCK = 1 << 20;
const mb = Number(process.argv[2] ?? 37);
const piece = new TextEncoder().encode(',"lines":{"office":"20000.00","partyBuilding":"5000.00"},"total":"25000.00"');

function fill(fresh) {
  const kept = [];
  let block = new Uint8Array(BLOCK);
  let used = 0;
  let written = 0;
  const t = performance.now();
  while (written < mb * BLOCK) {
    if (used + piece.length > BLOCK) {
      if (fresh) {
        kept.push(block); // held, as a spool held in memory would: never freed, never reused
        block = new Uint8Array(BLOCK);
      }
      used = 0;
    }
    block.set(piece, used);
    used += piece.length;
    written += piece.length;
  }
  return { ms: Math.round(performance.now() - t), blocks: kept.length + 1 };
}

for (let round = 0; round < 3; round++)
  for (const fresh of [true, false]) console.log(JSON.stringify({ round, memory: fresh ? 'fresh' : 'reused', mb, ...fill(fresh) }));
