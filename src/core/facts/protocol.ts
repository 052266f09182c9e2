// The protocol package offers its Node entry only through its exports map (`vscode-languageserver-protocol/node`),
// which this project's TypeScript resolution (node10) does not read, nor the re-exported `vscode-jsonrpc/node`.
// So the types come from the entries' files and the value from the specifier that Node and esbuild resolve.
import type * as NodeProtocol from 'vscode-languageserver-protocol/lib/node/main';
import type * as NodeJsonRpc from 'vscode-jsonrpc/lib/node/main';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const protocol: typeof NodeProtocol & typeof NodeJsonRpc = require('vscode-languageserver-protocol/node');

export type * from 'vscode-languageserver-protocol/lib/node/main';
