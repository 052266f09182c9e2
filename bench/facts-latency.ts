// Facts latency: `node --import tsx bench/facts-latency.ts [--corpus zod@4.6.7|DIR] [--positions 30]
// [--budget 100] [--max-identifiers N] [--add-tsconfig]`. Starts the language server for the corpus (typescript 7's tsc --lsp for TypeScript,
// pyright for Python), prints its start and ready times, then gathers the facts at positions chosen
// deterministically in the corpus sources (member holes after `x.`, argument holes after `f(`), in three
// passes: the first opens each file in the server, the second asks again, the third asks after an edit of
// a file the server has open (the editor's case, see below). Prints p50/p95 of the facts'
// latency per pass, under the budget and unbounded, and how often an expected type was found.
// `--add-tsconfig` measures a workspace with a tsconfig (bench/tsconfig-copy.ts says why). `--trace MS`
// prints, for every gathering slower than MS, each question with its start and end relative to the
// gathering's start: where the time goes. The identifiers, imported names and enclosing scopes of each
// query come from the cursor stage on the corpus's index, as the engine hands them (not measured);
// `--words` asks the words of the lines around the cursor instead, as before 2026-12-02 07:00 UTC.
// `--results FILE` writes every gathering's time and facts, one JSON line each, to compare two versions.
// `--rounds MS` also replays every gathering with each answer given exactly MS ms after its question (the
// server's own answers, asked once) and counts its rounds of questions, each asked after the last one's
// answer came, whatever the machine's load; p50/p95 of that count are printed per pass. `--raw` also times,
// in the edit pass, the server alone: one hover of the name before the hole sent with the edit (then the
// text is put back and answered again, not measured): what the first answer after an edit costs whatever
// the gathering does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeCursor } from '../src/core/cursor';
import { HeadlessLanguageFacts, gatherFacts, type FactsQuery, type GatheredFacts, type LanguageFacts } from '../src/core/facts';
import { WorkspaceIndex } from '../src/core/index/workspace-index';
import { percentile } from '../src/core/eval/percentile';
import { languageForPath } from '../src/core/languages';
import type { Position } from '../src/core/types';
import { ensureCorpus } from './corpora';
import { traced, type TracedQuestion } from './traced-facts';
import { withTsconfig } from './tsconfig-copy';

interface Hole {
  readonly file: string;
  readonly text: string;
  readonly position: Position;
  readonly identifiers: { name: string; line: number }[];
}

function sourceFiles(dir: string, extension: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      else if (entry.isFile() && entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts') && !/test|spec/.test(full.slice(dir.length))) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** One hole per file in turn (member, then argument, alternating), from evenly spaced files, until `count`. */
function chooseHoles(root: string, extension: string, count: number): Hole[] {
  const files = sourceFiles(root, extension);
  const holes: Hole[] = [];
  const stride = Math.max(1, Math.floor(files.length / count));
  for (let i = 0; holes.length < count && i < files.length * 2; i++) {
    const absolute = files[(i * stride + Math.floor(i / files.length)) % files.length]!;
    const text = fs.readFileSync(absolute, 'utf8');
    const lines = text.split('\n');
    const pattern = holes.length % 2 === 0 ? /\b[a-z_]\w*\.(?=[a-z_]\w*)/i : /\b[a-z_]\w*\((?=[^)\s])/i;
    const middle = Math.floor(lines.length / 2);
    const order = lines.map((_, n) => (middle + n) % lines.length);
    const lineNumber = order.find(n => pattern.test(lines[n]!) && !/^\s*(\/\/|\*|#|import|from)/.test(lines[n]!));
    if (lineNumber === undefined) continue;
    const match = pattern.exec(lines[lineNumber]!)!;
    const position = { line: lineNumber, character: match.index + match[0].length };
    const identifiers = [];
    for (let n = Math.max(0, lineNumber - 3); n <= Math.min(lines.length - 1, lineNumber + 1); n++) {
      // The cursor stage never offers words of a comment: neither does this.
      const code = lines[n]!.replace(/\/\/.*$|#.*$|^\s*\*.*$/, '');
      for (const name of new Set(code.match(/\b[A-Za-z_]\w{2,}\b/g) ?? [])) identifiers.push({ name, line: n });
    }
    holes.push({ file: path.relative(root, absolute).split(path.sep).join('/'), text, position, identifiers });
  }
  return holes;
}

/**
 * `facts` answering each question exactly `delayMs` after it is asked, with the answer `facts` gave it (the
 * first time, unbounded, kept in `answers`). A fresh one per gathering: no answer is remembered across
 * gatherings (answer-cache.ts keeps them per provider). `rounds()` is the longest chain of questions each
 * asked after the answer before it came: a question's round is one more than the latest round answered
 * when it is asked.
 */
function fixedDelay(facts: LanguageFacts, delayMs: number, answers: Map<string, Promise<unknown>>): { facts: LanguageFacts; rounds: () => number } {
  let answered = 0;
  let deepest = 0;
  const provider = new Proxy(facts, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'withShadowText' || key === 'dispose') return value;
      return async (...args: unknown[]) => {
        const round = answered + 1;
        deepest = Math.max(deepest, round);
        const doc = args[0] as { path: string; text?: string };
        const question = JSON.stringify([key, doc.path, doc.text?.length, ...args.slice(1, -1)]);
        let answer = answers.get(question);
        if (!answer) answers.set(question, (answer = (value as (...a: unknown[]) => Promise<unknown>).apply(target, [...args.slice(0, -1), { budgetMs: 60_000 }]).catch(() => undefined)));
        const [result] = await Promise.all([answer, new Promise(resolve => setTimeout(resolve, delayMs))]);
        answered = Math.max(answered, round);
        return result;
      };
    },
  });
  return { facts: provider, rounds: () => deepest };
}

function printTrace(label: string, result: GatheredFacts, questions: readonly TracedQuestion[]): void {
  console.log(`  ${label}: ${result.elapsedMs.toFixed(1)} ms, ${questions.length} questions`);
  for (const q of questions) console.log(`    ${q.startMs.toFixed(1).padStart(6)} → ${q.endMs === undefined ? '  open' : q.endMs.toFixed(1).padStart(6)}  ${q.what}  (${q.outcome ?? 'unanswered'})`);
}

function resultLine(pass: string, budgetMs: number | undefined, hole: Hole, gathered: GatheredFacts): object {
  return {
    pass,
    budgetMs: budgetMs ?? 'unbounded',
    at: `${hole.file}:${hole.position.line + 1}:${hole.position.character + 1}`,
    ms: Math.round(gathered.elapsedMs * 10) / 10,
    expectedType: gathered.expectedType?.typeText,
    facts: gathered.facts.map(f => `${f.kind} ${f.name} ${f.location.path}:${f.location.range.start.line + 1} depth ${f.depth}`),
  };
}

function line(label: string, results: readonly GatheredFacts[]): string {
  const ms = results.map(r => r.elapsedMs);
  const typed = results.filter(r => r.expectedType).length;
  const complete = results.filter(r => r.complete).length;
  const facts = results.reduce((sum, r) => sum + r.facts.length, 0) / results.length;
  return `${label.padEnd(34)} p50 ${percentile(ms, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms   max ${Math.max(...ms).toFixed(1).padStart(6)} ms   complete ${complete}/${results.length}   expected type ${typed}/${results.length}   facts/position ${facts.toFixed(1)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: 'zod@4.6.7' },
      'add-tsconfig': { type: 'boolean', default: false },
      positions: { type: 'string', default: '30' },
      budget: { type: 'string', default: '100' },
      'max-identifiers': { type: 'string' },
      extension: { type: 'string' },
      words: { type: 'boolean', default: false },
      results: { type: 'string' },
      raw: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      trace: { type: 'string' },
    },
  });
  const fetched = await ensureCorpus(values.corpus);
  const corpus = values['add-tsconfig'] ? withTsconfig(fetched) : fetched;
  const count = Number(values.positions);
  const budgetMs = Number(values.budget);
  const maxIdentifiers = values['max-identifiers'] === undefined ? undefined : Number(values['max-identifiers']);
  const extension = values.extension ?? (fs.existsSync(path.join(corpus.dir, 'src')) || sourceFiles(corpus.dir, '.ts').length > 0 ? '.ts' : '.py');
  const holes = chooseHoles(corpus.dir, extension, count);
  if (holes.length === 0) throw new Error(`No ${extension} positions found in ${corpus.dir}`);
  // The engine hands the gathering its index's texts, in memory: read each file once here too, so that the
  // disk is not in what is measured.
  const texts = new Map<string, Promise<string | undefined>>();
  const readText = (file: string) => {
    let text = texts.get(file);
    if (!text) texts.set(file, (text = fs.promises.readFile(path.join(corpus.dir, file), 'utf8').catch(() => undefined)));
    return text;
  };
  const index = values.words ? undefined : await WorkspaceIndex.open({ root: corpus.dir, cacheDir: false });
  await index?.build();
  /** What the engine's cursor stage hands the gathering for `text` (service/request-facts.ts). */
  const nearCursor = async (hole: Hole, text: string): Promise<Pick<FactsQuery, 'identifiers' | 'importedNames' | 'enclosingScopes'>> => {
    const language = index?.languageOf(hole.file);
    if (!index || !language) return { identifiers: hole.identifiers };
    const symbols = await index.parse(language, text);
    const cursor = analyzeCursor({ file: hole.file, language, text, position: hole.position, symbols, resolvedImports: index.resolveImports(hole.file, language, symbols.imports) });
    return { identifiers: cursor.identifiers, importedNames: cursor.importedNamesNearCursor.map(use => use.localName), enclosingScopes: cursor.enclosingScopes };
  };
  // The engine also hands the gathering its index's declarations (engine.ts).
  const declarationsIn = (file: string) => index?.file(file)?.definitions;
  const declarationsNamed = index && ((name: string) => index.symbols.definitionsOf(name));
  const results = values.results;
  const raw = values.raw;
  const roundMs = values.rounds === undefined ? undefined : Number(values.rounds);
  if (results) fs.writeFileSync(results, '');
  const facts = new HeadlessLanguageFacts({ root: corpus.dir });
  const traceOver = values.trace === undefined ? undefined : Number(values.trace);
  const trace = traced(facts);
  try {
    const started = performance.now();
    await facts.warmUp({ path: holes[0]!.file, text: holes[0]!.text });
    const warm = performance.now() - started;
    const firstAnswer = performance.now();
    // The first answer waits for the whole program: a busy machine takes seconds, more than a question's default budget.
    await facts.hover({ path: holes[0]!.file, text: holes[0]!.text }, holes[0]!.position, { budgetMs: 60_000 });
    const status = facts.status()[0]!;
    console.log(`corpus ${corpus.name}: ${holes.length} positions in ${new Set(holes.map(h => h.file)).size} files (${languageForPath(holes[0]!.file)})`);
    console.log(`server ${status.name}: initialized ${status.initializedMs?.toFixed(0)} ms, ready ${status.readyMs?.toFixed(0)} ms, first file open + ready ${warm.toFixed(0)} ms, first hover ${(performance.now() - firstAnswer).toFixed(1)} ms`);
    // The editor's case: the file has long been open with its text (the server's program holds it), and
    // the user's edit, the line cut after the cursor, reaches the server with the question, which pays for it.
    const cut = (hole: Hole) => {
      const lines = hole.text.split('\n');
      lines[hole.position.line] = lines[hole.position.line]!.slice(0, hole.position.character);
      return lines.join('\n');
    };
    const opened = async (hole: Hole) => {
      await facts.warmUp({ path: hole.file, text: hole.text });
      // Only to have the server's program hold the text: an answer that does not come in time changes nothing.
      await facts.hover({ path: hole.file, text: hole.text }, hole.position).catch(() => undefined);
    };
    const passes = [
      { name: 'first pass (opens files)', textOf: (hole: Hole) => hole.text },
      { name: 'second pass', textOf: (hole: Hole) => hole.text },
      { name: 'edit in an open file', textOf: cut, before: opened, after: opened },
    ];
    for (const pass of passes) {
      const budgeted: GatheredFacts[] = [];
      const unbounded: GatheredFacts[] = [];
      const rounds: number[] = [];
      const rawMs: number[] = [];
      const answers = new Map<string, Promise<unknown>>();
      for (const hole of holes) {
        const text = pass.textOf(hole);
        const query: FactsQuery = { file: hole.file, text, position: hole.position, ...(await nearCursor(hole, text)), readText, declarationsIn, declarationsNamed, ...(maxIdentifiers === undefined ? {} : { maxIdentifiers }) };
        await pass.before?.(hole);
        if (raw && pass.before) {
          // The server alone: one hover of the name before the hole, sent with the edit, as the gathering's first questions are.
          const asked = performance.now();
          await facts.hover({ path: hole.file, text }, { line: hole.position.line, character: Math.max(0, hole.position.character - 2) }, { budgetMs: 10_000 }).catch(() => undefined);
          rawMs.push(performance.now() - asked);
          await pass.before(hole);
        }
        trace.restart();
        const result = await gatherFacts(trace.facts, { ...query, budgetMs });
        budgeted.push(result);
        // Questions cut by the budget end a moment later: let them, so the trace shows them ended.
        if (traceOver !== undefined) await new Promise(resolve => setTimeout(resolve, 20));
        const questions = trace.restart();
        if (traceOver !== undefined && result.elapsedMs > traceOver) printTrace(`${pass.name} ${hole.file}:${hole.position.line + 1}:${hole.position.character + 1}`, result, questions);
        unbounded.push(await gatherFacts(facts, { ...query, budgetMs: 10_000 }));
        if (roundMs !== undefined) {
          // The first replay asks what the answers have not yet seen; the second is the one counted.
          const replay = async () => {
            const replaying = fixedDelay(facts, roundMs, answers);
            await gatherFacts(replaying.facts, { ...query, budgetMs: 60_000 });
            return replaying.rounds();
          };
          await replay();
          rounds.push(await replay());
        }
        if (results) for (const [budget, gathered] of [[budgetMs, result], [undefined, unbounded.at(-1)!]] as const) fs.appendFileSync(results, `${JSON.stringify({ ...resultLine(pass.name, budget, hole, gathered), ...(budget === undefined && roundMs !== undefined ? { rounds: rounds.at(-1) } : {}) })}\n`);
        await pass.after?.(hole);
      }
      console.log(line(`${pass.name}, budget ${budgetMs} ms`, budgeted));
      console.log(line(`${pass.name}, unbounded`, unbounded));
      if (rawMs.length > 0) console.log(`${pass.name}, one hover`.padEnd(34) + ` p50 ${percentile(rawMs, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(rawMs, 95).toFixed(1).padStart(6)} ms   max ${Math.max(...rawMs).toFixed(1).padStart(6)} ms`);
      if (roundMs !== undefined) console.log(`${pass.name}, rounds`.padEnd(34) + ` p50 ${percentile(rounds, 50).toFixed(2)}   p95 ${percentile(rounds, 95).toFixed(2)}   max ${Math.max(...rounds).toFixed(2)}   mean ${(rounds.reduce((a, b) => a + b, 0) / rounds.length).toFixed(2)}`);
    }
    const example = await gatherFacts(facts, { file: holes[1]!.file, text: holes[1]!.text, position: holes[1]!.position, ...(await nearCursor(holes[1]!, holes[1]!.text)), readText, declarationsIn, declarationsNamed, budgetMs: 10_000 });
    console.log(`example ${holes[1]!.file}:${holes[1]!.position.line + 1}: ${example.facts.slice(0, 3).map(f => f.reason).join(' | ') || 'no facts'}`);
  } finally {
    await facts.dispose();
    await index?.dispose();
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
