import { promptAsText, renderPrompt } from '../core/prompt';
import type { ContextResult, LanguageId } from '../core/types';

/** The `plain` prompt: context, then the current file's path header and its prefix. */
export function plainPrompt(result: ContextResult, language: LanguageId): string {
  return promptAsText(renderPrompt({ context: result.context, prefix: result.prefix, suffix: result.suffix, file: result.manifest.file, language, format: 'plain' }));
}

/** The `--json` object: a public contract (scripts read `items`, `budget`, `usedTokens`, `timingsMs`). */
export function jsonResult(result: ContextResult): Record<string, unknown> {
  const m = result.manifest;
  return { items: m.items, budget: m.budget, usedTokens: m.usedTokens, timingsMs: m.timingsMs, file: m.file, strategy: m.strategy, tokensBySource: m.tokensBySource, ...(m.facts ? { facts: m.facts } : {}) };
}

/** Dropped candidates the table shows (the best ones); `--json` lists every one. */
const DROPPED_ROWS_SHOWN = 10;

/** A short table for people: what was included, at which level, and why the best of the rest was not. */
export function table(result: ContextResult): string {
  const m = result.manifest;
  const head = `${m.file}:${m.position.line + 1}:${m.position.character + 1}  strategy ${m.strategy}  budget ${m.budget}  used ${m.usedTokens} tokens  in ${m.timingsMs.total} ms`;
  const split = Object.entries(m.tokensBySource).map(([source, tokens]) => `${source} ${tokens}`).join(', ');
  const sorted = [...m.items].sort((a, b) => Number(b.included) - Number(a.included) || b.score - a.score);
  const included = sorted.filter(item => item.included).length;
  const hidden = Math.max(0, sorted.length - included - DROPPED_ROWS_SHOWN);
  const rows = sorted
    .slice(0, included + DROPPED_ROWS_SHOWN)
    .map(item => {
      const mark = item.included ? '+' : '-';
      const where = `${item.path}:${item.startLine}-${item.endLine}`;
      const why = item.included ? item.reasons.join('; ') : item.dropped ?? '';
      return `${mark} ${item.level.padEnd(7)} ${where.padEnd(44)} ${String(item.tokens).padStart(6)} tok  ${item.score.toFixed(3)}  ${item.source.padEnd(11)} ${why}`;
    });
  const more = hidden > 0 ? [`… and ${hidden} more candidates left out (--json lists them all)`] : [];
  return [head, `tokens: ${split}`, ...factsLines(m), ...rows, ...more].join('\n');
}

/** With --lsp: what the language server told, and what it could not (and why). */
function factsLines(m: ContextResult['manifest']): string[] {
  if (!m.facts) return [];
  const expected = m.facts.expectedType ? `, expected type ${m.facts.expectedType}` : '';
  return [`facts: ${m.facts.used} in ${m.timingsMs.facts ?? 0} ms${expected}`, ...m.facts.missing.map(item => `facts missing: ${item.what}: ${item.why}`)];
}
