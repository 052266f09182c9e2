// tsconfig.json, jsconfig.json and package.json are JSON with comments and trailing commas. They are parsed
// by jsonc-parser, the parser VS Code itself uses for them, which also says where a broken one breaks.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where a config stops being valid JSONC: the 1-based line and what the parser expected. */
export interface JsoncProblem {
  readonly line: number;
  readonly message: string;
}

const OPTIONS = { allowTrailingComma: true, disallowComments: false } as const;

/**
 * The value of a JSONC text; undefined when it is not valid even as JSONC: a broken config must not stop
 * resolution, it just contributes nothing (`jsoncProblem` says why, for a warning).
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(withoutByteOrderMark(text), errors, OPTIONS);
  return errors.length === 0 ? value : undefined;
}

/** Undefined when the text is valid JSONC; otherwise its first error's line and message. */
export function jsoncProblem(text: string): JsoncProblem | undefined {
  const errors: ParseError[] = [];
  parse(withoutByteOrderMark(text), errors, OPTIONS);
  const first = errors[0];
  if (!first) return undefined;
  return { line: lineAt(text, first.offset), message: describe(first) };
}

function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** `PropertyNameExpected` -> `property name expected`. */
function describe(error: ParseError): string {
  return printParseErrorCode(error.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
