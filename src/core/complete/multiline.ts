import { OPENS_BLOCK, linePrefixOf, lineSuffixOf } from './lines';

/**
 * Whether to ask for (and keep) several lines. Multi-line where a block is being written: at the end of a
 * line that opens a block, on an empty line that starts a block's body, after a blank line, or in an
 * empty file. Single-line mid-line and when continuing a statement sequence line by line.
 */
export function wantsMultiline(prefix: string, suffix: string): boolean {
  const linePrefix = linePrefixOf(prefix);
  const rest = lineSuffixOf(suffix).trim();
  if (linePrefix.trim() !== '') {
    // `{|}` is an empty block the editor closed for us; any other text after the cursor means mid-line.
    if (rest !== '') return linePrefix.trimEnd().endsWith('{') && rest.startsWith('}');
    return OPENS_BLOCK.test(linePrefix);
  }
  if (rest !== '') return false;
  const linesAbove = prefix.split('\n').slice(0, -1);
  const previous = linesAbove.at(-1);
  return previous === undefined || previous.trim() === '' || OPENS_BLOCK.test(previous);
}
