// Prefix reuse: a completion server caches the prompt's leading tokens (KV cache), so a context that keeps
// its start stable while the cursor moves is cheaper and faster. The benchmark replays a walk down the
// consecutive lines of one function and measures, per step, the share of the new prompt that repeats the
// previous prompt's start.
import ts from 'typescript';
import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import type { PromptFormat, StrategyName } from '../src/core/types';
import type { BenchEngine } from './context-run';
import { prefixReuse } from './metrics';

export interface Walk {
  readonly file: string;
  /** 0-based lines the cursor visits, in order (cursor at the start of each). */
  readonly lines: readonly number[];
}

const DEFAULT_WALK_STEPS = 12;

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** The first function (in file order) whose body has room for `steps` consecutive lines; undefined when none has. */
export function chooseWalk(program: ts.Program, files: ReadonlyMap<string, string>, steps = DEFAULT_WALK_STEPS): Walk | undefined {
  for (const [file, absolute] of files) {
    const sourceFile = program.getSourceFile(absolute);
    if (!sourceFile) continue;
    const lineOf = (position: number) => sourceFile.getLineAndCharacterOfPosition(position).line;
    let found: Walk | undefined;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body)) {
        const first = lineOf(node.body.getStart(sourceFile)) + 1;
        if (lineOf(node.body.getEnd()) - first >= steps) {
          found = { file, lines: Array.from({ length: steps }, (_, i) => first + i) };
          return;
        }
      }
      node.forEachChild(visit);
    };
    visit(sourceFile);
    if (found) return found;
  }
  return undefined;
}

/**
 * Mean prefix reuse over the walk's steps for one strategy and budget; the prompt is context + prefix, packed
 * for `format`'s prompt as every other request of the benchmark is.
 */
export async function measurePrefixReuse(engine: BenchEngine, walk: Walk, text: string, strategy: StrategyName, budgetTokens: number, format?: PromptFormat): Promise<number> {
  let previous: number[] | undefined;
  const reuse: number[] = [];
  for (const line of walk.lines) {
    const result = await engine.buildContext({ file: walk.file, position: { line, character: 0 }, text, budgetTokens, strategy, format });
    const prompt = encode(result.context + result.prefix, PLAIN_TEXT);
    if (previous) reuse.push(prefixReuse(previous, prompt));
    previous = prompt;
  }
  return reuse.reduce((a, b) => a + b, 0) / Math.max(1, reuse.length);
}
