const TYPE_NAME = '([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)';

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
  const name = escape(variable);
  const annotation = new RegExp(`(?<![\\w$.])${name}\\s*[?!]?\\s*:\\s*(?:readonly\\s+)?${TYPE_NAME}`, 'g');
  const construction = new RegExp(`(?<![\\w$.])${name}\\s*(?::[^=\\n]*)?=\\s*(?:await\\s+)?(?:new\\s+${TYPE_NAME}|([A-Z][\\w$]*)\\s*\\()`, 'g');
  let best: { offset: number; type: string } | undefined;
  const consider = (offset: number, type: string | undefined): void => {
    if (!type) return;
    const better = !best || (offset <= beforeOffset ? best.offset > beforeOffset || offset > best.offset : best.offset > beforeOffset && offset < best.offset);
    if (better) best = { offset, type };
  };
  for (const match of text.matchAll(annotation)) consider(match.index, match[1]);
  for (const match of text.matchAll(construction)) consider(match.index, match[1] ?? match[2]);
  return best?.type.split('.').pop();
}
