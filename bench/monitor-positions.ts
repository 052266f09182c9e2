// The monitor benchmark's positions: lines of a corpus holding a member access whose member the language
// server (TypeScript 7 for TypeScript, pyright for Python) resolves to a declaration in the corpus, with the
// members the server offers there. The completion starts at the line's first non-blank character and runs
// to its end.
//
// A TypeScript package without a tsconfig.json (zod's) makes tsc rebuild inferred projects per newly opened
// file (seconds): TypeScript sources are copied into a private folder with a minimal tsconfig.json. Python
// sources are used where they are (pyright needs no configuration).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HeadlessLanguageFacts } from '../src/core/facts';
import { isCodeLine, sampleLinesAsync } from '../src/core/eval/sample';
import { memberAccesses } from '../src/core/monitor/triggers';
import type { Corpus } from './corpora';
import { corpusSources } from './ground-truth';
import { pythonSources } from './ground-truth-python';

/** The corpus as the benchmark's language server sees it. */
export interface MonitorCorpus {
  readonly name: string;
  readonly root: string;
  readonly files: readonly string[];
  readonly language: 'typescript' | 'python';
  /** Removes the private copy, if one was made. */
  readonly dispose: () => void;
}

/** One benchmark position: a line, the member access that is mutated, and the members allowed there. */
export interface MonitorPosition {
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

const LINE_SYNTAX = {
  typescript: { lineComment: '//', importLine: /^\s*(import|export \* from)\b/ },
  python: { lineComment: '#', importLine: /^\s*(from\s+\S+\s+)?import\s/ },
} as const;

export function monitorCorpus(corpus: Corpus): MonitorCorpus {
  if (corpus.language === 'python') return { name: corpus.name, root: corpus.dir, files: pythonSources(corpus.dir), language: 'python', dispose: () => {} };
  const files = corpusSources(corpus.dir);
  const root = privateCopy(corpus.dir, files);
  return { name: corpus.name, root, files, language: 'typescript', dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

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
 * Any question with the text syncs it; document symbols is a cheap one (warmUp would also wait for
 * pyright to analyse the file, most of a second each time).
 */
export async function showWhole(facts: HeadlessLanguageFacts, file: string, text: string): Promise<void> {
  await facts.documentSymbols({ path: file, text }, { budgetMs: 20_000 });
}

export async function choosePositions(facts: HeadlessLanguageFacts, corpus: MonitorCorpus, count: number, seed: number): Promise<MonitorPosition[]> {
  const syntax = LINE_SYNTAX[corpus.language];
  const texts = new Map(corpus.files.map(file => [file, fs.readFileSync(path.join(corpus.root, file), 'utf8')]));
  const found = new Map<string, MonitorPosition>();
  const candidates = corpus.files.map(file => {
    const lines = texts.get(file)!.split('\n');
    return { file, lines: lines.flatMap((line, n) => (isCodeLine(line, syntax.lineComment) && !syntax.importLine.test(line) && /[\w)\]]\??\.[A-Za-z_$]/.test(line) ? [n] : [])) };
  });
  const accepts = async ({ file, line }: { file: string; line: number }): Promise<boolean> => {
    const text = texts.get(file)!;
    const lineStart = text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
    const lineText = text.split('\n')[line]!;
    const indent = /^\s*/.exec(lineText)![0].length;
    const original = lineText.slice(indent);
    // The last member access of the line that resolves into the corpus.
    for (const access of memberAccesses(original, 0, corpus.language).reverse()) {
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
