// Packing time on a real workspace, and a digest of what was packed, to compare two checkouts of the packer:
//
//   node --expose-gc --import tsx bench/pack-bench.ts [--corpus zod@4.6.7|DIR] [--positions 40]
//                                                     [--budgets 2048,8192] [--rounds 5] [--seed 7]
//
// Opens the engine on the corpus (warmed up: ranking state and token counts ready, as in an editor left
// idle), then asks for context at statement starts of real function bodies (bench/latency-sites.ts), each
// position at each budget once per round, and reports the pack stage's own time (manifest.timingsMs.pack)
// per budget: median and p90 over the rounds after the first, which warms the JIT. The digest covers every
// context, prefix, suffix and manifest row asked for: equal digests from two checkouts mean they packed the
// same. Run the checkouts alternately, several times each: the machine is shared. The last line of stdout
// is one JSON object; progress goes to stderr.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ContextEngine } from '../src/core/engine';
import { ensureCorpus } from './corpora';
import { positionAt } from './latency-replay';
import { findSites } from './latency-sites';

const DEFAULTS = { corpus: 'zod@4.6.7', positions: 40, budgets: '2048,8192', rounds: 5, seed: 7 };

const progress = (message: string) => process.stderr.write(`${message}\n`);

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: DEFAULTS.corpus },
      positions: { type: 'string', default: String(DEFAULTS.positions) },
      budgets: { type: 'string', default: DEFAULTS.budgets },
      rounds: { type: 'string', default: String(DEFAULTS.rounds) },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
    },
  });
  const budgets = values.budgets!.split(',').map(Number);
  const rounds = Number(values.rounds);
  const corpus = await ensureCorpus(values.corpus!);
  const { sites } = await findSites(corpus.dir, corpus.excludeGlobs, Number(values.positions), Number(values.seed));
  const requests = sites.map(site => ({ file: site.file, position: positionAt(fs.readFileSync(path.join(corpus.dir, site.file), 'utf8'), site.offset) }));
  progress(`${corpus.name}: ${requests.length} positions, budgets ${budgets.join(', ')}, ${rounds} rounds`);

  const engine = await ContextEngine.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
  try {
    await engine.warmUp();
    const digest = createHash('sha1');
    const times = new Map<number, number[]>(budgets.map(budget => [budget, []]));
    for (let round = 0; round < rounds; round++) {
      for (const request of requests) {
        for (const budgetTokens of budgets) {
          const result = await engine.buildContext({ ...request, budgetTokens });
          digest.update(JSON.stringify([result.context, result.prefix, result.suffix, result.manifest.items]));
          if (round > 0) times.get(budgetTokens)!.push(result.manifest.timingsMs.pack);
        }
      }
      progress(`round ${round + 1}/${rounds} done`);
    }
    const pack = Object.fromEntries(budgets.map(budget => [budget, { median: quantile(times.get(budget)!, 0.5), p90: quantile(times.get(budget)!, 0.9), count: times.get(budget)!.length }]));
    for (const [budget, figures] of Object.entries(pack)) console.log(`budget ${budget}: pack median ${figures.median.toFixed(3)} ms, p90 ${figures.p90.toFixed(3)} ms over ${figures.count}`);
    console.log(JSON.stringify({ corpus: corpus.name, positions: requests.length, rounds, pack, digest: digest.digest('hex'), load: os.loadavg() }));
  } finally {
    await engine.dispose();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
