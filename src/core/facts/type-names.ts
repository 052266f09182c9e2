// The names a type text refers to, so their declarations can be looked up: `Promise<JsonResponse>` names
// `JsonResponse`; `{ owner: User; tags: string[] }` names `User`. Keys, primitives and the standard
// library's generic wrappers are not declarations in the workspace and are left out.

const NOT_DECLARATIONS = new Set([
  // TypeScript / JavaScript
  'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'any', 'unknown', 'never', 'void', 'undefined', 'null',
  'true', 'false', 'this', 'typeof', 'keyof', 'readonly', 'infer', 'extends', 'in', 'of', 'is', 'asserts', 'unique',
  'function', 'const', 'let', 'var', 'class', 'interface', 'type', 'new', 'async', 'return', 'import', 'export',
  'property', 'method', 'parameter', 'alias', 'module', 'enum', 'local', 'getter', 'setter', 'constructor',
  'Promise', 'PromiseLike', 'Array', 'ReadonlyArray', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit',
  'Exclude', 'Extract', 'NonNullable', 'ReturnType', 'Parameters', 'InstanceType', 'Awaited', 'Map', 'Set',
  'ReadonlyMap', 'ReadonlySet', 'WeakMap', 'WeakSet', 'Date', 'RegExp', 'Error', 'Function', 'Object', 'String',
  'Number', 'Boolean', 'Symbol', 'Iterable', 'Iterator', 'AsyncIterable', 'AsyncIterator', 'Generator',
  // Python
  'str', 'int', 'float', 'complex', 'bool', 'bytes', 'bytearray', 'None', 'list', 'dict', 'set', 'frozenset', 'tuple',
  'Optional', 'Union', 'List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Any', 'Callable', 'Sequence', 'Mapping',
  'MutableMapping', 'MutableSequence', 'Literal', 'Type', 'type', 'def', 'variable', 'field', 'self', 'cls', 'lambda',
  'Self', 'Never', 'NoReturn', 'Coroutine', 'Awaitable', 'TypeVar', 'Generic', 'Protocol', 'ClassVar', 'Final',
  // pyright's word for a type it could not infer (`list[Unknown]`), not a name in the code
  'Unknown',
]);

/**
 * Standard library types and wrappers (`Array`, `Promise`, `Optional`): never declared in the workspace.
 * Only the capitalized ones: lower-case words of the list (`type`, `field`, `self`) are also members and
 * receivers of the workspace's own code.
 */
export function isStandardName(name: string): boolean {
  return /^[A-Z]/.test(name) && NOT_DECLARATIONS.has(name);
}

interface NamedType {
  readonly name: string;
  /** Offset in the text it was read from. */
  readonly offset: number;
}

/**
 * The names in `typeText` that may be declarations, in order, each once. `onlyCapitalized` keeps the names
 * that look like types (used when reading a whole declaration, whose members also name values).
 */
export function namedTypes(typeText: string, onlyCapitalized = false): NamedType[] {
  const seen = new Set<string>();
  const out: NamedType[] = [];
  // A qualified name (`checks.$ZodCheckInternals`) names its last part: that is where a definition request goes.
  for (const match of typeText.matchAll(/(?<![\w$.'"])((?:[A-Za-z_$][\w$]*\.)*)([A-Za-z_$][\w$]*)(?![\w$])/g)) {
    const name = match[2]!;
    const offset = match.index! + match[1]!.length;
    const after = typeText.slice(offset + name.length);
    const isKey = /^\s*\??\s*:(?!:)/.test(after) || /^\s*\(/.test(after) || /^\s*=(?![=>])/.test(after);
    if (isKey || name.length < 2 || NOT_DECLARATIONS.has(name) || seen.has(name)) continue;
    // `$ZodType`, `_Internal`: capitalized after the sigils some code bases prefix their types with.
    if (onlyCapitalized && !/^[$_]*[A-Z]/.test(name)) continue;
    seen.add(name);
    out.push({ name, offset });
  }
  return out;
}
