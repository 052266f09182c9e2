// Prefix stability while typing (prints numbers; not a test): a model server reuses the KV cache of the
// leading tokens a prompt shares with the previous one, so the share of each keystroke's prompt that
// repeats the previous keystroke's prompt start is what the server need not compute again. The benchmark
// types a line at seeded sites of each corpus (one request per keystroke, the buffer passed as text),
// renders every context in a repository-level format, and reports per corpus and budget the median and
// mean of that share, with how many prompts named one file in two entries.
//
//   node --import tsx bench/prefix-typing.ts [--set test|tuning] [--format qwen] [--budget 2048,8192,32768] [--sites 6]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { ContextEngine } from '../src/core/engine';
import { languageForPath } from '../src/core/languages';
import { renderPrompt } from '../src/core/prompt';
import { splitContextFiles } from '../src/core/prompt/context-files';
import type { PromptFormat } from '../src/core/types';
import { ensureCorpus } from './corpora';
import { positionAt } from './latency-replay';
import { keystrokesOf } from './latency-session';
import { findSites } from './latency-sites';
import { prefixReuse } from './metrics';
import { CORPUS_SETS, SET_NAMES, type SetName } from './sets';

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };
const SEED = 11;
const MAX_BURST_CHARS = 24;

interface Figures {
  readonly reuse: number[];
  /** Prompts with a file in more than one entry. */
  duplicated: number;
  prompts: number;
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function measureCorpus(name: string, budgets: readonly number[], format: PromptFormat, siteCount: number): Promise<Map<number, Figures> | undefined> {
  const corpus = await ensureCorpus(name);
  const { sites } = await findSites(corpus.dir, corpus.excludeGlobs, siteCount, SEED);
  if (sites.length === 0) return undefined; // Python corpora: the typing sites are TypeScript and JavaScript functions
  const engine = await ContextEngine.open({ root: corpus.dir, excludeGlobs: corpus.excludeGlobs });
  try {
    await engine.warmUp();
    const figures = new Map(budgets.map(b => [b, { reuse: [], duplicated: 0, prompts: 0 } as Figures]));
    for (const site of sites) {
      const original = fs.readFileSync(path.join(corpus.dir, site.file), 'utf8');
      const language = languageForPath(site.file)!;
      for (const budgetTokens of budgets) {
        const f = figures.get(budgetTokens)!;
        let text = original;
        let offset = site.offset;
        let previous: number[] | undefined;
        for (const key of keystrokesOf(site.lines[0], site.indent, MAX_BURST_CHARS)) {
          text = text.slice(0, offset) + key + text.slice(offset);
          offset += key.length;
          const result = await engine.buildContext({ file: site.file, position: positionAt(text, offset), text, budgetTokens, format });
          const prompt = renderPrompt({ context: result.context, prefix: result.prefix, suffix: result.suffix, file: site.file, language, format });
          if (prompt.kind !== 'completion') throw new Error(`${format} is not a completion format`);
          const tokens = encode(prompt.prompt, PLAIN_TEXT);
          if (previous) f.reuse.push(prefixReuse(previous, tokens));
          previous = tokens;
          const paths = splitContextFiles(result.context).files.map(file => file.path);
          f.prompts++;
          if (new Set(paths).size < paths.length) f.duplicated++;
        }
      }
    }
    return figures;
  } finally {
    await engine.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { set: { type: 'string' }, format: { type: 'string', default: 'qwen' }, budget: { type: 'string', default: '2048,8192,32768' }, sites: { type: 'string', default: '6' } } });
  const sets = values.set ? [values.set as SetName] : SET_NAMES;
  if (!sets.every(s => SET_NAMES.includes(s))) throw new Error(`--set is one of ${SET_NAMES.join(', ')}`);
  const budgets = values.budget!.split(',').map(Number);
  const format = values.format as PromptFormat;
  console.log(`prefix reuse per keystroke, ${format} prompts (o200k tokens): median / mean share of the prompt that repeats the previous prompt's start; dup = prompts naming a file twice`);
  for (const set of sets) {
    for (const name of CORPUS_SETS[set]) {
      process.stderr.write(`${set} ${name} …\n`);
      const figures = await measureCorpus(name, budgets, format, Number(values.sites));
      if (!figures) continue;
      const cells = [...figures].map(([b, f]) => `${b}: ${median(f.reuse).toFixed(3)} / ${mean(f.reuse).toFixed(3)} dup ${f.duplicated}/${f.prompts}`);
      console.log(`${set.padEnd(6)} ${name.padEnd(26)} ${cells.join(' | ')}`);
    }
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
