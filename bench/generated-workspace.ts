// A large TypeScript workspace written to a temp folder: real-looking modules (interfaces, classes, functions,
// imports between areas) in the thousands, for measuring what indexing and typing cost the caller's thread.
// Deterministic: the same count gives the same files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const AREAS = ['billing', 'catalog', 'orders', 'shipping', 'accounts', 'search', 'reports', 'inventory', 'pricing', 'support'];

export interface GeneratedWorkspace {
  readonly root: string;
  /** Workspace paths of the modules, in generation order. */
  readonly files: readonly string[];
  remove(): void;
}

function modulePath(i: number): string {
  return `src/${AREAS[i % AREAS.length]}/module-${i}.ts`;
}

function relativeImport(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function moduleText(i: number, count: number): string {
  const self = modulePath(i);
  const deps = [1, 7, 31].map(step => (i + step) % count).filter(d => d !== i);
  const imports = deps.map(d => `import { Service${d}, type Options${d}, helper${d} } from '${relativeImport(self, modulePath(d))}';`);
  const area = AREAS[i % AREAS.length];
  return `${imports.join('\n')}

/** Options of the ${area} module ${i}. */
export interface Options${i} {
  readonly id: string;
  readonly size: number;
  readonly tags: readonly string[];
  readonly upstream?: Options${deps[0]};
}

export type Outcome${i} = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: string };

export function helper${i}(a: number, b: number): number {
  const scaled = a * ${(i % 9) + 2} + b;
  return scaled > ${i} ? scaled - ${i} : helper${deps[0]}(b, a) + 1;
}

export class Service${i} {
  private readonly cache = new Map<string, number>();

  constructor(private readonly upstream: Service${deps[0]}, private readonly peer: Service${deps[1] ?? deps[0]}) {}

  /** Runs the ${area} step for one request and remembers the answer by id. */
  run(options: Options${i}): Outcome${i} {
    const known = this.cache.get(options.id);
    if (known !== undefined) return { ok: true, value: known };
    if (options.size < 0) return { ok: false, reason: 'negative size in ${area}' };
    const value = helper${i}(options.size, options.tags.length) + helper${deps[1] ?? deps[0]}(options.size, ${i});
    this.cache.set(options.id, value);
    return { ok: true, value };
  }

  describe(options: Options${deps[0]}): string {
    return \`\${options.id}: \${this.upstream.constructor.name} then \${this.peer.constructor.name}\`;
  }

  reset(): void {
    this.cache.clear();
  }
}

export const DEFAULT_OPTIONS_${i}: Options${i} = { id: '${area}-${i}', size: ${i % 100}, tags: ['${area}', 'generated'] };
`;
}

/** Writes `count` modules under a new temp folder, or into `into` (created; `remove` deletes it). */
export function generateWorkspace(count: number, into?: string): GeneratedWorkspace {
  const root = into ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cc-generated-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const rel = modulePath(i);
    fs.mkdirSync(path.join(root, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), moduleText(i, count));
    files.push(rel);
  }
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', target: 'es2022' } }));
  return { root, files, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
