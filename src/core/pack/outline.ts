import type { Definition, DefinitionKind } from '../types';
import { mergeIntervals, type LineInterval } from './intervals';

export interface OutlineOptions {
  /** A signature longer than this (a huge object literal, a long parameter list) shows only its first lines. */
  readonly maxSignatureLines: number;
  /** Hidden runs shorter than this are shown instead: a one-line body costs about what its marker would. */
  readonly minElidedLines: number;
}

export const DEFAULT_OUTLINE_OPTIONS: OutlineOptions = { maxSignatureLines: 8, minElidedLines: 2 };

/** Declarations whose bodies are code, not members: what is declared inside them is local, not API. */
const BODY_KINDS: ReadonlySet<DefinitionKind> = new Set(['function', 'method']);

/** A line that only closes a block (`}`, `});`, `end`): shown so the outline keeps its shape. */
const CLOSING_LINE = /^\s*(?:[}\])]+[;,)]*|end)\s*$/;

/**
 * The declarations an outline lists: all of them but what a function body declares for itself (a nested
 * function: its container is the body's owner), and everything inside that. A member declared in a
 * method's body for its class (Python's `self.x = …` in __init__, whose container is the class) is API,
 * and listed. In one pass by start line: a bundled library's file declares thousands of locals, and
 * comparing each with every body and every hidden declaration made its first outline cost 100+ ms.
 */
export function outlinedDeclarations(definitions: readonly Definition[]): Definition[] {
  // A declaration can be local only to a body its container names, so only those bodies are compared.
  const bodiesOf = new Map<string, LineInterval[]>();
  for (const d of definitions) {
    if (!BODY_KINDS.has(d.kind) || d.range.end.line <= d.signatureRange.end.line) continue;
    const bodies = bodiesOf.get(d.name) ?? [];
    bodies.push({ start: d.signatureRange.end.line + 1, end: d.range.end.line - 1 });
    bodiesOf.set(d.name, bodies);
  }
  if (bodiesOf.size === 0) return [...definitions];
  const inOwnersBody = (d: Definition) =>
    d.container !== undefined && (bodiesOf.get(d.container)?.some(b => d.range.start.line >= b.start && d.range.end.line <= b.end) ?? false);
  // In the index's order (by start, a container before what it holds), every hidden declaration seen so far
  // starts at or above the next one, so the next is inside one of them exactly when it ends by the furthest
  // end among them.
  const hidden = new Set<Definition>();
  let hiddenReach = -1;
  for (const d of definitions) {
    if (d.range.end.line > hiddenReach && !inOwnersBody(d)) continue;
    hidden.add(d);
    hiddenReach = Math.max(hiddenReach, d.range.end.line);
  }
  return hidden.size === 0 ? [...definitions] : definitions.filter(d => !hidden.has(d));
}

/** A declaration whose members an outline lists under it (a class, an interface, an enum), outermost. */
export interface OutlineSection {
  readonly name: string;
  readonly kind: DefinitionKind;
  /** Its lines, 0-based inclusive: what its own outline is cut from. */
  readonly range: LineInterval;
}

/**
 * The outermost listed declarations that list members of their own: each can be outlined alone, its header
 * and its members' signatures (the file's outline within its lines), for much less than the whole file's
 * outline when a ranking points into one or two classes of a large file. Takes `outlinedDeclarations`' list.
 */
export function outlineSections(outlined: readonly Definition[]): OutlineSection[] {
  const listed = [...outlined].sort((a, b) => a.range.start.line - b.range.start.line || b.range.end.line - a.range.end.line);
  const sections: OutlineSection[] = [];
  let open: { section: OutlineSection; members: number } | undefined;
  let outer: LineInterval | undefined;
  for (const d of listed) {
    if (outer && d.range.start.line >= outer.start && d.range.end.line <= outer.end) {
      if (open) open.members++;
      continue;
    }
    if (open && open.members > 0) sections.push(open.section);
    outer = { start: d.range.start.line, end: d.range.end.line };
    open = BODY_KINDS.has(d.kind) ? undefined : { section: { name: d.name, kind: d.kind, range: outer }, members: 0 };
  }
  if (open && open.members > 0) sections.push(open.section);
  return sections;
}

/**
 * The lines an outline shows: every listed declaration's signature lines (members under their container,
 * since a container's body is not elided when its members are shown) and the closing line of each body.
 * Hidden runs become elision markers when the block is rendered. Takes `outlinedDeclarations`' list.
 */
export function outlineIntervals(
  outlined: readonly Definition[],
  lines: { readonly length: number; at(line: number): string | undefined },
  options: OutlineOptions = DEFAULT_OUTLINE_OPTIONS,
): LineInterval[] {
  const last = lines.length - 1;
  const shown: LineInterval[] = [];
  for (const d of outlined) {
    const start = Math.min(d.signatureRange.start.line, last);
    const end = Math.min(d.signatureRange.end.line, start + options.maxSignatureLines - 1, last);
    shown.push({ start, end });
    const closing = Math.min(d.range.end.line, last);
    if (closing > end && CLOSING_LINE.test(lines.at(closing) ?? '')) shown.push({ start: closing, end: closing });
  }
  return fillShortGaps(mergeIntervals(shown), options.minElidedLines);
}

function fillShortGaps(merged: readonly LineInterval[], minElidedLines: number): LineInterval[] {
  const filled: LineInterval[] = [];
  for (const next of merged) {
    const last = filled[filled.length - 1];
    if (last && next.start - last.end - 1 < minElidedLines) filled[filled.length - 1] = { start: last.start, end: next.end };
    else filled.push(next);
  }
  return filled;
}
