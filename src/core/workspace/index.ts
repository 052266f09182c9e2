// Workspace discovery: which files of a folder may be indexed, which are skipped and why.
export { WorkspaceFilter, DEFAULT_MAX_FILE_BYTES, type WorkspaceOptions } from './filter';
export { discoverWorkspace, DEFAULT_MAX_CONCURRENT_FS_CALLS, type DiscoveryOptions, type DiscoveryResult } from './discover';
export { classifyContent, BINARY_SNIFF_BYTES, MAX_CONTROL_BYTE_SHARE, type ContentVerdict } from './content';
export { IGNORE_FILE_NAMES } from './ignore-files';
