// How close a model's completion of a masked line is to the line that was there, with the line-level
// metrics of RepoBench (Liu et al., 2023) and CrossCodeEval (Ding et al., 2023):
//
// - Exact match (EM): the prediction's first non-blank line equals the target line, both stripped of
//   leading and trailing whitespace (RepoBench compares `pred.strip() == gt.strip()` on the first line).
// - Edit similarity (ES): both use `fuzz.ratio` (fuzzywuzzy / rapidfuzz) on the stripped lines, the
//   normalised InDel similarity 1 - InDel(a, b) / (|a| + |b|), where the InDel distance counts insertions
//   and deletions only (a substitution costs 2). Equivalently 2·LCS(a, b) / (|a| + |b|). Two empty lines: 1.
// - Identifier match (CrossCodeEval): the identifiers of both lines, keywords left out; ID-EM is 1 when the
//   two lists are equal in order, ID-F1 the F1 of the two sets (precision over the prediction's
//   identifiers, recall over the target's; 1 when both have none).
//
// Values are in 0..1 per position; the papers print the means as percentages.

export interface LineScores {
  readonly exactMatch: number;
  readonly editSimilarity: number;
  readonly identifierExactMatch: number;
  readonly identifierF1: number;
}

/** The line a completion proposes for the masked line: its first non-blank line (the cursor is at column 0 of an empty line). */
export function predictedLine(completion: string): string {
  return completion.split('\n').find(line => line.trim() !== '') ?? '';
}

export function scoreLine(completion: string, target: string, language: string): LineScores {
  const prediction = predictedLine(completion).trim();
  const expected = target.trim();
  const predictedIds = identifiers(prediction, language);
  const expectedIds = identifiers(expected, language);
  return {
    exactMatch: prediction === expected ? 1 : 0,
    editSimilarity: editSimilarity(prediction, expected),
    identifierExactMatch: predictedIds.length === expectedIds.length && predictedIds.every((id, i) => id === expectedIds[i]) ? 1 : 0,
    identifierF1: setF1(new Set(predictedIds), new Set(expectedIds)),
  };
}

/** fuzz.ratio / 100: 2·LCS / (|a| + |b|), over UTF-16 code units. */
export function editSimilarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  return (2 * longestCommonSubsequence(a, b)) / (a.length + b.length);
}

function longestCommonSubsequence(a: string, b: string): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    previous = current;
  }
  return previous[b.length];
}

function setF1(predicted: ReadonlySet<string>, expected: ReadonlySet<string>): number {
  if (predicted.size === 0 && expected.size === 0) return 1;
  const truePositives = [...predicted].filter(id => expected.has(id)).length;
  if (truePositives === 0) return 0;
  const precision = truePositives / predicted.size;
  const recall = truePositives / expected.size;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * The identifiers of one line in order: word tokens outside string literals, without the language's
 * keywords. CrossCodeEval takes them from a tree-sitter parse; a single line often does not parse on its
 * own, so a lexical scan stands in. Keyword lists cover the ECMAScript family and Python; in the other
 * languages keywords count as identifiers (the same on both sides, so they shift ID-F1 up a little).
 */
export function identifiers(line: string, language: string): string[] {
  const keywords = KEYWORDS[language] ?? NO_KEYWORDS;
  const code = line.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, ' ');
  return (code.match(/[A-Za-z_$][\w$]*/g) ?? []).filter(word => !keywords.has(word));
}

const NO_KEYWORDS: ReadonlySet<string> = new Set();

const ECMA = new Set(
  ('break case catch class const continue debugger default delete do else export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static async await of ' +
    'as from get set enum implements interface package private protected public readonly type keyof infer is ' +
    'declare abstract namespace module unique never unknown any number string boolean symbol object bigint satisfies override').split(' '),
);

const PYTHON = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if import ' +
    'in is lambda nonlocal not or pass raise return try while with yield match case').split(' '),
);

const KEYWORDS: Readonly<Record<string, ReadonlySet<string>>> = { typescript: ECMA, tsx: ECMA, javascript: ECMA, python: PYTHON };
