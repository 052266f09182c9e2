// Ground truth for Python corpora, from jedi (bench/jedi-gold.py, run by the `python3` on PATH with its jedi:
// Debian's python3-jedi, or pip's), never from pyright, the server under test: which definitions in OTHER
// files a sampled line uses. Positions are drawn by the same seeded sampler as the TypeScript
// corpora; jedi runs in one child process and is asked about each candidate line as the sampler reaches it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { isCodeLine, sampleLinesAsync, type SamplingOptions } from '../src/core/eval/sample';
import { lineOccurrences, occursElsewhere, seenInPrefix, type CorpusTruth, type DeclarationSite, type GoldPosition, type GoldSymbol } from './ground-truth';

/**
 * Its text is part of the gold: jedi's answer on a line or two depends on where the process's objects lie
 * (jedi-gold.py, in_fixed_process), and the script's own text is among what the process holds before jedi
 * runs. A one-character change to a comment in it moved python3-jedi's sample to another (16 of 60 positions,
 * through jedi/api/strings.py:82). After any change to the script, sample python3-jedi again and compare.
 */
const JEDI_SCRIPT = path.join(__dirname, 'jedi-gold.py');

/** Tests are not targets, as for TypeScript: they exercise the code rather than use it as an application would. */
const TEST_PATH = /(^|\/)(tests?|testing|fixtures?)\/|(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;

const IMPORT_LINE = /^\s*(from\s+\S+\s+)?import\s/;

interface JediAnswer {
  /** `column`: of the name's first use on the line, in code points (Python's string index). */
  readonly gold: readonly { readonly name: string; readonly member: boolean; readonly sites: readonly DeclarationSite[]; readonly column: number }[];
  /** Names on the line jedi raised on (`name: ErrorType`): their definitions are unknown. */
  readonly unresolved: readonly string[];
}

/** The corpus's Python sources (no tests, no byte code), sorted. */
export function pythonSources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map(f => f.split(path.sep).join('/'))
    .filter(f => f.endsWith('.py') && !TEST_PATH.test(f) && !f.includes('__pycache__'))
    .sort();
}

export async function samplePythonGroundTruth(dir: string, options: SamplingOptions = {}): Promise<CorpusTruth> {
  const files = pythonSources(dir);
  const texts = new Map(files.map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  const lines = new Map([...texts].map(([f, text]) => [f, text.split('\n')]));
  const linesElsewhere = lineOccurrences(texts, '#');
  const jedi = jediProcess(dir);
  const found = new Map<string, GoldPosition>();
  try {
    // Candidates: code lines with a word on them, outside import statements (as the TypeScript side takes
    // the compiler's identifiers outside imports). Continuation lines of a parenthesised import still count.
    const candidates = files.map(file => ({ file, lines: lines.get(file)!.flatMap((text, i) => (isCodeLine(text, '#') && /[A-Za-z_]/.test(text) && !IMPORT_LINE.test(text) ? [i] : [])) }));
    // A line with a name jedi gave up on may use a definition elsewhere that the gold would lack: not sampled,
    // and reported, so that a corpus where jedi fails often is noticed rather than measured on a thinned gold.
    const unresolved: string[] = [];
    const sampled = await sampleLinesAsync(candidates, async ({ file, line }) => {
      const answer = await jedi.ask({ file, line });
      if (answer.unresolved.length > 0) {
        unresolved.push(...answer.unresolved.map(name => `${file}:${line + 1} ${name}`));
        return false;
      }
      if (answer.gold.length === 0) return false;
      const fileLines = lines.get(file)!;
      const prefix = fileLines.slice(0, line).join('\n');
      const lineText = fileLines[line];
      const gold: GoldSymbol[] = answer.gold.map(g => ({
        name: g.name,
        category: g.member ? 'member' : seenInPrefix(g.name, prefix) ? 'imported_or_seen' : 'unseen',
        sites: g.sites,
        column: utf16Column(lineText, g.column),
      }));
      found.set(`${file}:${line}`, { file, line, lineText, gold, dupElsewhere: occursElsewhere(linesElsewhere, lineText.trim(), file) });
      return true;
    }, options);
    if (unresolved.length > 0) console.error(`jedi could not resolve ${unresolved.length} name(s); their lines were not sampled: ${unresolved.slice(0, 5).join(', ')}${unresolved.length > 5 ? ', …' : ''}`);
    return { files, positions: sampled.map(({ file, line }) => found.get(`${file}:${line}`)!), sourceOf: file => texts.get(file)! };
  } finally {
    jedi.close();
  }
}

/** A column in code points as UTF-16 code units, as editors and the masking count them (they differ past U+FFFF). */
export function utf16Column(lineText: string, codePoints: number): number {
  return [...lineText].slice(0, codePoints).join('').length;
}

/**
 * The environment jedi runs in: a fixed hash seed, so that the sets jedi infers through iterate in the same
 * order in every run (with a random one, a name's definitions came in another order from run to run, and
 * what jedi reaches within its inference limits may depend on that order). The order of objects, by address,
 * jedi-gold.py fixes itself by re-executing in a process laid out alike in every run (in_fixed_process), which
 * keeps this seed and nothing else of this environment but PYTHONPATH.
 */
export function jediEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PYTHONHASHSEED: '0' };
}

/** One jedi process for the whole corpus (its inference caches carry from line to line), asked one line at a time. */
function jediProcess(dir: string): { ask(query: { file: string; line: number }): Promise<JediAnswer>; close(): void } {
  const child = spawn('python3', [JEDI_SCRIPT, dir], { stdio: ['pipe', 'pipe', 'pipe'], env: jediEnvironment() });
  let stderr = '';
  child.stderr.on('data', chunk => (stderr += String(chunk)));
  const answers = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    async ask(query) {
      child.stdin.write(`${JSON.stringify(query)}\n`);
      const next = await answers.next();
      if (next.done) {
        const hint = /No module named 'jedi'/.test(stderr) ? ' Install it for the python3 on PATH: apt-get install python3-jedi, or pip install jedi.' : '';
        throw new Error(`jedi stopped while reading ${query.file}:${query.line + 1}.${hint}\n${stderr.trim()}`);
      }
      return JSON.parse(next.value) as JediAnswer;
    },
    close() {
      child.stdin.end();
    },
  };
}
