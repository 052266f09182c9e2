// Realistic wrong member names for the monitor benchmark: the near misses models make. Each position gets
// one kind in turn (case, plural, affix, near-synonym, a real member of another type), the next kind when
// one does not apply; a mutation that happens to be an allowed member is no mistake and is not used.
// The near-synonyms are the benchmark's own list, written apart from the monitor's. Names follow the
// language's convention: camelCase (TypeScript) or snake_case (Python), whose case mistake is the camelCase
// spelling (`totalCount` for `total_count`).

export type MutationKind = 'case' | 'plural' | 'affix' | 'synonym' | 'other-type';

export type Naming = 'camel' | 'snake';

export interface Mutation {
  readonly kind: MutationKind;
  readonly name: string;
}

const KINDS: readonly MutationKind[] = ['case', 'plural', 'affix', 'synonym', 'other-type'];

const NEAR_SYNONYMS: Readonly<Record<string, string>> = {
  get: 'fetch', set: 'update', add: 'append', remove: 'delete', delete: 'remove', create: 'make', has: 'contains', is: 'has',
  length: 'size', size: 'length', push: 'add', parse: 'decode', check: 'validate', value: 'val', values: 'items',
  error: 'err', errors: 'issues', issues: 'errors', options: 'opts', def: 'definition', type: 'kind', shape: 'schema',
  message: 'msg', path: 'route', input: 'data', output: 'result', format: 'pattern', keys: 'names', items: 'elements',
};

/** The mutation for position number `index` of member `name`, or undefined when no kind yields a wrong name. */
export function mutateMember(name: string, allowed: readonly string[], pool: readonly string[], index: number, naming: Naming = 'camel'): Mutation | undefined {
  for (let k = 0; k < KINDS.length; k++) {
    const kind = KINDS[(index + k) % KINDS.length]!;
    const wrong = mutate(kind, name, allowed, pool, index, naming);
    if (wrong && wrong !== name && !allowed.includes(wrong)) return { kind, name: wrong };
  }
  return undefined;
}

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function mutate(kind: MutationKind, name: string, allowed: readonly string[], pool: readonly string[], index: number, naming: Naming): string | undefined {
  const words = name.split(/(?=[A-Z])|_/).filter(Boolean);
  const snake = naming === 'snake';
  switch (kind) {
    case 'case': {
      // snake_case: the camelCase spelling (`total_count` → `totalCount`).
      if (snake && words.length > 1) return words[0]! + words.slice(1).map(capitalized).join('');
      // camelCase: one hump lower-cased (`getUserName` → `getUsername`); else the first letter's case flipped.
      const hump = words.findIndex((word, i) => i > 0 && /^[A-Z]/.test(word));
      if (hump > 0) return words.map((w, i) => (i === hump ? w.toLowerCase() : w)).join('');
      return /^[a-z]/.test(name) ? name[0]!.toUpperCase() + name.slice(1) : name[0]!.toLowerCase() + name.slice(1);
    }
    case 'plural':
      if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
      if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
      return name.endsWith('y') && !/[aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : `${name}s`;
    case 'affix': {
      // Drop a leading verb (`getValue` → `value`), or add one (`value` → `getValue`), or a trailing `Value`.
      if (words.length > 1 && /^(get|set|is|has|to|on|_)$/.test(words[0]!)) {
        return snake ? words.slice(1).join('_') : words[1]!.toLowerCase() + words.slice(2).join('');
      }
      if (snake) return index % 2 === 0 ? `get_${name}` : `${name}_value`;
      return index % 2 === 0 ? `get${capitalized(name)}` : `${name}Value`;
    }
    case 'synonym': {
      const at = words.findIndex(word => NEAR_SYNONYMS[word.toLowerCase()] !== undefined);
      if (at < 0) return undefined;
      const replacement = NEAR_SYNONYMS[words[at]!.toLowerCase()]!;
      if (snake) return words.map((w, i) => (i === at ? replacement : w)).join('_');
      const cased = at === 0 ? replacement : capitalized(replacement);
      return words.map((w, i) => (i === at ? cased : w)).join('');
    }
    case 'other-type': {
      // A real member of some other type in the corpus, sharing the first letter when one does.
      const others = pool.filter(member => !allowed.includes(member) && /^[a-z]\w+$/i.test(member));
      const near = others.filter(member => member[0] === name[0]);
      const from = near.length > 0 ? near : others;
      return from.length > 0 ? from[(index * 7919) % from.length] : undefined;
    }
  }
}
