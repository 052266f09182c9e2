// Workspace discovery: which files of a folder may be indexed, which are skipped, and why.
//
// - WorkspaceFilter judges a path by name: secret names first (never overridable), then the caller's
//   exclude globs and the ignore files (.git/info/exclude, .gitignore and .codebasecontextignore at every
//   level, in git's precedence, including those above a subfolder opened from a repository), then default
//   exclusions (dependencies, build output, generated files; an explicit `!name` in an ignore file brings
//   one back), then the language.
// - discoverWorkspace walks the folder with bounded parallelism and lists files with their metadata;
//   symbolic-link policy is described in discover.ts.
// - readWorkspaceFile is the one way a file of the workspace is read: regular files only, never blocking,
//   inside the workspace, within the size limit.
// - classifyContent judges the bytes once they are read: binary, minified, or decoded text with its secrets
//   redacted (redactSecrets, which every other text bound for a prompt passes too).
export { WorkspaceFilter, DEFAULT_MAX_FILE_BYTES, MAX_PARSED_FILE_BYTES, type WorkspaceOptions } from './filter';
export { discoverWorkspace, DEFAULT_MAX_CONCURRENT_FS_CALLS, type DiscoveryOptions, type DiscoveryResult } from './discover';
export { classifyContent, BINARY_SNIFF_BYTES, MAX_CONTROL_BYTE_SHARE, MINIFIED_LIMITS, type ContentVerdict } from './content';
export { redactSecrets, rememberClean, type RedactedText } from './secrets';
export { readWorkspaceFile, readWorkspaceFileAsync, readConfigText, skipReasonFor, MAX_CONFIG_BYTES, type ReadResult, type ReadRefusal } from './read-file';
export { IGNORE_FILE_NAMES } from './ignore-files';
