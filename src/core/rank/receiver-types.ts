import { wordOccurrences } from './name-occurrences';

const TYPE_NAME = '([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)';

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/**
 * The declared or constructed type of a variable, read from the text without a type checker:
 * `svc: Service`, `svc?: Service`, `readonly svc: Service<T>`, `svc = new Service(`, Python `svc = Service(`
 * (a capitalised callee is a class by convention). For a qualified `ns.Service` the last part is returned.
 * The occurrence nearest above `beforeOffset` wins (shadowing), else the first one below. `occurrences` are the
 * variable's whole-word occurrences in `text` (`wordOccurrences`), given by a caller that keeps them across edits.
 */
export function inferVariableType(text: string, variable: string, beforeOffset: number, occurrences: readonly number[] = wordOccurrences(text, variable)): string | undefined {
  if (variable.length === 0) return undefined;
  const name = escape(variable);
  // Both patterns start with the name, so they are tried only where the name occurs (sticky): on the buffer of a
  // large file, finding the name is far cheaper than running a pattern from every position of the text.
  const annotation = new RegExp(`${name}\\s*[?!]?\\s*:\\s*(?:readonly\\s+)?${TYPE_NAME}`, 'y');
  const construction = new RegExp(`${name}\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?(?:new\\s+${TYPE_NAME}|([A-Z][\\w$]*)\\s*\\()`, 'y');
  let best: { offset: number; type: string } | undefined;
  const consider = (offset: number, type: string | undefined): void => {
    if (!type) return;
    const better = !best || (offset <= beforeOffset ? best.offset > beforeOffset || offset > best.offset : best.offset > beforeOffset && offset < best.offset);
    if (better) best = { offset, type };
  };
  // As a global search would, a pattern is not tried again inside its own last match.
  let annotationEnd = 0;
  let constructionEnd = 0;
  // Only whole words that are not members (`a.svc`): both patterns need a space, `?`, `!`, `:` or `=` after the name.
  for (const at of occurrences) {
    if (at >= annotationEnd) {
      annotation.lastIndex = at;
      const match = annotation.exec(text);
      if (match) {
        consider(at, match[1]);
        annotationEnd = at + match[0].length;
      }
    }
    if (at >= constructionEnd) {
      construction.lastIndex = at;
      const match = construction.exec(text);
      if (match) {
        consider(at, match[1] ?? match[2]);
        constructionEnd = at + match[0].length;
      }
    }
  }
  return best?.type.split('.').pop();
}
