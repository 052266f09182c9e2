// Reading types out of hover text: `(property) Account.owner: User` is a binding's type, and
// `function accountOf(user: User): Account` or `def city_of(order: Order) -> str` a function's return type.

/**
 * The type of the binding `name` in a hover: what follows `name:` up to the end. None for hovers of
 * functions and classes, whose first `:` belongs to a parameter.
 */
export function bindingType(hoverText: string, name: string): string | undefined {
  const escaped = name.replace(/\$/g, '\\$');
  // tsc writes an imported binding's hover as `(alias) let globalState: MobXGlobals` with `import globalState` below.
  const declaration = hoverText.replace(/\nimport [\s\S]*$/, '');
  const named = new RegExp(`(?<![\\w$])${escaped}\\??\\s*:\\s*([\\s\\S]+)$`).exec(declaration);
  return named?.[1]?.trim().replace(/;$/, '') || undefined;
}

/** The container written before `.name` in a hover (`RetryPolicy` in `(property) RetryPolicy.backoff: Backoff`). */
export function containerOf(hoverText: string, name: string): string | undefined {
  return new RegExp(`([A-Za-z_$][\\w$]*)\\.${name.replace(/\$/g, '\\$')}(?![\\w$])`).exec(hoverText)?.[1];
}

/** The return type in a function's hover: after the parameter list's closing parenthesis, `:` or `->`. */
export function returnType(hoverText: string): string | undefined {
  const open = hoverText.indexOf('(', hoverText.search(/[\w$]+\s*(?:<[^(]*>)?\s*\(/));
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < hoverText.length; i++) {
    const char = hoverText[i];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) {
      const after = /^\s*(?::|->)\s*([\s\S]+)$/.exec(hoverText.slice(i + 1));
      return after?.[1]?.trim().replace(/:$/, '') || undefined;
    }
  }
  return undefined;
}
