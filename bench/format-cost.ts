// What naming the prompt format costs on the completion path (prints numbers; not a timed test). At
// seeded sites of a corpus it times, in process, the first request at the site, each keystroke of a typed
// line, and the request after an edit above the cursor, each once without a format and once with it, in
// alternating order. Per request it also sums the time spent inside o200k counts (packing's and the
// rendered prompt's), so the difference between the two shows how much of the added time is counting.
//
//   node --import tsx bench/format-cost.ts [--corpus zod@4.6.7] [--sites 40] [--budget 4096] [--format qwen] [--chars 8]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');
import { ContextEngine } from '../src/core/engine';
import { percentile } from '../src/core/eval/percentile';
import type { ContextRequest, PromptFormat } from '../src/core/types';
import { ensureCorpus } from './corpora';
import { positionAt } from './latency-replay';
import { keystrokesOf } from './latency-session';
import { findSites } from './latency-sites';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'zod@4.6.7' },
    sites: { type: 'string', default: '40' },
    budget: { type: 'string', default: '4096' },
    format: { type: 'string', default: 'qwen' },
    chars: { type: 'string', default: '8' },
  },
});
const format = args.format as PromptFormat;
const budgetTokens = Number(args.budget);

// Every o200k count of the process goes through this module's countTokens: timed in place.
let countMs = 0;
const countTokens = o200k.countTokens;
o200k.countTokens = ((...countArgs: Parameters<typeof countTokens>) => {
  const started = performance.now();
  try {
    return countTokens(...countArgs);
  } finally {
    countMs += performance.now() - started;
  }
}) as typeof countTokens;

const SCENARIOS = ['first', 'keystroke', 'after-edit'] as const;
const MODES = ['without', 'with'] as const;
type Scenario = (typeof SCENARIOS)[number];
type Mode = (typeof MODES)[number];
const samples = new Map<string, { ms: number[]; countMs: number[] }>();

async function main(): Promise<void> {
  const corpus = await ensureCorpus(args.corpus!);
  const { sites } = await findSites(corpus.dir, corpus.excludeGlobs, Number(args.sites), 7);
  const engine = await ContextEngine.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
  await engine.warmUp();
  process.stderr.write(`${corpus.name}: ${sites.length} sites, budget ${budgetTokens}, format ${format}\n`);
  try {
    for (const [i, site] of sites.entries()) {
      // Alternating which goes first, so neither always finds the other's counts cached.
      const order: readonly Mode[] = i % 2 === 0 ? MODES : [...MODES].reverse();
      const original = fs.readFileSync(path.join(corpus.dir, site.file), 'utf8');
      const both = async (scenario: Scenario, text: string, offset: number) => {
        for (const mode of order) await timed(engine, scenario, mode, { file: site.file, text, position: positionAt(text, offset), budgetTokens });
      };
      await both('first', original, site.offset);
      let text = original;
      let offset = site.offset;
      for (const key of keystrokesOf(site.lines[0], site.indent, Number(args.chars))) {
        text = text.slice(0, offset) + key + text.slice(offset);
        offset += key.length;
        await engine.updateFile(site.file, text);
        await both('keystroke', text, offset);
      }
      const edit = '// edited above the cursor\n';
      await engine.updateFile(site.file, edit + text);
      await both('after-edit', edit + text, offset + edit.length);
      await engine.updateFile(site.file, original);
      process.stderr.write(`${i + 1}/${sites.length}\r`);
    }
  } finally {
    await engine.dispose();
  }
  report();
}

async function timed(engine: ContextEngine, scenario: Scenario, mode: Mode, request: ContextRequest): Promise<void> {
  // The engine keeps a context per (file, budget, tokenizer, …) for the next request near the cursor; naming
  // the default tokenizer gives the runs without a format their own, as each editor would have.
  const named: ContextRequest = mode === 'with' ? { ...request, format } : { ...request, tokenizer: 'o200k_base' };
  countMs = 0;
  const started = performance.now();
  await engine.buildContext(named);
  const ms = performance.now() - started;
  const key = `${scenario}/${mode}`;
  const entry = samples.get(key) ?? { ms: [], countMs: [] };
  entry.ms.push(ms);
  entry.countMs.push(countMs);
  samples.set(key, entry);
}

function report(): void {
  const f = (ms: number) => ms.toFixed(1).padStart(7);
  console.log(`\n${'scenario'.padEnd(11)} ${'format'.padEnd(8)} ${'n'.padStart(4)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'count50'.padStart(7)} ${'count95'.padStart(7)}  (ms; count = time inside o200k counts)`);
  for (const scenario of SCENARIOS) {
    const p50 = new Map<Mode, number>();
    for (const mode of MODES) {
      const { ms, countMs: counts } = samples.get(`${scenario}/${mode}`)!;
      p50.set(mode, percentile(ms, 50));
      console.log(`${scenario.padEnd(11)} ${(mode === 'with' ? format : '-').padEnd(8)} ${String(ms.length).padStart(4)} ${f(percentile(ms, 50))} ${f(percentile(ms, 95))} ${f(percentile(counts, 50))} ${f(percentile(counts, 95))}`);
    }
    console.log(`${''.padEnd(11)} ratio p50 with/without ${(p50.get('with')! / p50.get('without')!).toFixed(2)}`);
  }
}

void main();
