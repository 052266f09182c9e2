// The shared vocabulary of the engine. Every stage imports from here and from the stages before it.
// Positions and ranges are 0-based (LSP style) everywhere inside the engine; only the public outputs
// (manifest, CLI) speak 1-based inclusive lines, and they convert at the edge.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Languages the index knows. Each has a grammar under @vscode/tree-sitter-wasm and queries under syntaxes/<id>/. */
export type LanguageId =
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'python'
  | 'go'
  | 'java'
  | 'rust'
  | 'csharp'
  | 'cpp'
  | 'ruby'
  | 'php'
  | 'bash';

export type DefinitionKind =
  | 'function'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'method'
  | 'property'
  | 'variable'
  | 'module';

export interface Definition {
  readonly name: string;
  readonly kind: DefinitionKind;
  /** The whole declaration, body included. */
  readonly range: Range;
  /** The header without the body: what an outline shows. Equal to `range` for declarations without a body. */
  readonly signatureRange: Range;
  /** Name of the enclosing class/interface/namespace/function, if any. */
  readonly container?: string;
  readonly exported: boolean;
}

export type ReferenceKind = 'call' | 'type' | 'identifier' | 'member';

export interface Reference {
  readonly name: string;
  readonly kind: ReferenceKind;
  /** The identifier's own range. */
  readonly range: Range;
}

/** One name brought in by an import statement. */
export interface ImportedName {
  /** The name as exported by the source module; `default` for a default import, `*` for a namespace/wildcard import. */
  readonly name: string;
  /** The local name when it differs (`import { a as b }`, `import * as ns`, `import x from`). */
  readonly alias?: string;
}

export interface ImportRecord {
  /** The module specifier as written: `./util`, `@scope/pkg/sub`, `os.path`, `..models`. */
  readonly source: string;
  readonly names: readonly ImportedName[];
  readonly range: Range;
  /** True for `export ... from` re-exports. */
  readonly reexport: boolean;
}

/** What tree-sitter extraction yields for one file's text. Pure data: cacheable and sent between threads. */
export interface FileSymbols {
  readonly definitions: readonly Definition[];
  readonly references: readonly Reference[];
  readonly imports: readonly ImportRecord[];
  /** Names this file exports (TS/JS `export`, Python module-level public names are marked via Definition.exported). */
  readonly exports: readonly string[];
  readonly lineCount: number;
  /** True when the parse tree had ERROR nodes; the tags outside them are still used. */
  readonly hasErrors: boolean;
}

/** A workspace file as discovered, before its content is read. */
export interface DiscoveredFile {
  /** Path relative to the workspace root, with forward slashes. The file's identity everywhere in the engine. */
  readonly path: string;
  readonly absPath: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly language: LanguageId;
}

/** Why a file is not in the index. The summary counts files per reason. */
export type SkipReason =
  | 'ignored' // .gitignore, .git/info/exclude, .codebasecontextignore, caller's exclude globs
  | 'default-excluded' // node_modules, build outputs, .git
  | 'generated' // minified, source maps, lock files
  | 'unsupported-language'
  | 'too-large'
  | 'binary'
  | 'secret-name' // .env*, *.pem, id_rsa*, credential files
  | 'outside-workspace' // a symbolic link whose target lies outside the workspace folder
  | 'unreadable'
  | 'symlink-loop'
  | 'vanished' // deleted or renamed while indexing
  | 'parse-failed';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  readonly detail?: string;
}

/** One file in the index: identity, cache key and its symbols. */
export interface IndexedFile extends FileSymbols {
  readonly path: string;
  readonly language: LanguageId;
  readonly size: number;
  readonly mtimeMs: number;
  /** Content hash (sha1 hex) of the text that was parsed. */
  readonly hash: string;
  /** Workspace paths that this file's imports resolve to, aligned with `imports` (undefined = unresolved or external). */
  readonly resolvedImports: readonly (string | undefined)[];
  /** Secrets replaced by `[redacted: <kind>]` in the text that was indexed (never their values). */
  readonly redactions?: readonly SecretFinding[];
  /** Its lines' token counts, made where the file was read (absent for a request's own buffer). */
  readonly lineTokens?: LineTokens;
}

/** A text's line token counts with one tokenizer, as prefix sums (index/text-lines.ts lineTokenSums). */
export interface LineTokens {
  readonly tokenizer: TokenizerName;
  readonly sums: Int32Array;
}

/** A secret found in a text: what kind, on which 1-based line. Never the value. */
export interface SecretFinding {
  readonly kind: string;
  readonly line: number;
}

export interface IndexSummary {
  readonly root: string;
  readonly filesIndexed: number;
  readonly filesSkipped: number;
  readonly skippedByReason: Partial<Record<SkipReason, number>>;
  /** Which files the counts count, sorted by path (a skipped folder is one entry ending in `/`): what to fix when a file is missing. */
  readonly skipped: readonly SkippedFile[];
  readonly filesByLanguage: Partial<Record<LanguageId, number>>;
  readonly definitions: number;
  readonly references: number;
  readonly imports: { readonly resolved: number; readonly unresolved: number; readonly external: number };
  readonly cacheHits: number;
  readonly elapsedMs: number;
  readonly peakRssBytes: { readonly main: number; readonly worker: number };
  /** Grammars that failed to load, by language; other languages keep working. */
  readonly grammarErrors: readonly { readonly language: LanguageId; readonly message: string }[];
  /** Problems the user should hear about once (a damaged cache rebuilt, an unreadable tsconfig.json): what and where. */
  readonly warnings?: readonly string[];
}

export interface IndexProgress {
  readonly done: number;
  readonly total: number;
  readonly phase: 'discovering' | 'indexing' | 'resolving';
}

// ---------------------------------------------------------------------------------------------
// Context building: request, candidates, manifest.

export type ContextLevel = 'snippet' | 'outline' | 'file';

export type StrategyName = 'ours' | 'none' | 'jaccard' | 'jaccard-imports' | 'bm25' | 'repomap' | 'imports';

/** Signals supplied by the caller (the editor), never scanned by the engine on the hot path. */
export interface EditorSignals {
  /** Most recent first. */
  readonly recentlyEdited?: readonly string[];
  readonly recentlyVisited?: readonly string[];
  readonly openTabs?: readonly string[];
  /** Always include (paths). */
  readonly pinned?: readonly string[];
  /** Never include (paths). */
  readonly excluded?: readonly string[];
}

export interface ContextRequest {
  /** Path relative to the workspace root. */
  readonly file: string;
  /** 0-based cursor position. */
  readonly position: Position;
  /** The current text of the file (an unsaved buffer); defaults to the indexed/disk content. */
  readonly text?: string;
  readonly budgetTokens: number;
  readonly strategy?: StrategyName;
  readonly signals?: EditorSignals;
  /** Share of the budget reserved for the current file around the cursor. Defaults in pack/. */
  readonly prefixShare?: number;
  readonly suffixShare?: number;
  readonly tokenizer?: TokenizerName;
  /**
   * The prompt format the context will be rendered in (prompt/templates.ts). When given, the budget bounds
   * the whole rendered prompt, template markers included, as that model family's tokenizer counts it.
   */
  readonly format?: PromptFormat;
  /** Repository name for the repository-level templates (Qwen, StarCoder2); it is part of the prompt. */
  readonly repoName?: string;
}

/**
 * How a prompt is laid out for a model family. FIM families put their special tokens in the prompt text;
 * `suffix-field` leaves the template to the server (the `suffix` field of /v1/completions); `chat` asks a
 * chat model to fill a marked hole; `plain` is the context and prefix only (what the CLI prints).
 */
export type PromptFormat = 'qwen' | 'starcoder' | 'deepseek' | 'codestral' | 'codellama' | 'suffix-field' | 'chat' | 'plain';

export type TokenizerName = 'o200k_base' | 'cl100k_base';

/** How long a context build may take, and how to stop it. */
export interface BuildControl {
  /** Cancels the build: it stops at its next checkpoint and rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /**
   * Milliseconds from the start of the build. Past it the build returns the best context it has so far
   * (or the current file only), and the manifest says so in `partial`.
   */
  readonly deadlineMs?: number;
  /**
   * When the caller started waiting (`performance.timeOrigin + performance.now()`, comparable across threads),
   * if before the build starts: time spent queued for the engine thread counts against the deadline.
   */
  readonly startedAt?: number;
  /**
   * Cancellation read synchronously, for callers whose `signal` cannot fire while the build holds their
   * thread: the engine thread reads a flag in shared memory that the editor side sets (service/shared-cancel.ts).
   */
  readonly isCancelled?: () => boolean;
}

/** Checked by the synchronous stages (ranking, packing) between units of work. */
export interface StopCheck {
  /** True once the build was cancelled or is past its deadline: finish with what there is. */
  shouldStop(): boolean;
}

/** One candidate the ranking considered, as the user and scripts see it. Lines are 1-based, inclusive. */
export interface ManifestItem {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly level: ContextLevel;
  readonly tokens: number;
  readonly score: number;
  /** Human-readable: "defines `ErrorHandler`, used 2 lines above the cursor". */
  readonly reasons: readonly string[];
  readonly included: boolean;
  /** Why it was dropped, when `included` is false. */
  readonly dropped?: string;
  /** Which signal contributed most; the inspector groups by it. */
  readonly source: string;
}

export interface Manifest {
  readonly file: string;
  readonly position: Position;
  readonly strategy: StrategyName;
  readonly budget: number;
  readonly usedTokens: number;
  /** With `ContextRequest.format`: the rendered prompt's tokens as the model family counts them (at most `budget`). */
  readonly promptTokens?: number;
  /** Tokens per part: `prefix`, `suffix`, and per source of cross-file context. */
  readonly tokensBySource: Readonly<Record<string, number>>;
  readonly items: readonly ManifestItem[];
  readonly timingsMs: Readonly<Record<string, number>>;
  /** Present when the build stopped early (deadline): what was cut short, in words. */
  readonly partial?: string;
  /**
   * How many files were no candidates because they are compiled or emitted copies (`.js`, `.cjs`, `.mjs`,
   * `.d.ts`) of indexed sources; absent when none. Pinning one includes it all the same.
   */
  readonly mirrorsLeftOut?: number;
  /** Language facts, when the engine or the editor asked a language server: how many were used, and what was missing and why. */
  readonly facts?: { readonly used: number; readonly complete: boolean; readonly expectedType?: string; readonly missing: readonly { readonly what: string; readonly why: string }[] };
  /** Secrets redacted from the included files and the current buffer: where and what kind, never the value. 1-based lines. */
  readonly redactions?: readonly { readonly path: string; readonly kind: string; readonly line: number }[];
}

/** The packed context, ready for a prompt template. */
export interface ContextResult {
  /** Cross-file context, each block headed by its path in the language's comment syntax, stable parts first. */
  readonly context: string;
  /** The current file's text before and after the cursor, trimmed to their shares of the budget. */
  readonly prefix: string;
  readonly suffix: string;
  readonly manifest: Manifest;
}

// ---------------------------------------------------------------------------------------------
// What the cursor needs (cursor/), and what ranking hands to packing (rank/ -> pack/).

export interface ScopeInfo {
  readonly name: string;
  readonly kind: DefinitionKind;
  readonly range: Range;
}

/** An identifier seen near the cursor, with its distance in lines (0 = the cursor line). */
export interface NearbyIdentifier {
  readonly name: string;
  readonly kind: ReferenceKind;
  readonly line: number;
  readonly distance: number;
  /** Before the cursor (prefix) or after it (suffix). */
  readonly side: 'prefix' | 'suffix';
  /** For `a.b`, the object's name (`a`) when it is a plain identifier. */
  readonly receiver?: string;
  /** For the `b` of `a.b.c`, a link of a chain: the member used on it (`c`). */
  readonly memberAfter?: string;
}

/** An imported name used near the cursor, with where its import resolves to. */
export interface ImportedNameUse {
  readonly localName: string;
  readonly importedName: string;
  readonly source: string;
  /** Workspace path of the module, when it resolves inside the workspace. */
  readonly resolvedPath?: string;
  readonly distance: number;
}

export interface CursorFacts {
  readonly file: string;
  readonly language: LanguageId;
  readonly position: Position;
  /** Enclosing declarations, outermost first. */
  readonly enclosingScopes: readonly ScopeInfo[];
  /** The text of the cursor line up to the cursor: the statement being typed. */
  readonly linePrefix: string;
  /** The buffer split on `\n`, once per request: every stage that reads lines of the buffer shares it. */
  readonly lines: readonly string[];
  readonly identifiers: readonly NearbyIdentifier[];
  readonly importedNamesNearCursor: readonly ImportedNameUse[];
  /** The current file's imports, aligned with `resolvedImports`. */
  readonly imports: readonly ImportRecord[];
  readonly resolvedImports: readonly (string | undefined)[];
  /** Definitions in the current file (so a name defined locally is not looked up elsewhere). */
  readonly localDefinitions: readonly Definition[];
}

/** A span of a candidate file that ranking found worth including. Lines 0-based, inclusive. */
export interface RankedSpan {
  readonly startLine: number;
  readonly endLine: number;
  readonly score: number;
  readonly reasons: readonly string[];
  /** The declaration this span is, when it is one: packing can then show its signature only. */
  readonly definition?: Definition;
  /** How the strategy wants it shown; `snippet` when absent. */
  readonly level?: ContextLevel;
}

export interface RankedFile {
  readonly path: string;
  readonly score: number;
  readonly reasons: readonly string[];
  /** The signal that contributed most (`imports`, `definitions`, `pagerank`, `lexical`, `recency`, `pinned` …). */
  readonly source: string;
  /** Best first. */
  readonly spans: readonly RankedSpan[];
  readonly pinned?: boolean;
}

/**
 * How packing treats a ranking: `levels` chooses snippet/outline/file per file to maximise covered value
 * (ours); `in-order` takes the spans greedily in rank order at the level each asks for (the baselines,
 * faithful to how they are published).
 */
export type PackingMode = 'levels' | 'in-order';

export interface Ranking {
  readonly files: readonly RankedFile[];
  readonly packing: PackingMode;
}
