// Builds the .vsix packages.
//   node scripts/package.mjs                     the universal package, codebase-context.vsix
//   node scripts/package.mjs --target linux-x64  one package per VS Code target, codebase-context-<target>.vsix
//                            --target host       the target of this machine
//                            --all-targets       every target typescript 7 publishes a native server for
//                            --universal         the universal package too, beside the targets
// A target's package carries typescript 7's native server for that platform; the universal one carries none,
// so there TypeScript and JavaScript get no monitor (the extension says so once). Every package carries
// pyright's JavaScript, which runs on any platform. Like rust-analyzer: VS Code's Marketplace serves each
// installation the package of its target, and the universal one where none fits.
//
// The packages are made in a staging folder (the bundle built there once), never in the checkout's dist/.
// The servers go into its dist/servers/node_modules/, where src/core/facts/server-binaries.ts looks first, as npm
// lays packages out:
//   @typescript/typescript-<platform>-<arch>/  (Node's platform and arch names) its package.json, licence, and
//                                              lib/: tsc and the lib .d.ts files tsc reads beside itself
//   pyright/                                   langserver.index.js and dist/, without source maps or the CLI entry
// In a node_modules folder vsce takes them for what they are, third-party packages, and does not scan their
// thousands of typeshed stubs for secrets (minutes per package here); our own files are still scanned.
// Other platforms' typescript packages are fetched with `npm pack` (exactly the installed version) into
// .cache/typescript-platforms/, never into node_modules.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
/** What the .vsix takes from the checkout besides the bundle (.vscodeignore then picks the files). */
const PACKAGE_SOURCES = ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'syntaxes', 'media'];
const cache = path.join(root, '.cache', 'typescript-platforms');

/**
 * Each VS Code target and the typescript 7 platform package that serves it. typescript 7's executables are
 * statically linked Go programs, so Alpine (musl) runs the Linux ones.
 */
export const TARGETS = {
  'linux-x64': { platform: 'linux', arch: 'x64' },
  'linux-arm64': { platform: 'linux', arch: 'arm64' },
  'linux-armhf': { platform: 'linux', arch: 'arm' },
  'alpine-x64': { platform: 'linux', arch: 'x64' },
  'alpine-arm64': { platform: 'linux', arch: 'arm64' },
  'darwin-x64': { platform: 'darwin', arch: 'x64' },
  'darwin-arm64': { platform: 'darwin', arch: 'arm64' },
  'win32-x64': { platform: 'win32', arch: 'x64' },
  'win32-arm64': { platform: 'win32', arch: 'arm64' },
};

/** The VS Code target of this machine. */
export function hostTarget() {
  const arch = process.arch === 'arm' ? 'armhf' : process.arch;
  // glibc reports its version; musl (Alpine) does not.
  const musl = process.platform === 'linux' && !process.report.getReport().header.glibcVersionRuntime;
  const target = `${musl ? 'alpine' : process.platform}-${arch}`;
  if (!(target in TARGETS)) throw new Error(`This machine (${process.platform}-${process.arch}) is no target typescript 7 publishes a server for.`);
  return target;
}

/** `codebase-context.vsix` for the universal package, `codebase-context-<target>.vsix` for a target's. */
function packageFile(target) {
  return path.join(root, target ? `codebase-context-${target}.vsix` : 'codebase-context.vsix');
}

/**
 * Builds the bundle once, then each package (`undefined` in `targets` is the universal one).
 * Returns the packages made, with their sizes.
 */
export function buildPackages(targets) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'codebase-context-package-'));
  try {
    for (const source of PACKAGE_SOURCES) fs.cpSync(path.join(root, source), path.join(stage, source), { recursive: true });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production', `--outdir=${path.join(stage, 'dist')}`], { stdio: 'inherit' });
    const servers = path.join(stage, 'dist', 'servers', 'node_modules');
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const made = [];
    for (const target of targets) {
      fs.rmSync(servers, { recursive: true, force: true });
      copyPyright(servers);
      if (target) copyTypescript(servers, target);
      const file = packageFile(target);
      execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', ...(target ? ['--target', target] : []), '--out', file], { cwd: stage, stdio: 'inherit' });
      made.push({ target, file, bytes: fs.statSync(file).size });
    }
    return made;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function copyPyright(servers) {
  const from = path.dirname(require.resolve('pyright/package.json'));
  const to = path.join(servers, 'pyright');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['package.json', 'langserver.index.js', 'LICENSE.txt']) fs.copyFileSync(path.join(from, file), path.join(to, file));
  const unused = new Set([path.join(from, 'dist', 'pyright.js')]);
  fs.cpSync(path.join(from, 'dist'), path.join(to, 'dist'), { recursive: true, filter: source => !source.endsWith('.map') && !unused.has(source) });
}

function copyTypescript(servers, target) {
  const { platform, arch } = TARGETS[target];
  const name = `@typescript/typescript-${platform}-${arch}`;
  const from = typescriptPlatformPackage(name);
  const to = path.join(servers, name);
  fs.cpSync(path.join(from, 'lib'), path.join(to, 'lib'), { recursive: true });
  // Apache-2.0 asks for the licence and notices to travel with the executable.
  for (const file of ['package.json', 'LICENSE', 'NOTICE.txt']) fs.copyFileSync(path.join(from, file), path.join(to, file));
  checkExecutable(path.join(to, 'lib'), platform, arch);
}

/** The folder of a typescript 7 platform package at the installed typescript 7's version: node_modules' when it is this machine's, else fetched. */
function typescriptPlatformPackage(name) {
  const typescriptDir = path.dirname(require.resolve('typescript-native/package.json'));
  const version = JSON.parse(fs.readFileSync(path.join(typescriptDir, 'package.json'), 'utf8')).version;
  try {
    const installed = path.dirname(createRequire(path.join(typescriptDir, 'package.json')).resolve(`${name}/package.json`));
    if (JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version === version) return installed;
  } catch {
    // Another platform's package: npm installs only this machine's.
  }
  const dir = path.join(cache, `${name.replace('/', '+')}@${version}`);
  const packageDir = path.join(dir, 'package');
  if (!fs.existsSync(path.join(packageDir, 'package.json'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    console.log(`Fetching ${name}@${version} into ${path.relative(root, dir)}`);
    const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
    fs.rmSync(path.join(dir, tarball));
  }
  return packageDir;
}

/** The packaged executable must be one the target can run: its file format and processor, read from its header. */
function checkExecutable(dir, platform, arch) {
  const exe = path.join(dir, platform === 'win32' ? 'tsc.exe' : 'tsc');
  if (!fs.existsSync(path.join(dir, 'lib.d.ts'))) throw new Error(`${dir} has no lib.d.ts: tsc would not start.`);
  const header = Buffer.alloc(4096);
  const fd = fs.openSync(exe, 'r');
  fs.readSync(fd, header, 0, header.length, 0);
  fs.closeSync(fd);
  const found = executableKind(header);
  if (found !== `${platform}-${arch}`) throw new Error(`${exe} is an executable for ${found}, not ${platform}-${arch}.`);
  if (platform !== 'win32' && (fs.statSync(exe).mode & 0o111) === 0) throw new Error(`${exe} is not executable.`);
}

/** `<platform>-<arch>` in Node's names, from an ELF, Mach-O or PE header. */
function executableKind(header) {
  if (header.readUInt32BE(0) === 0x7f454c46) {
    const machine = { 0x3e: 'x64', 0xb7: 'arm64', 0x28: 'arm' }[header.readUInt16LE(18)];
    return `linux-${machine ?? 'unknown'}`;
  }
  if (header.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = { 0x01000007: 'x64', 0x0100000c: 'arm64' }[header.readUInt32LE(4)];
    return `darwin-${cpu ?? 'unknown'}`;
  }
  if (header.toString('latin1', 0, 2) === 'MZ') {
    const machine = { 0x8664: 'x64', 0xaa64: 'arm64' }[header.readUInt16LE(header.readUInt32LE(0x3c) + 4)];
    return `win32-${machine ?? 'unknown'}`;
  }
  return 'an unknown platform';
}

/** The command line: which packages to build, from the arguments. */
function packagesAsked(args) {
  const targets = [];
  let universal = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--universal') universal = true;
    else if (arg === '--all-targets') targets.push(...Object.keys(TARGETS));
    else if (arg === '--target' || arg.startsWith('--target=')) {
      const value = arg === '--target' ? args[++i] : arg.slice('--target='.length);
      for (const target of (value ?? '').split(',')) {
        const resolved = target === 'host' ? hostTarget() : target;
        if (!(resolved in TARGETS)) throw new Error(`Unknown target '${target}'. Targets: host, ${Object.keys(TARGETS).join(', ')}.`);
        targets.push(resolved);
      }
    } else throw new Error(`Unknown argument '${arg}'. Usage: node scripts/package.mjs [--target TARGET[,TARGET...]|host] [--all-targets] [--universal]`);
  }
  return [...(universal || targets.length === 0 ? [undefined] : []), ...new Set(targets)];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const { target, file, bytes } of buildPackages(packagesAsked(process.argv.slice(2)))) {
      console.log(`${target ?? 'universal'}: ${path.relative(root, file)} ${(bytes / 1024 / 1024).toFixed(2)} MB`);
    }
  } catch (error) {
    console.error(`Packaging failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
