// The secret scanner's report: coverage of the generated secret corpus (test/unit/secret-corpus.ts), its
// false positives on real code (every source file of the benchmark corpora, compiled JavaScript included),
// and its speed in ms per MB. Prints numbers; the tests check behaviour.
//
//   npx tsx bench/secrets-bench.ts [corpus-or-dir …]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../src/core/languages';
import { redactSecrets } from '../src/core/workspace/secrets';
import { secretCorpus } from '../test/unit/secret-corpus';
import { DEFAULT_CORPORA, ensureCorpus } from './corpora';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.isFile() && languageForPath(entry.name)) out.push(full);
  }
  return out;
}

function coverage(): void {
  let planted = 0;
  let leaked = 0;
  const byKind = new Map<string, { planted: number; leaked: number }>();
  for (const file of secretCorpus()) {
    const { text } = redactSecrets(file.text);
    for (const secret of file.secrets) {
      const row = byKind.get(secret.kind) ?? { planted: 0, leaked: 0 };
      byKind.set(secret.kind, row);
      planted++;
      row.planted++;
      if (secret.cores.some(core => text.includes(core))) {
        leaked++;
        row.leaked++;
        console.log(`  leaked: ${file.path} ${secret.kind} (${secret.style})`);
      }
    }
  }
  console.log(`secret corpus: ${planted - leaked}/${planted} redacted (${((100 * (planted - leaked)) / planted).toFixed(1)}%)`);
  for (const [kind, row] of [...byKind].sort()) console.log(`  ${kind.padEnd(28)} ${row.planted - row.leaked}/${row.planted}`);
}

async function falsePositives(specs: readonly string[]): Promise<void> {
  let bytes = 0;
  let lines = 0;
  let redactedLines = 0;
  let files = 0;
  let ms = 0;
  const byKind = new Map<string, number>();
  const examples: string[] = [];
  for (const spec of specs) {
    const corpus = await ensureCorpus(spec);
    for (const file of sourceFiles(corpus.dir)) {
      const text = fs.readFileSync(file, 'utf8');
      const started = performance.now();
      const { findings } = redactSecrets(text);
      ms += performance.now() - started;
      files++;
      bytes += Buffer.byteLength(text);
      lines += text.split('\n').length;
      redactedLines += new Set(findings.map(f => f.line)).size;
      for (const finding of findings) {
        byKind.set(finding.kind, (byKind.get(finding.kind) ?? 0) + 1);
        if (examples.length < 20) examples.push(`${corpus.name}/${path.relative(corpus.dir, file)}:${finding.line} ${finding.kind}`);
      }
    }
  }
  const mb = bytes / 1024 / 1024;
  console.log(`real code: ${files} files, ${mb.toFixed(1)} MB, ${lines} lines of ${specs.join(', ')}`);
  console.log(`  lines redacted: ${redactedLines} (${((100 * redactedLines) / lines).toFixed(4)}% of lines)`);
  for (const [kind, count] of [...byKind].sort()) console.log(`  ${kind.padEnd(28)} ${count}`);
  for (const example of examples) console.log(`  e.g. ${example}`);
  console.log(`  speed: ${(ms / mb).toFixed(1)} ms per MB (${ms.toFixed(0)} ms in all)`);
}

async function main(): Promise<void> {
  const specs = process.argv.slice(2);
  coverage();
  await falsePositives(specs.length > 0 ? specs : DEFAULT_CORPORA);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
