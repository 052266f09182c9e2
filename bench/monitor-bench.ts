// Monitor benchmark: `npm run bench:monitor -- [--corpus zod@4.6.7|DIR] [--positions 100] [--budget 50]
// [--seed N] [--diagnostics] [--show-failures]`. Does the monitor repair invented members on real code, and what does it cost?
//
// Positions come from the shared sampler (src/core/eval/sample.ts): lines of the corpus holding a member
// access whose member the TypeScript 7 server resolves to a declaration in the corpus. The completion starts
// at the line's first non-blank character and runs to its end. For each position the benchmark makes a
// realistic wrong version of the line (bench/monitor-mutations.ts: the member's name with another case,
// plural, affix, a near-synonym, or a real member of another type), serves it from a scripted model behind a
// real HTTP server speaking the OpenAI streaming protocol, and runs the monitor with each steering strategy.
// The original line is served too: any change to it is a false alarm.
//
// The scripted model stands in for llama.cpp and vLLM under a constraint the way those servers decode
// (test/servers/scripted-model.ts): token by token it follows the name it meant while an allowed name still
// starts that way, otherwise it must end with an allowed one. It has no probabilities of its own, so the
// grammar and choice rows measure the servers' greedy constrained decoding, not a model's judgement.
//
// Latency: `added` is the monitored completion's time minus the same completion's time with the monitor off,
// over a stream with no delay between chunks (the monitor's own cost: oracle waits and repair requests).
//
// zod's package ships no tsconfig.json, which makes tsc rebuild inferred projects per newly opened file
// (seconds): the benchmark copies the sources into a private folder with a minimal tsconfig.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HeadlessLanguageFacts } from '../src/core/facts';
import { isCodeLine, sampleLinesAsync } from '../src/core/eval/sample';
import { percentile } from '../src/core/eval/percentile';
import { ModelClient, type ModelBackend } from '../src/core/model';
import { completeMonitored, type MonitoredCompletion } from '../src/core/monitor';
import { memberAccesses } from '../src/core/monitor/triggers';
import { renderPrompt } from '../src/core/prompt';
import { OpenAITestServer } from '../test/servers/openai-server';
import { scriptedModel } from '../test/servers/scripted-model';
import { ensureCorpus } from './corpora';
import { corpusSources } from './ground-truth';
import { mutateMember, type Mutation } from './monitor-mutations';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** One benchmark position: a line, the member access that is mutated, and the members allowed there. */
interface Position {
  readonly file: string;
  readonly prefix: string;
  readonly suffix: string;
  /** The line from its first non-blank character to its end. */
  readonly original: string;
  /** Where the target member's name starts in `original`, and the name. */
  readonly nameStart: number;
  readonly name: string;
  readonly allowed: readonly string[];
}

const STRATEGIES: readonly { readonly label: string; readonly backend: ModelBackend }[] = [
  { label: 'grammar (llama.cpp)', backend: 'llama.cpp' },
  { label: 'choice (vLLM)', backend: 'vllm' },
  { label: 'stop-and-repair (any)', backend: 'openai' },
];

/** A private copy of the corpus's TypeScript sources with a minimal tsconfig.json (see the file's comment). */
function privateCopy(dir: string, files: readonly string[]): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-monitor-bench-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(dir, file), path.join(copy, file));
  }
  const compilerOptions = { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true, noEmit: true };
  fs.writeFileSync(path.join(copy, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'] }, null, 2));
  return copy;
}

/** The members offered after `before` with `suffix` after it: the monitor's own question, unbounded in time. */
async function membersAt(facts: HeadlessLanguageFacts, file: string, buffer: string, before: string, suffix: string): Promise<string[]> {
  const lines = before.split('\n');
  const position = { line: lines.length - 1, character: lines.at(-1)!.length };
  const items = await facts.withShadowText({ path: file, text: buffer }, before + suffix, s => s.completions(position, { budgetMs: 20_000 }));
  return items.map(item => item.label.replace(/\?$/, ''));
}

/**
 * Gives the server the file's whole text again. A position's buffer lacks its line; left open like that, a
 * file would change the types other files see (a removed interface member is then missing everywhere).
 */
function showWhole(facts: HeadlessLanguageFacts, file: string, text: string): Promise<void> {
  return facts.warmUp({ path: file, text });
}

async function choosePositions(facts: HeadlessLanguageFacts, root: string, files: readonly string[], count: number, seed: number): Promise<Position[]> {
  const texts = new Map(files.map(file => [file, fs.readFileSync(path.join(root, file), 'utf8')]));
  const found = new Map<string, Position>();
  const candidates = files.map(file => {
    const lines = texts.get(file)!.split('\n');
    return { file, lines: lines.flatMap((line, n) => (isCodeLine(line, '//') && !/^\s*(import|export \* from)\b/.test(line) && /[\w)\]]\??\.[A-Za-z_$]/.test(line) ? [n] : [])) };
  });
  const accepts = async ({ file, line }: { file: string; line: number }): Promise<boolean> => {
    const text = texts.get(file)!;
    const lineStart = text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
    const lineText = text.split('\n')[line]!;
    const indent = /^\s*/.exec(lineText)![0].length;
    const original = lineText.slice(indent);
    // The last member access of the line that resolves into the corpus.
    for (const access of memberAccesses(original, 0, 'typescript').reverse()) {
      if (access.name === '' || access.name.startsWith('#')) continue;
      const at = { line, character: indent + access.nameStart };
      const definitions = await facts.definition({ path: file }, at, { budgetMs: 20_000 }).catch(() => []);
      if (!definitions.some(d => d.inWorkspace)) continue;
      const prefix = text.slice(0, lineStart + indent);
      const suffix = text.slice(lineStart + lineText.length);
      const allowed = await membersAt(facts, file, prefix + suffix, prefix + original.slice(0, access.nameStart), suffix).catch((): string[] => []);
      await showWhole(facts, file, text);
      if (!allowed.includes(access.name)) continue;
      found.set(`${file}:${line}`, { file, prefix, suffix, original, nameStart: access.nameStart, name: access.name, allowed });
      return true;
    }
    return false;
  };
  const sampled = await sampleLinesAsync(candidates, accepts, { seed, maxPositions: count, maxPerFile: 2 });
  return sampled.map(s => found.get(`${s.file}:${s.line}`)!);
}

interface Run {
  readonly result: MonitoredCompletion;
  readonly ms: number;
}

async function main(): Promise<void> {
  const corpusName = argument('corpus', 'zod@4.6.7');
  const count = Number(argument('positions', '100'));
  const budgetMs = Number(argument('budget', '50'));
  const seed = Number(argument('seed', '20240601'));
  const showFailures = process.argv.includes('--show-failures');
  const checkDiagnostics = process.argv.includes('--diagnostics');
  const corpus = await ensureCorpus(corpusName);
  const files = corpusSources(corpus.dir);
  const root = privateCopy(corpus.dir, files);
  const facts = new HeadlessLanguageFacts({ root, defaultBudgetMs: 20_000 });
  const server = new OpenAITestServer();
  const { url } = await server.start();
  const model = new ModelClient({ baseUrl: url, model: 'scripted', maxTokens: 256, temperature: 0, timeoutMs: 30_000 });
  try {
    const chooseStarted = performance.now();
    const positions = await choosePositions(facts, root, files, count, seed);
    process.stderr.write(`${corpus.name}: ${files.length} files, ${positions.length} positions chosen in ${((performance.now() - chooseStarted) / 1000).toFixed(1)} s\n`);
    const pool = [...new Set(positions.flatMap(p => p.allowed))];
    const mutations = positions.map((position, i) => mutateMember(position.name, position.allowed, pool, i));

    const run = async (position: Position, intended: string, backend: ModelBackend | 'off'): Promise<Run> => {
      const prompt = renderPrompt({ context: '', prefix: position.prefix, suffix: position.suffix, file: position.file, language: 'typescript', format: 'qwen' });
      server.respondWith(scriptedModel(intended, prompt.kind === 'completion' ? prompt.prompt : '', { chunkChars: 4 }));
      const started = performance.now();
      const document = { path: position.file, language: 'typescript' as const, prefix: position.prefix, suffix: position.suffix };
      const result = await completeMonitored({ model, prompt, document, facts, settings: { backend, triggerBudgetMs: budgetMs, checkDiagnostics }, signal: new AbortController().signal });
      return { result, ms: performance.now() - started };
    };
    /** The target member as the final text writes it: the access starting where the original's did. */
    const targetIn = (position: Position, text: string) => memberAccesses(text, 0, 'typescript').find(a => a.nameStart === position.nameStart)?.name;

    const rows: string[] = [];
    const byKind = new Map<string, { n: number; exact: Record<string, number> }>();
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
          const rawOriginal = await run(position, position.original, 'off');
          const original = await run(position, position.original, strategy.backend);
          if (original.result.text !== position.original) {
            falseAlarms++;
            if (showFailures) process.stderr.write(`${strategy.label} ${position.file}: false alarm\n  original ${position.original}\n  final    ${original.result.text}\n  ${original.result.changes.map(c => c.why).join('; ')}\n`);
          }
          if (original.result.rejected) falseRejections++;
          skippedChecks += original.result.notes.filter(n => /not checked/.test(n)).length;
          checkMs.push(...original.result.checkMs);
          addedOriginal.push(original.ms - rawOriginal.ms);
          const mutation: Mutation | undefined = mutations[i];
          if (!mutation) continue;
          const wrongLine = position.original.slice(0, position.nameStart) + mutation.name + position.original.slice(position.nameStart + position.name.length);
          mutated++;
          const raw = await run(position, wrongLine, 'off');
          if (!position.allowed.includes(targetIn(position, raw.result.text) ?? '')) invalidBefore++;
          const monitored = await run(position, wrongLine, strategy.backend);
          skippedChecks += monitored.result.notes.filter(n => /not checked/.test(n)).length;
          checkMs.push(...monitored.result.checkMs);
          addedWrong.push(monitored.ms - raw.ms);
          const stillInvalid = !position.allowed.includes(targetIn(position, monitored.result.text) ?? '');
          if (stillInvalid) invalidAfter++;
          if (showFailures && (stillInvalid || monitored.result.text !== position.original)) {
            process.stderr.write(`${strategy.label} ${position.file}: ${mutation.kind}\n  original ${position.original}\n  wrong    ${wrongLine}\n  final    ${monitored.result.text}\n  ${monitored.result.notes.join('; ')}\n`);
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
    const facts7 = facts.status()[0];
    console.log(`\n## bench:monitor: ${corpus.name}, ${positions.length} positions (seed ${seed}), trigger budget ${budgetMs} ms, diagnostics check ${checkDiagnostics ? 'on' : 'off'}, ${facts7?.name ?? 'no server'}\n`);
    console.log('| strategy | wrong lines | invalid before | invalid after | exact repair | false alarms (originals) | rejected originals (diagnostics) | added ms p50 / p95, originals | added ms p50 / p95, wrong lines | member check ms p50 / p95 | checks not answered |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log('\nExact repair by kind of wrong name:\n');
    console.log(`| kind | n | ${STRATEGIES.map(s => s.label).join(' | ')} |`);
    console.log(`|---|---|${STRATEGIES.map(() => '---').join('|')}|`);
    for (const [kind, { n, exact }] of [...byKind.entries()].sort()) {
      console.log(`| ${kind} | ${n} | ${STRATEGIES.map(s => `${(((exact[s.label] ?? 0) * 100) / Math.max(1, n)).toFixed(0)}%`).join(' | ')} |`);
    }
  } finally {
    await server.stop();
    await facts.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

void main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
