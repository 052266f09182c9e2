// The context benchmark: `npm run bench:context -- [--set test|tuning] [--corpus NAME|DIR]... [--budgets
// 2048,8192,32768] [--max-positions N] [--strategies none,jaccard,...] [--format qwen] [--mask line|hole]`. For each corpus:
// ground truth from the TypeScript compiler (jedi for Python), every strategy on the same masked positions, a
// table on stdout, progress on stderr, and the report in bench/reports/context-bench.{json,md}: the test set
// first, then the tuning set (bench/sets.ts says which corpus is in which and why).
//
// The budget bounds the prompt a model gets: every request names a prompt format (ContextRequest.format,
// `--format`, default qwen), so the template's markers and file separators count against the budget as the
// model family's tokenizer counts them, for every strategy and the oracle alike.
//
// `--results-dir DIR` keeps each corpus's result in DIR and reuses it when the same measurement is asked
// again: a long run can be done in pieces (`--set test`, then `--set tuning`) or resumed after a stop, and a
// final run over all corpora merges them into the report. `--compare OLD.json` adds a section comparing the
// coverage with an earlier report.
//
// `--mask line` (default) empties each sampled line and puts the cursor at its start; `--mask hole` keeps the
// line's text up to its first gold name and puts the cursor there (the same sampled lines; ground-truth.ts
// holePosition), as an inline completion meets a typed hole mid-line.
//
// `--lsp [--facts-budget 100] [--add-tsconfig]` adds `ours+facts`: our ranking with the language server's facts
// (tsc --lsp, pyright) from a second engine, on the same positions, beside `ours` (tree-sitter only); the
// heading gives the facts' p50/p95 per position. The editor has the current file open, so each position's
// file is opened in the server before it is measured. `--add-tsconfig` runs both engines on a copy of the
// TypeScript sources with a tsconfig.json (bench/tsconfig-copy.ts); the ground truth comes from the original.
// A Python corpus has no TypeScript sources to copy: it is measured on the original with or without the flag.
//
// `--positions-out DIR` writes, per corpus, one JSON line per position to DIR/<corpus>.<mask>.jsonl: the gold,
// and per strategy and budget every manifest row (included or not, with reasons) and which gold the included
// rows showed; for analysis of where a strategy gains or loses, and for fitting the packer's value model. A kept result (`--results-dir`) is not reused then: it has no positions.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextEngine } from '../src/core/engine';
import { DEFAULT_FACTS_BUDGET_MS, HeadlessLanguageFacts, type DocumentRef } from '../src/core/facts';
import type { PromptFormat, StrategyName } from '../src/core/types';
import { ensureCorpus } from './corpora';
import { keepResult, keptResult, startProvenance, type Measurement } from './context-results';
import { BENCH_STRATEGIES, runPositions, type BenchStrategy } from './context-run';
import { MASK_MODES, type MaskMode } from './mask';
import { DEFAULT_SAMPLING, sampleGroundTruth, type CorpusTruth, type GroundTruth } from './ground-truth';
import { samplePythonGroundTruth } from './ground-truth-python';
import { chooseWalk, measurePrefixReuse } from './prefix-walk';
import { COLUMN_LEGEND, comparisonSection, corpusReport, formatMarkdown, formatTable, provenanceSection, setSections, type CorpusReport, type EarlierReport } from './report';
import { ALL_CORPORA, CORPUS_SETS, SET_NAMES, TEST_SEED, setOf, type SetName } from './sets';
import { withTsconfig } from './tsconfig-copy';

export interface BenchArguments {
  readonly corpora: readonly string[];
  readonly budgets: readonly number[];
  readonly maxPositions: number;
  readonly strategies: readonly BenchStrategy[];
  /** The prompt format every request names, so the budget bounds the rendered prompt (markers included). */
  readonly format: PromptFormat;
  /** Where the cursor goes on each sampled line and what of the line is removed. */
  readonly mask: MaskMode;
  /** Corpora measured at once, each in its own process (the engine is single-threaded per corpus). */
  readonly jobs: number;
  /** Where each corpus's result is kept and, for the same measurement, reused (runs in pieces, resuming). */
  readonly resultsDir?: string;
  /** An earlier report (JSON) whose coverage the report compares with. */
  readonly compareWith?: string;
  /** Language facts: the facts' budget per request (ms); undefined without --lsp. */
  readonly factsBudgetMs?: number;
  readonly addTsconfig?: boolean;
  /** Where each corpus's per-position records go (DIR/<corpus>.<mask>.jsonl). */
  readonly positionsOut?: string;
  /** Internal: a child process writes its reports here instead of printing them. */
  readonly reportJson?: string;
}

export const DEFAULT_BUDGETS = [2048, 8192, 32768];

/**
 * Qwen2.5-Coder's repository-level FIM template by default: the open completion models most used for
 * repository context, and a template whose repository name and file separators cost tokens for every block.
 */
export const DEFAULT_FORMAT: PromptFormat = 'qwen';

/** Every format (the record's type makes a format added to PromptFormat and missing here a compile error). */
const FORMATS = Object.keys({ qwen: true, starcoder: true, deepseek: true, codestral: true, codellama: true, 'suffix-field': true, chat: true, plain: true } satisfies Record<PromptFormat, true>) as PromptFormat[];

/**
 * Positions per corpus in a default run: 100 x 21 engine calls and the oracle per corpus. Measured
 * 2026-12-02 with two jobs on two cores shared with other work (load average 11-19): both sets took 25
 * minutes, 2.5 to 8 minutes per corpus (jedi's sampling alone takes 2-3 of the Python corpora's); the test
 * set alone (`--set test`) about 8. The sampler's own cap (300) is reachable with --max-positions.
 */
const DEFAULT_BENCH_POSITIONS = 100;

const USAGE = `Usage: npm run bench:context -- [--set ${SET_NAMES.join('|')}] [--corpus NAME|DIR]... [--budgets 2048,8192,32768] [--max-positions N] [--strategies ${BENCH_STRATEGIES.join(',')}] [--format ${FORMATS.join('|')}] [--mask ${MASK_MODES.join('|')}] [--jobs N] [--results-dir DIR] [--compare OLD.json] [--lsp [--facts-budget MS] [--add-tsconfig]] [--positions-out DIR]`;

export function parseArguments(argv: readonly string[]): BenchArguments {
  const corpora: string[] = [];
  let budgets = DEFAULT_BUDGETS;
  let maxPositions = DEFAULT_BENCH_POSITIONS;
  let strategies: readonly BenchStrategy[] = BENCH_STRATEGIES;
  let format = DEFAULT_FORMAT;
  let mask: MaskMode = 'line';
  let jobs = os.cpus().length;
  let reportJson: string | undefined;
  let resultsDir: string | undefined;
  let compareWith: string | undefined;
  let positionsOut: string | undefined;
  let lsp = false;
  let addTsconfig = false;
  let factsBudgetMs = DEFAULT_FACTS_BUDGET_MS;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--lsp' || flag === '--add-tsconfig') {
      if (flag === '--lsp') lsp = true;
      else addTsconfig = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value. ${USAGE}`);
    i++;
    const list = value.split(',').map(v => v.trim()).filter(Boolean);
    if (flag === '--corpus') corpora.push(...list);
    else if (flag === '--set') {
      if (!SET_NAMES.includes(value as SetName)) throw new Error(`--set takes one of ${SET_NAMES.join(', ')} (got ${value}).`);
      corpora.push(...CORPUS_SETS[value as SetName]);
    }
    else if (flag === '--budgets') {
      budgets = list.map(Number);
      if (budgets.some(b => !Number.isInteger(b) || b <= 0)) throw new Error(`--budgets takes positive whole token counts, e.g. 2048,8192 (got ${value}).`);
    } else if (flag === '--max-positions') {
      maxPositions = Number(value);
      if (!Number.isInteger(maxPositions) || maxPositions <= 0 || maxPositions > DEFAULT_SAMPLING.maxPositions) {
        throw new Error(`--max-positions takes a whole number from 1 to ${DEFAULT_SAMPLING.maxPositions} (got ${value}).`);
      }
    } else if (flag === '--strategies') {
      const unknown = list.filter(s => !BENCH_STRATEGIES.includes(s as BenchStrategy));
      if (unknown.length > 0) throw new Error(`Unknown strategies: ${unknown.join(', ')}. Use some of: ${BENCH_STRATEGIES.join(', ')}.`);
      strategies = list as BenchStrategy[];
    } else if (flag === '--format') {
      if (!FORMATS.includes(value as PromptFormat)) throw new Error(`--format takes one of ${FORMATS.join(', ')} (got ${value}).`);
      format = value as PromptFormat;
    } else if (flag === '--mask') {
      if (!MASK_MODES.includes(value as MaskMode)) throw new Error(`--mask takes one of ${MASK_MODES.join(', ')} (got ${value}).`);
      mask = value as MaskMode;
    } else if (flag === '--jobs') {
      jobs = Number(value);
      if (!Number.isInteger(jobs) || jobs <= 0) throw new Error(`--jobs takes a positive whole number of processes (got ${value}).`);
    } else if (flag === '--facts-budget') {
      factsBudgetMs = Number(value);
      if (!Number.isInteger(factsBudgetMs) || factsBudgetMs <= 0) throw new Error(`--facts-budget takes positive whole milliseconds (got ${value}).`);
    } else if (flag === '--results-dir') resultsDir = path.resolve(value);
    else if (flag === '--positions-out') positionsOut = path.resolve(value);
    else if (flag === '--compare') {
      if (!fs.existsSync(value)) throw new Error(`--compare takes an earlier report's JSON file; ${value} does not exist.`);
      compareWith = path.resolve(value);
    } else if (flag === '--report-json') reportJson = value;
    else throw new Error(`Unknown option ${flag}. ${USAGE}`);
  }
  if (!lsp && (addTsconfig || argv.includes('--facts-budget'))) throw new Error(`--add-tsconfig and --facts-budget go with --lsp. ${USAGE}`);
  if (lsp && !strategies.includes('ours+facts')) strategies = [...strategies, 'ours+facts'];
  return {
    corpora: corpora.length > 0 ? corpora : ALL_CORPORA,
    budgets,
    maxPositions,
    strategies,
    format,
    mask,
    jobs,
    ...(addTsconfig ? { addTsconfig } : {}),
    ...(lsp ? { factsBudgetMs } : {}),
    ...(resultsDir ? { resultsDir } : {}),
    ...(positionsOut ? { positionsOut } : {}),
    ...(compareWith ? { compareWith } : {}),
    ...(reportJson ? { reportJson } : {}),
  };
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

/**
 * The file open in the server with `doc.text`, and answered about: tsc updates its program, pyright
 * analyses the file, on the first question after a change, so one question makes the server current
 * before the measured request brings the user's edit. A slow or failed answer only means the measured
 * request pays for more, as it would in the editor.
 */
export async function settle(facts: HeadlessLanguageFacts, doc: DocumentRef): Promise<void> {
  await facts.warmUp(doc);
  await facts.hover(doc, { line: 0, character: 0 }, { budgetMs: 30_000 }).catch(() => undefined);
}

export async function benchCorpus(nameOrDir: string, args: BenchArguments): Promise<CorpusReport> {
  const started = Date.now();
  const provenance = startProvenance(__dirname);
  const corpus = await ensureCorpus(nameOrDir);
  const python = corpus.language === 'python';
  progress(`${corpus.name}: sampling cursor positions with ${python ? 'jedi' : 'the TypeScript compiler'} …`);
  // Every corpus is sampled with the test set's fixed seed (sets.ts).
  const sampling = { maxPositions: args.maxPositions, seed: TEST_SEED };
  const truth: CorpusTruth = python ? await samplePythonGroundTruth(corpus.dir, sampling) : sampleGroundTruth(corpus.dir, sampling);
  if (truth.positions.length === 0) throw new Error(`${corpus.name}: no line uses a declaration of another file, so there is nothing to measure. Point --corpus at a project with several files.`);
  progress(`${corpus.name}: ${truth.positions.length} positions in ${truth.files.length} files; indexing …`);
  const dir = args.addTsconfig ? withTsconfig(corpus).dir : corpus.dir;
  const engine = await ContextEngine.open({ root: dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false });
  const facts = args.factsBudgetMs === undefined ? undefined : new HeadlessLanguageFacts({ root: dir });
  const factsEngine = facts && (await ContextEngine.open({ root: dir, excludeGlobs: corpus.excludeGlobs, cacheDir: false, facts, factsBudgetMs: args.factsBudgetMs }));
  try {
    // What the editor does while idle once the index is built, so latency is measured as users meet it.
    await engine.warmUp();
    await factsEngine?.warmUp();
    const absolute = new Map(truth.files.map(f => [f, path.join(corpus.dir, f)]));
    const sourceOf = truth.sourceOf;
    let reported = 0;
    const positionsFile = args.positionsOut && path.join(args.positionsOut, `${corpus.name.replace(/[^\w.@-]+/g, '_')}.${args.mask}.jsonl`);
    if (positionsFile) {
      fs.mkdirSync(args.positionsOut!, { recursive: true });
      fs.writeFileSync(positionsFile, '');
    }
    const run = await runPositions(engine, truth.positions, sourceOf, {
      strategies: args.strategies,
      budgets: args.budgets,
      format: args.format,
      mask: args.mask,
      ...(factsEngine && facts ? { factsEngine, openFile: (file: string, text: string) => settle(facts, { path: file, text }) } : {}),
      ...(positionsFile ? { onPosition: record => fs.appendFileSync(positionsFile, `${JSON.stringify(record)}\n`) } : {}),
      onProgress: (done, total) => {
        if (done === total || done - reported >= Math.ceil(total / 10)) {
          reported = done;
          progress(`${corpus.name}: ${done}/${total} positions`);
        }
      },
    });
    // The prefix-reuse walk picks its function with the TypeScript compiler: none for Python corpora.
    const program = (truth as Partial<GroundTruth>).program;
    const walk = program ? chooseWalk(program, new Map([...new Set(truth.positions.map(p => p.file))].map(f => [f, absolute.get(f)!]))) : undefined;
    const prefixReuse: CorpusReport['prefixReuse'] = {};
    if (walk) {
      for (const strategy of args.strategies.filter((s): s is StrategyName => s !== 'oracle' && s !== 'ours+facts')) {
        const byBudget: Record<number, number> = {};
        for (const budget of args.budgets) byBudget[budget] = await measurePrefixReuse(engine, walk, sourceOf(walk.file), strategy, budget, args.format);
        prefixReuse[strategy] = byBudget;
      }
    }
    return { ...corpusReport(corpus.name, args.budgets, run, prefixReuse, walk, Date.now() - started), set: setOf(corpus.name), format: args.format, mask: args.mask, provenance: provenance() };
  } finally {
    await Promise.all([engine.dispose(), factsEngine?.dispose()]);
  }
}

const REPORT_DIR = path.join(__dirname, 'reports');

function measurementOf(corpus: string, args: BenchArguments): Measurement {
  const { budgets, maxPositions, strategies, format, mask, factsBudgetMs, addTsconfig } = args;
  // 'line' is left out of the key so that results kept before hole masking existed are still reused.
  return { corpus, budgets, maxPositions, strategies, format, ...(mask === 'line' ? {} : { mask }), ...(factsBudgetMs === undefined ? {} : { factsBudgetMs }), ...(addTsconfig ? { addTsconfig } : {}) };
}

/** One corpus in a child process running this file (the engine is single-threaded: one core per corpus). */
async function benchInChild(corpus: string, args: BenchArguments, scratch: string): Promise<CorpusReport> {
  const out = path.join(scratch, `${path.basename(scratch)}-${Math.random().toString(36).slice(2)}.json`);
  const lsp = args.factsBudgetMs === undefined ? [] : ['--lsp', '--facts-budget', String(args.factsBudgetMs), ...(args.addTsconfig ? ['--add-tsconfig'] : [])];
  const childArgs = ['--corpus', corpus, '--budgets', args.budgets.join(','), '--max-positions', String(args.maxPositions), '--strategies', args.strategies.join(','), '--format', args.format, '--mask', args.mask, ...lsp, ...(args.positionsOut ? ['--positions-out', args.positionsOut] : []), '--report-json', out];
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...childArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>(resolve => child.on('exit', resolve));
  if (code !== 0) throw new Error(`The benchmark of ${corpus} failed (exit code ${code}); its error is printed above.`);
  return (JSON.parse(fs.readFileSync(out, 'utf8')) as CorpusReport[])[0];
}

/**
 * Every corpus, at most `jobs` at a time (each in its own process when more than one), in corpus order; a
 * result kept in `--results-dir` for the same measurement is reused, and each new one is kept there.
 */
async function benchAll(args: BenchArguments): Promise<CorpusReport[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'context-bench-'));
  try {
    const reports: CorpusReport[] = new Array(args.corpora.length);
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (next < args.corpora.length) {
        const i = next++;
        const measurement = measurementOf(args.corpora[i], args);
        const kept = args.resultsDir && !args.positionsOut ? keptResult(args.resultsDir, measurement) : undefined;
        if (kept) progress(`${args.corpora[i]}: kept result from ${kept.provenance?.measuredAt ?? 'an earlier run'} reused (${args.resultsDir})`);
        reports[i] = kept ?? (args.jobs > 1 && args.corpora.length > 1 ? await benchInChild(args.corpora[i], args, scratch) : await benchCorpus(args.corpora[i], args));
        if (!kept && args.resultsDir) keepResult(args.resultsDir, measurement, reports[i]);
        process.stdout.write(`${formatTable(reports[i])}\n\n`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(args.jobs, args.corpora.length) }, runOne));
    return reports;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Only a run measuring what the default run measures replaces the committed report (jobs, results kept and comparisons do not change figures). */
function isDefaultRun(args: BenchArguments): boolean {
  const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  return (
    same(args.corpora, ALL_CORPORA) &&
    same(args.budgets, DEFAULT_BUDGETS) &&
    args.maxPositions === DEFAULT_BENCH_POSITIONS &&
    same(args.strategies, BENCH_STRATEGIES) &&
    args.format === DEFAULT_FORMAT &&
    args.mask === 'line'
  );
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args.reportJson) {
    // A child: one corpus, its report to the file the parent named.
    fs.writeFileSync(args.reportJson, JSON.stringify(await Promise.all(args.corpora.map(corpus => benchCorpus(corpus, args)))));
    return;
  }
  const command = ['npm run bench:context --', ...process.argv.slice(2)].join(' ');
  const reports = await benchAll(args);
  const earlier = args.compareWith ? (JSON.parse(fs.readFileSync(args.compareWith, 'utf8')) as EarlierReport) : undefined;
  process.stdout.write(`${COLUMN_LEGEND}\n`);
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  const generated = new Date().toISOString();
  // Only the default run replaces the report kept in the repository; narrower runs write a local one.
  const name = isDefaultRun(args) ? 'context-bench' : 'context-bench.local';
  fs.writeFileSync(path.join(REPORT_DIR, `${name}.json`), JSON.stringify({ generated, command, arguments: args, reports }, null, 2) + '\n');
  const compared = earlier && args.compareWith ? [comparisonSection(earlier, path.relative(process.cwd(), args.compareWith), reports)] : [];
  const sections = [`# Context benchmark (${generated})`, provenanceSection(command, args.format, args.mask, reports), ...setSections(reports, formatMarkdown), ...compared, COLUMN_LEGEND];
  fs.writeFileSync(path.join(REPORT_DIR, `${name}.md`), `${sections.join('\n\n')}\n`);
  progress(`report written to ${path.relative(process.cwd(), REPORT_DIR)}/${name}.{json,md}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
