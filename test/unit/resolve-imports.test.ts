import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImportResolver, type ImportResolution } from '../../src/core/index/resolve-imports';
import { languageForPath } from '../../src/core/languages';
import { SymbolExtractor } from '../../src/core/index/extract';
import type { LanguageId } from '../../src/core/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Every source file under `root` (workspace-relative, forward slashes), as discovery would hand them over. */
function sourceFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map(p => p.split(path.sep).join('/'))
    .filter(p => languageForPath(p) !== undefined && fs.statSync(path.join(root, p)).isFile())
    .sort();
}

function readerFor(root: string, reads?: string[]) {
  return async (relPath: string): Promise<string | undefined> => {
    reads?.push(relPath);
    try {
      return await fs.promises.readFile(path.join(root, relPath), 'utf8');
    } catch {
      return undefined;
    }
  };
}

async function resolverFor(root: string): Promise<ImportResolver> {
  return ImportResolver.create(root, sourceFiles(root), readerFor(root));
}

const ws = (p: string): ImportResolution => ({ kind: 'workspace', path: p });
const external: ImportResolution = { kind: 'external' };
const unresolved: ImportResolution = { kind: 'unresolved' };

function expectAll(resolver: ImportResolver, from: string, language: LanguageId, cases: Record<string, ImportResolution>): void {
  for (const [specifier, expected] of Object.entries(cases)) {
    assert.deepEqual(resolver.resolve(from, language, specifier), expected, `${from}: ${specifier}`);
  }
}

/** A throwaway project written from a path -> text map. */
function writeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-imports-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('TypeScript/JavaScript monorepo', async () => {
  const resolver = await resolverFor(path.join(FIXTURES, 'resolve-ts-monorepo'));

  test('tsconfig paths (ordered targets, exact keys) and baseUrl from the nearest config, which replaces the base paths', () => {
    expectAll(resolver, 'apps/web/src/main.ts', 'typescript', {
      '@/components/button': ws('apps/web/src/components/button.tsx'),
      '@/api': ws('apps/web/generated/api.ts'), // second target of "@/*"
      config: ws('apps/web/src/config/index.ts'),
      '@/components/special': ws('apps/web/src/components/button.tsx'), // exact key beats the wildcard
      'src/components/button': ws('apps/web/src/components/button.tsx'), // via baseUrl "." (apps/web)
      '@shared/math': external, // web's own paths replace the base's, and no package has that name
      '@/nothing/here': unresolved, // a mapping names it, nothing matches
    });
  });

  test('extends chains: inherited paths and baseUrl keep the folder of the config that set them', () => {
    expectAll(resolver, 'apps/admin/src/main.ts', 'typescript', {
      '@shared/math': ws('packages/shared/src/math.ts'),
      'packages/shared/src/math': ws('packages/shared/src/math.ts'), // inherited baseUrl: the root
      '~/panel': external,
      './panel': ws('apps/admin/src/panel.ts'),
    });
    expectAll(resolver, 'apps/admin/src/tools/cli.ts', 'typescript', {
      '~/panel': ws('apps/admin/src/panel.ts'),
      '@shared/math': external,
    });
  });

  test('workspace packages: exports maps with conditions, nested conditions and wildcards, mapped from dist to src', () => {
    expectAll(resolver, 'apps/web/src/main.ts', 'typescript', {
      '@acme/ui': ws('packages/ui/src/index.ts'),
      '@acme/ui/button': ws('packages/ui/src/button.tsx'),
      '@acme/ui/icons/star': ws('packages/ui/src/icons/star.tsx'),
      '@acme/ui/internal': unresolved, // not exported, no such path
      '@acme/ui/nope': unresolved,
      '@acme/utils': ws('packages/utils/src/index.ts'), // types/main in dist/
      '@acme/utils/lib/strings': ws('packages/utils/src/strings.ts'), // deep import into build output
      '@acme/shared': ws('packages/shared/src/index.ts'), // module: build/index.mjs
      react: external,
      'react/jsx-runtime': external,
      'node:fs': external,
    });
  });

  test('relative imports: .js means .ts in TypeScript, index files, extension probing; misses are unresolved', () => {
    expectAll(resolver, 'packages/ui/src/index.ts', 'typescript', {
      './card.js': ws('packages/ui/src/card.ts'),
      './card': ws('packages/ui/src/card.ts'),
      './button': ws('packages/ui/src/button.tsx'),
      './icons': ws('packages/ui/src/icons/index.ts'),
      './icons/index.js': ws('packages/ui/src/icons/index.ts'),
      '../../utils': ws('packages/utils/src/index.ts'), // a folder with a package.json: its entry fields
      '../../legacy': ws('packages/legacy/index.js'),
      './missing': unresolved,
      '../../../../outside': unresolved,
      './icons/': ws('packages/ui/src/icons/index.ts'),
      '.': ws('packages/ui/src/index.ts'),
      '..': unresolved, // packages/ui has a package.json with exports only, and no index file
      '@acme/utils': ws('packages/utils/src/index.ts'),
    });
    expectAll(resolver, 'packages/legacy/consumer.ts', 'typescript', { './helper.js': ws('packages/legacy/helper.ts') });
    expectAll(resolver, 'packages/ui/src/icons/star.tsx', 'tsx', { '.': ws('packages/ui/src/icons/index.ts'), '..': ws('packages/ui/src/index.ts') });
    // `.` is the folder: apps/web/generated has no index, and the sibling generated.ts is not it.
    expectAll(resolver, 'apps/web/generated/api.ts', 'typescript', { '.': unresolved, '../generated': ws('apps/web/generated.ts') });
  });

  test('a JavaScript importer means the .js file it names', () => {
    expectAll(resolver, 'packages/legacy/index.js', 'javascript', {
      './helper.js': ws('packages/legacy/helper.js'),
      './helper': ws('packages/legacy/helper.ts'),
      '@acme/utils': ws('packages/utils/src/index.ts'),
      'legacy-helpers': ws('packages/legacy/index.js'),
    });
  });

  test('only paths of the file set are returned', () => {
    // packages/ui/package.json exists on disk but is no source file.
    expectAll(resolver, 'apps/web/src/main.ts', 'typescript', { '@acme/ui/package.json': unresolved });
  });
});

describe('with the real extractor', () => {
  test('every import the extractor reads from the fixtures resolves as the conventions intend', async () => {
    const extractor = await SymbolExtractor.create();
    const outcomes: string[] = [];
    for (const fixture of ['resolve-ts-monorepo', 'resolve-python']) {
      const root = path.join(FIXTURES, fixture);
      const resolver = await resolverFor(root);
      for (const file of sourceFiles(root)) {
        const language = languageForPath(file)!;
        assert.ok(await extractor.ensureLanguage(language), `grammar for ${language}`);
        for (const record of extractor.extract(language, fs.readFileSync(path.join(root, file), 'utf8')).imports) {
          const resolution = resolver.resolve(file, language, record.source);
          if (resolution.kind !== 'workspace') outcomes.push(`${file} ${record.source} ${resolution.kind}`);
        }
      }
    }
    assert.deepEqual(outcomes.sort(), [
      'apps/web/src/main.ts @shared/math external',
      'apps/web/src/main.ts node:fs external',
      'apps/web/src/main.ts react external',
      'src/app/services/billing.py ...outside unresolved',
      'src/app/services/billing.py app.missing unresolved',
      'src/app/services/billing.py os.path external',
      'tools/setup.py setuptools external',
    ]);
  });
});

describe('pnpm workspace', () => {
  test('a declared workspace member wins a name clash with an undeclared copy', async () => {
    const resolver = await resolverFor(path.join(FIXTURES, 'resolve-pnpm'));
    expectAll(resolver, 'apps/site/main.ts', 'typescript', { 'core-lib': ws('libs/core/src/index.ts') });
  });
});

describe('Python', async () => {
  const resolver = await resolverFor(path.join(FIXTURES, 'resolve-python'));

  test('relative, absolute from src/ and project roots, packages, stubs and namespace packages', () => {
    expectAll(resolver, 'src/app/services/billing.py', 'python', {
      'os.path': external,
      numpy: external,
      'app.models': ws('src/app/models.py'),
      app: ws('src/app/__init__.py'), // `from app import models` records the package
      '.': ws('src/app/services/__init__.py'),
      '.helpers': ws('src/app/services/helpers.py'),
      '..models': ws('src/app/models.py'),
      '..': ws('src/app/__init__.py'),
      '...outside': unresolved,
      '.....too.far': unresolved,
      'app.stubs': ws('src/app/stubs.pyi'),
      'nsapp.plugins.extra': ws('src/nsapp/plugins/extra.py'),
      'app.missing': unresolved,
      toolkit: ws('tools/toolkit.py'), // tools/ has a setup.py
    });
    expectAll(resolver, 'tests/test_models.py', 'python', { 'app.models': ws('src/app/models.py'), '.': unresolved });
  });
});

describe('C, Go, Ruby, Bash samples', async () => {
  const native = path.join(FIXTURES, 'resolve-native');

  test('C includes: the includer folder, then include/ roots; system headers are external', async () => {
    expectAll(await resolverFor(path.join(native, 'c')), 'src/main.c', 'cpp', {
      '<stdio.h>': external,
      'util.h': ws('src/util.h'),
      'config.h': ws('include/config.h'),
      '<mylib/api.h>': ws('include/mylib/api.h'),
      'missing.h': unresolved,
    });
  });

  test('Go packages under the go.mod module resolve to their first non-test file', async () => {
    expectAll(await resolverFor(path.join(native, 'go')), 'cmd/server/main.go', 'go', {
      fmt: external,
      'example.com/app/internal/store': ws('internal/store/memory.go'),
      'example.com/app/internal/nope': unresolved,
      'example.com/other': external,
    });
  });

  test('Ruby require_relative and require from lib/', async () => {
    expectAll(await resolverFor(path.join(native, 'ruby')), 'app/main.rb', 'ruby', {
      json: external,
      'greeter/format': ws('lib/greeter/format.rb'),
      './../lib/greeter': ws('lib/greeter.rb'),
      './missing': unresolved,
    });
  });

  test('Bash source: relative to the script, then to the root', async () => {
    expectAll(await resolverFor(path.join(native, 'bash')), 'scripts/deploy.sh', 'bash', {
      './common.sh': ws('scripts/common.sh'),
      'scripts/common.sh': ws('scripts/common.sh'),
      '$HOME/.profile': unresolved,
    });
  });
});

describe('Java, Rust, PHP, C#', () => {
  test('Java by package path suffix, closest source set first; libraries are external', async () => {
    const root = writeProject({
      'app/src/main/java/com/acme/App.java': 'package com.acme;',
      'app/src/main/java/com/acme/model/User.java': 'package com.acme.model;',
      'app/src/main/java/com/acme/model/Account.java': 'package com.acme.model;',
      'other/src/main/java/com/acme/model/User.java': 'package com.acme.model;',
    });
    expectAll(await resolverFor(root), 'app/src/main/java/com/acme/App.java', 'java', {
      'com.acme.model.User': ws('app/src/main/java/com/acme/model/User.java'),
      'com.acme.model': ws('app/src/main/java/com/acme/model/Account.java'), // wildcard: first file of the package
      'com.acme.model.User.Role': ws('app/src/main/java/com/acme/model/User.java'), // nested class
      'java.util.List': external,
    });
  });

  test('Rust crate::, self::, super:: and mod paths', async () => {
    const root = writeProject({
      'src/lib.rs': 'mod models; mod util;',
      'src/models/mod.rs': 'pub mod user;',
      'src/models/user.rs': 'pub struct User;',
      'src/util.rs': 'pub fn f() {}',
      'src/util/strings.rs': 'pub fn g() {}',
    });
    const resolver = await resolverFor(root);
    expectAll(resolver, 'src/models/user.rs', 'rust', {
      'crate::models::user': ws('src/models/user.rs'),
      'crate::models::User': ws('src/models/mod.rs'), // an item of the module
      'crate::util::strings': ws('src/util/strings.rs'),
      crate: ws('src/lib.rs'),
      super: ws('src/models/mod.rs'),
      'super::super::util': ws('src/util.rs'),
      'std::collections': external,
      'crate::nothing': ws('src/lib.rs'), // `use crate::nothing;` names an item of the crate root
    });
    expectAll(resolver, 'src/util.rs', 'rust', { strings: ws('src/util/strings.rs'), 'self::strings': ws('src/util/strings.rs'), serde: external });
  });

  test('PHP namespaces by PSR-4 suffix, require by path; C# only when trivially matched', async () => {
    const root = writeProject({
      'app/Models/User.php': '<?php namespace App\\Models; class User {}',
      'public/index.php': "<?php require 'bootstrap/app.php';",
      'bootstrap/app.php': '<?php',
      'Acme/Billing/Invoice.cs': 'namespace Acme.Billing;',
    });
    const resolver = await resolverFor(root);
    expectAll(resolver, 'public/index.php', 'php', {
      'App\\Models\\User': ws('app/Models/User.php'),
      'Illuminate\\Support\\Str': external,
      'bootstrap/app.php': ws('bootstrap/app.php'),
      '../bootstrap/app.php': ws('bootstrap/app.php'),
      'nope.php': unresolved,
    });
    expectAll(resolver, 'Acme/Billing/Invoice.cs', 'csharp', { 'Acme.Billing': ws('Acme/Billing/Invoice.cs'), System: external, 'System.Linq': external });
  });
});

describe('keeping current', () => {
  test('adding and removing files changes exactly the answers that depend on them', async () => {
    const root = writeProject({ 'src/a.ts': "import './b';", 'src/b.js': '', 'lib/x.py': '' });
    const resolver = await resolverFor(root);
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './b'), ws('src/b.js'));
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './c'), unresolved);
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './d'), unresolved);
    resolver.fileAdded('src/b.ts'); // .ts is preferred over .js
    resolver.fileAdded('src/c/index.tsx'); // a new folder
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './b'), ws('src/b.ts'));
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './c'), ws('src/c/index.tsx'));
    resolver.fileRemoved('src/b.ts');
    resolver.fileRemoved('src/c/index.tsx');
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './b'), ws('src/b.js'));
    assert.deepEqual(resolver.resolve('src/a.ts', 'typescript', './c'), unresolved);
    // A Python project root that appears later (setup.py is a source file) joins the search roots.
    assert.deepEqual(resolver.resolve('src/a.py', 'python', 'tool'), external);
    resolver.fileAdded('tools/setup.py');
    resolver.fileAdded('tools/tool.py');
    assert.deepEqual(resolver.resolve('src/a.py', 'python', 'tool'), ws('tools/tool.py'));
    assert.deepEqual(resolver.resolve('src/a.py', 'python', 'x'), ws('lib/x.py'));
  });

  test('configuration is read only where files are, and for languages present', async () => {
    const root = writeProject({ 'pkg/src/a.py': '', 'pkg/pyproject.toml': '[project]', 'node/package.json': '{"name":"n"}' });
    const reads: string[] = [];
    const resolver = await ImportResolver.create(root, sourceFiles(root), readerFor(root, reads));
    assert.ok(reads.includes('pkg/pyproject.toml'));
    assert.ok(!reads.some(r => r.endsWith('package.json') || r.endsWith('tsconfig.json') || r.startsWith('node')), reads.join(', '));
    assert.deepEqual(resolver.resolve('pkg/src/a.py', 'python', 'a'), ws('pkg/src/a.py'));
  });

  test('10k files resolve with memoisation well within budget', async () => {
    const files: string[] = [];
    for (let i = 0; i < 10_000; i++) files.push(`packages/p${i % 50}/src/m${i}.ts`);
    const resolver = await ImportResolver.create('/virtual', files, async () => undefined);
    const started = performance.now();
    let found = 0;
    for (let i = 0; i < 10_000; i++) {
      const from = files[i]!;
      for (let k = 1; k <= 5; k++) if (resolver.resolve(from, 'typescript', `./m${i + k * 50}`).kind === 'workspace') found++;
      resolver.resolve(from, 'typescript', 'react');
    }
    assert.equal(found, 10_000 * 5 - (50 + 100 + 150 + 200 + 250));
    assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
  });
});

describe('exports maps with a custom source condition', () => {
  test('a self-import lands on the TypeScript source a condition names, not on the compiled copy', async () => {
    const files = new Map<string, string>([
      ['package.json', JSON.stringify({ name: 'lib', exports: { './v4': { '@lib/source': './src/v4/index.ts', types: './v4/index.d.cts', import: './v4/index.js' } } })],
      ['src/v4/index.ts', 'export const a = 1;\n'],
      ['src/app.ts', "import { a } from 'lib/v4';\n"],
      ['v4/index.js', 'export const a = 1;\n'],
    ]);
    const resolver = await ImportResolver.create('/virtual', [...files.keys()].filter(f => languageForPath(f)), async rel => files.get(rel));
    assert.deepEqual(resolver.resolve('src/app.ts', 'typescript', 'lib/v4'), { kind: 'workspace', path: 'src/v4/index.ts' });
  });
});

describe('tsconfig text', () => {
  test('comments and trailing commas are dropped, string contents kept, broken text gives undefined', async () => {
    const { parseJsonc } = await import('../../src/core/index/resolve-jsonc');
    assert.deepEqual(parseJsonc('{ // c\n "a": "http://x//y", /* b */ "b": [1, 2,], "c": ",}", "d": "\\"//", }'), { a: 'http://x//y', b: [1, 2], c: ',}', d: '"//' });
    assert.equal(parseJsonc('{ "a": '), undefined);
  });

  test('a broken config is located by line, past comments and strings that look like JSON', async () => {
    const { jsoncProblem } = await import('../../src/core/index/resolve-jsonc');
    assert.equal(jsoncProblem('{\n  // "a": 1,,\n  "b": "x,}",\n}'), undefined);
    assert.deepEqual(jsoncProblem('{\n  /* a\n  b */\n  "paths": { "@/*": ["src/*"] }\n  "baseUrl": "."\n}'), { line: 5, message: 'comma expected' });
    assert.equal(jsoncProblem('\uFEFF{ "a": 1 }'), undefined, 'a byte order mark is not an error');
  });
});
