// Monitor benchmark: `npm run bench:monitor -- [--corpus zod@4.6.7|python3-oauthlib|DIR] [--positions 100]
// [--budget 50] [--pace-ms 0] [--seed N] [--diagnostics] [--show-failures]`. Does the monitor repair
// invented members on real code, and what does it cost?
//
// Positions: bench/monitor-positions.ts (lines whose member access the language server resolves into the
// corpus; TypeScript with the TypeScript 7 server, Python with pyright). For each position the benchmark
// makes a realistic wrong version of the line (bench/monitor-mutations.ts: the member's name with another
// case, plural, affix, a near-synonym, or a real member of another type), serves it from a scripted model
// behind a real HTTP server speaking the OpenAI streaming protocol, and runs the monitor with each steering
// strategy. The original line is served too: any change to it is a false alarm.
//
// The scripted model stands in for llama.cpp and vLLM under a constraint the way those servers decode
// (test/servers/scripted-model.ts): token by token it follows the name it meant while an allowed name still
// starts that way, otherwise it must end with an allowed one. It has no probabilities of its own, so the
// grammar and choice rows measure the servers' greedy constrained decoding, not a model's judgement.
//
// Pace: by default the model writes the whole line at once (4 characters a chunk, no delay): the monitor
// then has only its trigger budget after the model is done, the hardest case. `--pace-ms 20` sends a chunk
// (about a token) every 20 ms, 50 tokens a second, as a local model writes: questions asked while the
// model writes get that time too.
//
// Latency: `added` is the monitored completion's time minus the same completion's time with the monitor off
// (the monitor's own cost: oracle waits and repair requests). The first completion after the server starts
// is measured apart, on a fresh server opened on the first position's file as the editor opens it.
import { parseArgs } from 'node:util';
import { HeadlessLanguageFacts } from '../src/core/facts';
import { percentile } from '../src/core/eval/percentile';
import { ModelClient, type ModelBackend } from '../src/core/model';
import { completeMonitored, type MonitoredCompletion } from '../src/core/monitor';
import { memberAccesses } from '../src/core/monitor/triggers';
import { renderPrompt } from '../src/core/prompt';
import { OpenAITestServer } from '../test/servers/openai-server';
import { scriptedModel } from '../test/servers/scripted-model';
import { ensureCorpus } from './corpora';
import { choosePositions, monitorCorpus, showWhole, type MonitorCorpus, type MonitorPosition } from './monitor-positions';
import { mutateMember, type Mutation } from './monitor-mutations';

const STRATEGIES: readonly { readonly label: string; readonly backend: ModelBackend }[] = [
  { label: 'grammar (llama.cpp)', backend: 'llama.cpp' },
  { label: 'choice (vLLM)', backend: 'vllm' },
  { label: 'stop-and-repair (any)', backend: 'openai' },
];

interface Run {
  readonly result: MonitoredCompletion;
  readonly ms: number;
}

/** Why a wrong name is still wrong after the monitor: from its notes and changes. */
function missCause(result: MonitoredCompletion): string {
  if (result.notes.some(note => /no answer within/.test(note))) return 'no answer within the budget';
  if (result.notes.some(note => /not checked/.test(note))) return 'server error';
  if (result.changes.length > 0) return 'repaired to another wrong name';
  if (result.checkMs.length === 0) return 'no member access seen';
  return 'answered, no violation seen';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: 'zod@4.6.7' },
      positions: { type: 'string', default: '100' },
      budget: { type: 'string', default: '50' },
      'pace-ms': { type: 'string', default: '0' },
      seed: { type: 'string', default: '20240601' },
      diagnostics: { type: 'boolean', default: false },
      'show-failures': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.positions);
  const budgetMs = Number(values.budget);
  const paceMs = Number(values['pace-ms']);
  const seed = Number(values.seed);
  const showFailures = values['show-failures'];
  const checkDiagnostics = values.diagnostics;
  const corpus = monitorCorpus(await ensureCorpus(values.corpus));
  const { language } = corpus;
  const facts = new HeadlessLanguageFacts({ root: corpus.root, defaultBudgetMs: 20_000 });
  const server = new OpenAITestServer();
  const { url } = await server.start();
  const model = new ModelClient({ baseUrl: url, model: 'scripted', maxTokens: 256, temperature: 0, timeoutMs: 30_000 });
  const stream = { chunkChars: 4, ...(paceMs > 0 ? { chunkDelayMs: paceMs } : {}) };
  try {
    const chooseStarted = performance.now();
    const positions = await choosePositions(facts, corpus, count, seed);
    process.stderr.write(`${corpus.name}: ${corpus.files.length} files, ${positions.length} positions chosen in ${((performance.now() - chooseStarted) / 1000).toFixed(1)} s\n`);
    const pool = [...new Set(positions.flatMap(p => p.allowed))];
    const naming = language === 'python' ? 'snake' : 'camel';
    const mutations = positions.map((position, i) => mutateMember(position.name, position.allowed, pool, i, naming));
    const wrongLine = (position: MonitorPosition, mutation: Mutation) => position.original.slice(0, position.nameStart) + mutation.name + position.original.slice(position.nameStart + position.name.length);

    const run = async (through: HeadlessLanguageFacts, position: MonitorPosition, intended: string, backend: ModelBackend | 'off'): Promise<Run> => {
      const prompt = renderPrompt({ context: '', prefix: position.prefix, suffix: position.suffix, file: position.file, language, format: 'qwen' });
      server.respondWith(scriptedModel(intended, prompt.kind === 'completion' ? prompt.prompt : '', stream));
      const started = performance.now();
      const document = { path: position.file, language, prefix: position.prefix, suffix: position.suffix };
      const result = await completeMonitored({ model, prompt, document, facts: through, settings: { backend, triggerBudgetMs: budgetMs, checkDiagnostics }, signal: new AbortController().signal });
      return { result, ms: performance.now() - started };
    };
    /** The target member as the final text writes it: the access starting where the original's did. */
    const targetIn = (position: MonitorPosition, text: string) => memberAccesses(text, 0, language).find(a => a.nameStart === position.nameStart)?.name;

    const rows: string[] = [];
    const byKind = new Map<string, { n: number; exact: Record<string, number> }>();
    const misses = new Map<string, Record<string, number>>();
    for (const strategy of STRATEGIES) {
      let mutated = 0;
      let invalidBefore = 0;
      let invalidAfter = 0;
      let exact = 0;
      let falseAlarms = 0;
      let falseRejections = 0;
      let skippedChecks = 0;
      const addedWrong: number[] = [];
      const checkMs: number[] = [];
      const addedOriginal: number[] = [];
      for (const [i, position] of positions.entries()) {
        try {
          // Untouched line: any change is a false alarm.
          const rawOriginal = await run(facts, position, position.original, 'off');
          const original = await run(facts, position, position.original, strategy.backend);
          if (original.result.text !== position.original) {
            falseAlarms++;
            if (showFailures) process.stderr.write(`${strategy.label} ${position.file}: false alarm\n  original ${position.original}\n  final    ${original.result.text}\n  ${original.result.changes.map(c => c.why).join('; ')}\n`);
          }
          if (original.result.rejected) falseRejections++;
          skippedChecks += original.result.notes.filter(n => /not checked/.test(n)).length;
          checkMs.push(...original.result.checkMs);
          addedOriginal.push(original.ms - rawOriginal.ms);
          const mutation = mutations[i];
          if (!mutation) continue;
          const wrong = wrongLine(position, mutation);
          mutated++;
          const raw = await run(facts, position, wrong, 'off');
          if (!position.allowed.includes(targetIn(position, raw.result.text) ?? '')) invalidBefore++;
          const monitored = await run(facts, position, wrong, strategy.backend);
          skippedChecks += monitored.result.notes.filter(n => /not checked/.test(n)).length;
          checkMs.push(...monitored.result.checkMs);
          addedWrong.push(monitored.ms - raw.ms);
          const stillInvalid = !position.allowed.includes(targetIn(position, monitored.result.text) ?? '');
          if (stillInvalid) {
            invalidAfter++;
            const cause = missCause(monitored.result);
            const counts = misses.get(cause) ?? {};
            counts[strategy.label] = (counts[strategy.label] ?? 0) + 1;
            misses.set(cause, counts);
          }
          if (showFailures && (stillInvalid || monitored.result.text !== position.original)) {
            process.stderr.write(`${strategy.label} ${position.file}: ${mutation.kind}\n  original ${position.original}\n  wrong    ${wrong}\n  final    ${monitored.result.text}\n  ${monitored.result.notes.join('; ')}\n`);
          }
          const isExact = monitored.result.text === position.original;
          if (isExact) exact++;
          const kind = byKind.get(mutation.kind) ?? { n: 0, exact: {} };
          if (strategy === STRATEGIES[0]) kind.n++;
          kind.exact[strategy.label] = (kind.exact[strategy.label] ?? 0) + (isExact ? 1 : 0);
          byKind.set(mutation.kind, kind);
        } finally {
          await showWhole(facts, position.file, position.prefix + position.original + position.suffix);
        }
      }
      const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
      const ms = (values: number[]) => (values.length ? `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)}` : '-');
      rows.push(
        `| ${strategy.label} | ${mutated} | ${pct(invalidBefore, mutated)} | ${pct(invalidAfter, mutated)} | ${pct(exact, mutated)} | ${pct(falseAlarms, positions.length)} | ${pct(falseRejections, positions.length)} | ${ms(addedOriginal)} | ${ms(addedWrong)} | ${ms(checkMs)} | ${skippedChecks} |`,
      );
    }
    const firstRows = await firstCompletions(corpus, positions, mutations, wrongLine, run);
    const serverName = facts.status()[0]?.name ?? 'no server';
    const pace = paceMs > 0 ? `a chunk every ${paceMs} ms` : 'the whole line at once';
    console.log(`\n## bench:monitor: ${corpus.name}, ${positions.length} positions (seed ${seed}), trigger budget ${budgetMs} ms, model writes ${pace}, diagnostics check ${checkDiagnostics ? 'on' : 'off'}, ${serverName}\n`);
    console.log('| strategy | wrong lines | invalid before | invalid after | exact repair | false alarms (originals) | rejected originals (diagnostics) | added ms p50 / p95, originals | added ms p50 / p95, wrong lines | member check ms p50 / p95 | checks not answered |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log('\nExact repair by kind of wrong name:\n');
    console.log(`| kind | n | ${STRATEGIES.map(s => s.label).join(' | ')} |`);
    console.log(`|---|---|${STRATEGIES.map(() => '---').join('|')}|`);
    for (const [kind, { n, exact }] of [...byKind.entries()].sort()) {
      console.log(`| ${kind} | ${n} | ${STRATEGIES.map(s => `${(((exact[s.label] ?? 0) * 100) / Math.max(1, n)).toFixed(0)}%`).join(' | ')} |`);
    }
    console.log('\nWhy wrong names remained (wrong lines still invalid after the monitor):\n');
    console.log(`| cause | ${STRATEGIES.map(s => s.label).join(' | ')} |`);
    console.log(`|---|${STRATEGIES.map(() => '---').join('|')}|`);
    for (const [cause, counts] of [...misses.entries()].sort()) console.log(`| ${cause} | ${STRATEGIES.map(s => counts[s.label] ?? 0).join(' | ')} |`);
    console.log('\nFirst completion after the server starts (a fresh server, warmed up on the file as the editor does; one wrong line):\n');
    console.log('| strategy | warm-up ms (start, open, check) | added ms | member checks ms | repaired |');
    console.log('|---|---|---|---|---|');
    for (const row of firstRows) console.log(row);
  } finally {
    await server.stop();
    await facts.dispose();
    corpus.dispose();
  }
}

/**
 * Per strategy, a fresh server warmed up on the first mutated position's file as the editor does when the
 * file becomes active (service/monitor-service.ts: open it, check it once), then that position's wrong line
 * monitored: the first completion's cost, which the warm rows do not show.
 */
async function firstCompletions(
  corpus: MonitorCorpus,
  positions: readonly MonitorPosition[],
  mutations: readonly (Mutation | undefined)[],
  wrongLine: (position: MonitorPosition, mutation: Mutation) => string,
  run: (facts: HeadlessLanguageFacts, position: MonitorPosition, intended: string, backend: ModelBackend | 'off') => Promise<Run>,
): Promise<string[]> {
  const at = mutations.findIndex(mutation => mutation !== undefined);
  if (at < 0) return [];
  const position = positions[at]!;
  const wrong = wrongLine(position, mutations[at]!);
  const rows: string[] = [];
  for (const strategy of STRATEGIES) {
    const fresh = new HeadlessLanguageFacts({ root: corpus.root, defaultBudgetMs: 20_000 });
    try {
      const opened = performance.now();
      const whole = { path: position.file, text: position.prefix + position.original + position.suffix };
      await fresh.warmUp(whole);
      await fresh.diagnostics(whole, { budgetMs: 20_000 });
      const readyMs = performance.now() - opened;
      const raw = await run(fresh, position, wrong, 'off');
      const monitored = await run(fresh, position, wrong, strategy.backend);
      const repaired = monitored.result.text === position.original ? 'exact' : monitored.result.changes.length > 0 ? 'changed' : `no (${monitored.result.notes.join('; ') || 'no change'})`;
      rows.push(`| ${strategy.label} | ${readyMs.toFixed(0)} | ${(monitored.ms - raw.ms).toFixed(1)} | ${monitored.result.checkMs.map(ms => ms.toFixed(0)).join(', ') || '-'} | ${repaired} |`);
    } finally {
      await fresh.dispose();
    }
  }
  return rows;
}

void main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
