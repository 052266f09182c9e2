// The second monitor: what the server's diagnostics on the finished completion say the model got wrong.
// Only two kinds count, the ones a model invents: names that do not exist, and calls with the wrong number
// of arguments. Everything else (a completion that ends mid-expression, an unused variable) is noise here.
import type { DiagnosticFact } from '../facts';

export type FindingKind = 'unknown-name' | 'argument-count';

export interface DiagnosticFinding {
  readonly kind: FindingKind;
  /** The server's message: "Cannot find name 'usr'. Did you mean 'user'?". */
  readonly message: string;
}

/** The messages of tsc (TypeScript 7) and pyright for the two kinds. */
const PATTERNS: readonly { readonly kind: FindingKind; readonly message: RegExp }[] = [
  { kind: 'unknown-name', message: /^Cannot find name '|^Property '[^']+' does not exist on|^"[^"]+" is not defined|^Cannot access attribute "/ },
  { kind: 'argument-count', message: /^Expected (at least |at most )?\d+(-\d+)? (type )?arguments?, but got \d+|^Expected \d+ positional arguments?|^Argument missing for parameter|^Arguments missing for parameters/ },
];

/**
 * The findings among `diagnostics` that lie inside the completion, which spans from `start` to `end`
 * (positions in the shadow document): errors the completion brought, not the document's own.
 */
export function findingsIn(diagnostics: readonly DiagnosticFact[], start: { line: number; character: number }, end: { line: number; character: number }): DiagnosticFinding[] {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);
  const findings: DiagnosticFinding[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 'error' || before(diagnostic.range.start, start) || before(end, diagnostic.range.start)) continue;
    const pattern = PATTERNS.find(p => p.message.test(diagnostic.message));
    if (pattern) findings.push({ kind: pattern.kind, message: diagnostic.message });
  }
  return findings;
}
