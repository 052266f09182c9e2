const TYPE_NAME = '([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)';

/** A character of a name (`\w` or `$`), by its code. */
function isNamePart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/**
 * The declared or constructed type of a variable, read from the text without a type checker:
 * `svc: Service`, `svc?: Service`, `readonly svc: Service<T>`, `svc = new Service(`, Python `svc = Service(`
 * (a capitalised callee is a class by convention). For a qualified `ns.Service` the last part is returned.
 * The occurrence nearest above `beforeOffset` wins (shadowing), else the first one below.
 */
export function inferVariableType(text: string, variable: string, beforeOffset: number): string | undefined {
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
  for (let at = text.indexOf(variable); at >= 0; at = text.indexOf(variable, at + 1)) {
    // Part of a longer name, or a member (`a.svc`), before; part of a longer name after, where both patterns
    // need a space, `?`, `!`, `:` or `=`. A short name occurs inside other words thousands of times in a large file.
    const before = at > 0 ? text.charCodeAt(at - 1) : 0;
    if (isNamePart(before) || before === 46 || isNamePart(text.charCodeAt(at + variable.length))) continue;
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
