// Small text helpers shared by the multi-line decision and the post-processing.

/** How many columns a tab counts for when indentations are compared. */
const TAB_WIDTH = 4;

/** A line that ends by opening a block: a bracket, Python's `:`, an arrow, Ruby/Lua `do`, shell `then`. */
export const OPENS_BLOCK = /(?:[{([:]|=>|\bdo|\bthen)\s*$/;

export function indentWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += TAB_WIDTH;
    else break;
  }
  return width;
}

/** The text of the cursor line before the cursor. */
export function linePrefixOf(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

/** The text of the cursor line after the cursor. */
export function lineSuffixOf(suffix: string): string {
  const end = suffix.indexOf('\n');
  return end < 0 ? suffix : suffix.slice(0, end);
}
