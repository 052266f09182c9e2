// Traces bench:context's own `ours+facts` positions question by question: `node --import tsx
// bench/facts-trace-positions.ts [--corpus zod@4.6.7] [--mask hole|line] [--max-positions 60] [--budget 100]
// [--trace MS] [--only FILE:LINE,...] [--raw] [--cost]`. The same sampled positions (the test seed; jedi's for a
// Python corpus), masks, tsconfig copy, settling (the file's own text, answered, before each measured request)
// and engine as bench/context-bench.ts with `--lsp --add-tsconfig`, one build per position at 2K tokens. Prints,
// for every position whose facts took MS ms or more (default 50), each question with its send and answer times
// from the build's start, and what was missing; then the facts' p50/p95, the positions that missed some, the
// questions asked and the builds' total time. `--raw` also times the server alone after the edit: one hover at
// the cursor sent with the masked text. `--cost` replays each traced question alone after the edit (the program
// updated first by a definition at 0:0), with its time and the server's CPU time (/proc, 10 ms ticks): which
// questions are expensive for the server, and which are expensive only because of the rest.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ContextEngine } from '../src/core/engine';
import { percentile } from '../src/core/eval/percentile';
import { HeadlessLanguageFacts } from '../src/core/facts';
import { settle } from './context-bench';
import { ensureCorpus } from './corpora';
import { holePosition, sampleGroundTruth } from './ground-truth';
import { samplePythonGroundTruth } from './ground-truth-python';
import { maskRestOfLine } from './mask';
import { TEST_SEED } from './sets';
import { traced } from './traced-facts';
import { withTsconfig } from './tsconfig-copy';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: 'zod@4.6.7' },
      mask: { type: 'string', default: 'hole' },
      budget: { type: 'string', default: '100' },
      trace: { type: 'string', default: '50' },
      only: { type: 'string' },
      raw: { type: 'boolean', default: false },
      cost: { type: 'boolean', default: false },
      'max-positions': { type: 'string', default: '60' },
    },
  });
  const corpus = await ensureCorpus(values.corpus);
  const mask = values.mask;
  const budgetMs = Number(values.budget);
  const traceOver = Number(values.trace);
  const only = values.only === undefined ? undefined : new Set(values.only.split(','));
  const raw = values.raw;
  const sampling = { maxPositions: Number(values['max-positions']), seed: TEST_SEED };
  // Sampled as bench:context samples: jedi for a Python corpus.
  const truth = corpus.language === 'python' ? await samplePythonGroundTruth(corpus.dir, sampling) : sampleGroundTruth(corpus.dir, sampling);
  const dir = withTsconfig(corpus).dir;
  const facts = new HeadlessLanguageFacts({ root: dir });
  const trace = traced(facts);
  const engine = await ContextEngine.open({ root: dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false, facts: trace.facts, factsBudgetMs: budgetMs });
  const all: number[] = [];
  const raws: number[] = [];
  const totals: number[] = [];
  let asked = 0;
  let missed = 0;
  try {
    await engine.warmUp();
    for (const sampled of truth.positions) {
      const source = truth.sourceOf(sampled.file);
      const gold = mask === 'hole' ? holePosition(sampled, source.split('\n').slice(0, sampled.line).join('\n')) : sampled;
      if (only && !only.has(`${gold.file}:${gold.line}`)) continue;
      const masked = maskRestOfLine(source, { line: gold.line, character: gold.column ?? 0 });
      await settle(facts, { path: gold.file, text: source });
      if (raw) {
        const asked = performance.now();
        await facts.hover({ path: gold.file, text: masked.text }, masked.position, { budgetMs: 10_000 }).catch(() => undefined);
        raws.push(performance.now() - asked);
        await settle(facts, { path: gold.file, text: source });
      }
      trace.restart();
      const started = performance.now();
      const result = await engine.buildContext({ file: gold.file, position: masked.position, text: masked.text, budgetTokens: 2048, strategy: 'ours' });
      const total = performance.now() - started;
      await new Promise(resolve => setTimeout(resolve, 30));
      const questions = trace.restart();
      asked += questions.length;
      const ms = result.manifest.timingsMs.facts ?? 0;
      all.push(ms);
      totals.push(total);
      if (!result.manifest.facts?.complete) missed++;
      if (ms >= traceOver) {
        const t = result.manifest.timingsMs;
        console.log(`${gold.file}:${gold.line} facts ${ms.toFixed(1)} ms (parse ${t.parse} cursor ${t.cursor} total ${total.toFixed(1)})${raw ? ` raw hover ${raws.at(-1)!.toFixed(1)}` : ''} \`${gold.lineText.trim().slice(0, 80)}\` used ${result.manifest.facts?.used} missing ${result.manifest.facts?.missing.length}`);
        for (const q of questions) console.log(`    ${q.startMs.toFixed(1).padStart(6)} → ${q.endMs === undefined ? '  open' : q.endMs.toFixed(1).padStart(6)}  ${q.what}  (${q.outcome ?? 'unanswered'})`);
        for (const m of result.manifest.facts?.missing ?? []) console.log(`      missing: ${m.what}: ${m.why}`);
        if (values.cost) {
          const pid = facts.status()[0]!.pid!;
          const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
          for (const q of questions) {
            await settle(facts, { path: gold.file, text: source });
            await facts.definition({ path: gold.file, text: masked.text }, { line: 0, character: 0 }, { budgetMs: 30_000 }).catch(() => undefined);
            const c0 = cpu();
            const t0 = performance.now();
            const args = q.args.map(a => (a && typeof a === 'object' && 'path' in a && (a as { path: string }).path === gold.file ? { path: gold.file, text: masked.text } : a));
            args[args.length - 1] = { budgetMs: 30_000 };
            await (facts as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[q.method]!(...args).catch(() => undefined);
            console.log(`      alone ${(performance.now() - t0).toFixed(1).padStart(7)} ms cpu ${String(cpu() - c0).padStart(5)}  ${q.what}`);
          }
        }
      }
      await settle(facts, { path: gold.file, text: source });
    }
    console.log(`facts p50 ${percentile(all, 50).toFixed(1)} p95 ${percentile(all, 95).toFixed(1)} missed ${missed}/${all.length} questions ${asked} total p50 ${percentile(totals, 50).toFixed(1)} p95 ${percentile(totals, 95).toFixed(1)}${raw ? `; raw hover p50 ${percentile(raws, 50).toFixed(1)} p95 ${percentile(raws, 95).toFixed(1)}` : ''}`);
  } finally {
    await engine.dispose();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
