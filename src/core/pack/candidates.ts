import type { IndexView } from '../index/view';
import { partitionPoint } from '../partition-point';
import type { ContextLevel, Definition, IndexedFile, LanguageId, RankedFile, RankedSpan } from '../types';
import { BoundedCache } from '../bounded-cache';
import { pathHeader } from './header';
import { clipIntervals, type LineInterval } from './intervals';
import { outlinedDeclarations, outlineIntervals, outlineSections, type OutlineSection } from './outline';
import type { SourceLines, TokenCache } from './source-lines';

/** Something the ranking wants shown, mapped onto the file's lines. */
export interface SpanCandidate {
  /** Lines 0-based inclusive: the span, widened to its declaration's full range when it is one. */
  readonly lines: LineInterval;
  readonly score: number;
  readonly reasons: readonly string[];
  /** The outline shows this span's signature (it is a declaration the outline lists). */
  readonly inOutline: boolean;
  /** The level an `in-order` ranking asks for. */
  readonly level: ContextLevel;
}

/** A ranked file that packing can show, with everything needed to price its levels. */
export interface FileCandidate {
  readonly ranked: RankedFile;
  /** Position in the ranking, for deterministic tie-breaks. */
  readonly rank: number;
  readonly path: string;
  readonly language: LanguageId;
  readonly hash: string;
  readonly source: SourceLines;
  /** Lines the outline shows; empty when the file declares nothing. */
  readonly outline: readonly LineInterval[];
  /** `outlineBefore[l]`: how many of lines 0..l-1 the outline shows, so any range's share is one subtraction. */
  readonly outlineBefore: Int32Array;
  readonly spans: readonly SpanCandidate[];
  /** The sections (classes) some span falls in, each of which can be outlined alone (`SectionCandidate`). */
  readonly sections: readonly SectionCandidate[];
  /**
   * The declarations the outline lists that no span stands for: what a completion may need of the file
   * beyond its ranked declarations, and what the file's residual score (the part no span carries) is worth.
   */
  readonly unranked: Unranked;
  /** Tokens of the block's `// path:` header line. */
  readonly headerTokens: number;
}

/**
 * Spans of one file that packing weighs separately (the ranking lists them best first). The rest still
 * count through the file's outline and whole-file levels; weighing each of hundreds of declarations of a
 * large file one by one would cost more time than it could change the result.
 */
const MAX_SPANS_PER_FILE = 12;
/** The best-ranked files are weighed in more detail: most of the value sits there, and they are few. */
const MAX_SPANS_TOP_FILES = 48;
const TOP_FILES = 3;

/** A declaration an outline lists: its lines, and the line of its signature the outline always shows. */
export interface OutlinedDeclaration {
  readonly lines: LineInterval;
  readonly signature: number;
  /** The outline alone shows all its lines (a one-line constant, an attribute). */
  readonly outlineShowsWhole: boolean;
}

/** A section of the file some ranked span falls in, with what its outline alone shows. */
export interface SectionCandidate extends OutlineSection {
  /** The file's outline within the section's range, for much less than the whole outline when the file has many. */
  readonly outline: readonly LineInterval[];
  /** The unranked declarations whose signatures its outline shows (`Unranked.declarations`, a contiguous run), and how many of them it shows whole. */
  readonly unranked: { readonly from: number; readonly to: number; readonly outlineWhole: number };
}

export interface Unranked {
  /** By signature line, so the few a snippet shows are found by binary search. */
  readonly declarations: readonly OutlinedDeclaration[];
  /** How many of them the outline alone shows whole (a one-line constant, an attribute). */
  readonly outlineWhole: number;
  /**
   * `endsBy[i]`: the last line any of declarations 0..i reaches; `startsFrom[i]`: the first line any of
   * declarations i.. starts at. Both monotone, so the declarations that can meet a span's lines are a range
   * found by binary search, though a container and its members interleave by signature.
   */
  readonly endsBy: Int32Array;
  readonly startsFrom: Int32Array;
}

interface Outline {
  readonly lines: readonly LineInterval[];
  readonly before: Int32Array;
  /** By signature line (stable: a container before its members on one line), as Unranked keeps them. */
  readonly declarations: readonly OutlinedDeclaration[];
  /** By line, each with the outline's lines within it; only those whose outline hides some of their lines and shows less than the whole outline. */
  readonly sections: readonly (OutlineSection & { readonly outline: readonly LineInterval[] })[];
}

/** Outlines by content hash: a file's outline changes only when its text does. */
const OUTLINES = new BoundedCache<string, Outline>(4096);

/** The file's outline, computed once per content hash (warm-up computes it ahead for the first requests). */
export function outlineFor(file: IndexedFile, source: SourceLines): Outline {
  return OUTLINES.getOrCreate(file.hash, () => outlineOf(file.definitions, source));
}

function outlineOf(definitions: readonly Definition[], source: SourceLines): Outline {
  const outlined = outlinedDeclarations(definitions);
  const lines = outlineIntervals(outlined, source.lines);
  const before = new Int32Array(source.lineCount + 1);
  let k = 0;
  for (let line = 0; line < source.lineCount; line++) {
    while (k < lines.length && lines[k].end < line) k++;
    before[line + 1] = before[line] + (k < lines.length && lines[k].start <= line ? 1 : 0);
  }
  const last = source.lineCount - 1;
  const declarations = outlined
    .map(d => {
      const start = Math.min(d.range.start.line, last);
      const end = Math.max(start, Math.min(d.range.end.line, last));
      return { lines: { start, end }, signature: Math.min(d.signatureRange.start.line, last), outlineShowsWhole: before[end + 1] - before[start] === end - start + 1 };
    })
    .sort((a, b) => a.signature - b.signature);
  const sections = outlineSections(outlined)
    .map(section => {
      const range = { start: Math.min(section.range.start, last), end: Math.min(section.range.end, last) };
      return { ...section, range, outline: clipIntervals(lines, range) };
    })
    .filter(({ range }) => {
      // An outline that hides nothing of its section is the section's snippet; one that is the whole file's outline is that.
      const shown = before[range.end + 1] - before[range.start];
      return shown < range.end - range.start + 1 && shown < before[source.lineCount];
    });
  return { lines, before, declarations, sections };
}

/** Why a ranked file cannot be a candidate at all. */
export type Unavailable = { readonly reason: string };

export function fileCandidate(ranked: RankedFile, rank: number, index: IndexView, cache: TokenCache): FileCandidate | Unavailable {
  const indexed = index.file(ranked.path);
  if (!indexed) return { reason: 'not in the index (skipped, deleted, or outside the workspace)' };
  const text = index.text(ranked.path);
  const source = cache.sourceLines(indexed.hash, text === undefined ? undefined : () => text, indexed.lineTokens);
  // The index keeps texts within a byte budget; asking for this one has started its load.
  if (!source) return { reason: 'its text is not in memory yet (large workspace): it is being loaded for the next request' };
  if (source.lineCount === 0) return { reason: 'the file is empty' };
  const last = source.lineCount - 1;
  const { lines: outline, before: outlineBefore, declarations, sections } = outlineFor(indexed, source);
  const clamp = (line: number) => Math.max(0, Math.min(line, last));
  const spans: SpanCandidate[] =
    ranked.spans.length > 0
      ? ranked.spans.slice(0, rank < TOP_FILES ? MAX_SPANS_TOP_FILES : MAX_SPANS_PER_FILE).map(span => {
          const definition = span.definition;
          const start = clamp(spanStartLine(span));
          const end = clamp(Math.max(span.endLine, definition?.range.end.line ?? span.endLine));
          const inOutline = definition !== undefined && isShownByOutline(outline, definition.signatureRange.start.line);
          return { lines: { start, end: Math.max(start, end) }, score: span.score, reasons: span.reasons, inOutline, level: span.level ?? 'snippet' };
        })
      : // A file ranked without spans stands for all of itself; its outline is its interface.
        [{ lines: { start: 0, end: last }, score: ranked.score, reasons: ranked.reasons, inOutline: outline.length > 0, level: 'file' }];
  const unranked = unrankedOf(declarations, spans);
  return {
    ranked,
    rank,
    path: ranked.path,
    language: indexed.language,
    hash: indexed.hash,
    source,
    outline,
    outlineBefore,
    spans,
    sections: ranked.spans.length > 0 ? sectionsRanked(sections, spans, unranked) : [],
    unranked,
    headerTokens: cache.line(pathHeader(ranked.path, indexed.language) + '\n'),
  };
}

/**
 * The outlined declarations no span is: a span of a declaration shows exactly its lines (widened to them).
 * Built for every candidate of every request: the outline's declarations come sorted and flagged from the
 * outline cache, and the few spans are compared directly.
 */
function unrankedOf(declarations: readonly OutlinedDeclaration[], spans: readonly SpanCandidate[]): Unranked {
  const isSpan = ({ lines }: OutlinedDeclaration) => spans.some(span => span.lines.start === lines.start && span.lines.end === lines.end);
  const unranked = declarations.filter(d => !isSpan(d));
  let outlineWhole = 0;
  for (const d of unranked) if (d.outlineShowsWhole) outlineWhole++;
  const endsBy = new Int32Array(unranked.length);
  const startsFrom = new Int32Array(unranked.length);
  for (let i = 0; i < unranked.length; i++) endsBy[i] = Math.max(unranked[i].lines.end, i > 0 ? endsBy[i - 1] : -1);
  for (let i = unranked.length - 1; i >= 0; i--) startsFrom[i] = Math.min(unranked[i].lines.start, i + 1 < unranked.length ? startsFrom[i + 1] : Number.MAX_SAFE_INTEGER);
  return { declarations: unranked, outlineWhole, endsBy, startsFrom };
}

/**
 * The sections some span starts in (the section itself, or one of its members), with the unranked
 * declarations each shows. Sections are disjoint and by line, so each span's is found by binary search.
 */
function sectionsRanked(sections: Outline['sections'], spans: readonly SpanCandidate[], unranked: Unranked): SectionCandidate[] {
  const ranked = new Set<number>();
  for (const span of spans) {
    const k = partitionPoint(0, sections.length, i => sections[i].range.end < span.lines.start);
    if (k < sections.length && sections[k].range.start <= span.lines.start) ranked.add(k);
  }
  const { declarations } = unranked;
  return [...ranked]
    .sort((a, b) => a - b)
    .map(k => {
      const section = sections[k];
      const from = partitionPoint(0, declarations.length, d => declarations[d].signature < section.range.start);
      const to = partitionPoint(from, declarations.length, d => declarations[d].signature <= section.range.end);
      let outlineWhole = 0;
      for (let d = from; d < to; d++) if (declarations[d].outlineShowsWhole) outlineWhole++;
      return { ...section, unranked: { from, to, outlineWhole } };
    });
}

/** Where a ranked span starts once widened to its declaration: how packing and reuse identify it in a file. */
function spanStartLine(span: RankedSpan): number {
  return Math.min(span.startLine, span.definition?.range.start.line ?? span.startLine);
}

function isShownByOutline(outline: readonly LineInterval[], line: number): boolean {
  return outline.some(i => i.start <= line && line <= i.end);
}
