// A scripted model behind OpenAITestServer that behaves like a model served by llama.cpp or vLLM: it means
// to write one completion, continues it from wherever the client's prompt leaves off (a continuation
// request after a repair goes on after the name it had meant), and honours the constraints those servers
// honour: a GBNF grammar whose `member` rule lists the allowed names (llama.cpp), `structured_outputs.choice`
// (vLLM 0.12 and later) or `guided_choice` (earlier vLLM).
//
// Constrained decoding as those servers do it, token by token without lookahead: the model follows the name
// it meant while that stays a prefix of an allowed name (a character of the wrong case counts as the model's
// next best token, so `getUsername` follows `getUserName`); where it cannot, the server ends the name with
// the shortest allowed name that keeps what was written (ties: the order the names were given in). This
// stands in for the model's own next-token choice, which a scripted model does not have.
import type { RecordedRequest, ScriptedAnswer } from './openai-server';

export interface ScriptedModelOptions {
  readonly chunkChars?: number;
  readonly chunkDelayMs?: number;
  /** Top logprobs per chunk, for endpoints that return them (see ScriptedAnswer.alternatives). */
  readonly alternatives?: (text: string) => readonly (Readonly<Record<string, number>> | undefined)[];
}

/** The answer function: `basePrompt` is the prompt of the first request; later ones extend it. */
export function scriptedModel(intended: string, basePrompt: string, options: ScriptedModelOptions = {}): (request: RecordedRequest) => ScriptedAnswer {
  return request => {
    const written = String(request.body?.prompt ?? '').slice(basePrompt.length);
    const rest = continuation(intended, written);
    const allowed = allowedByConstraint(request.body);
    const text = allowed === undefined ? rest : request.body.grammar !== undefined ? decodeUnder(rest, allowed) + rest.slice(leadingName(rest).length) : decodeUnder(rest, allowed);
    return {
      text,
      ...(options.chunkChars !== undefined ? { chunkChars: options.chunkChars } : {}),
      ...(options.chunkDelayMs !== undefined ? { chunkDelayMs: options.chunkDelayMs } : {}),
      ...(options.alternatives ? { alternatives: options.alternatives(text) } : {}),
    };
  };
}

/** What the model writes after `written`: the rest of what it meant, or, past a name put right, what it meant after its own name. */
export function continuation(intended: string, written: string): string {
  let common = 0;
  while (common < written.length && intended[common] === written[common]) common++;
  if (common === written.length) return intended.slice(common);
  // The client replaced the name the model was writing: skip the model's name.
  let end = common;
  while (end < intended.length && /[\w$]/.test(intended[end]!)) end++;
  return intended.slice(end);
}

/** The allowed names of a request's constraint, or undefined when it has none. */
export function allowedByConstraint(body: any): string[] | undefined {
  if (typeof body?.grammar === 'string') {
    const rule = /^member ::= (.*)$/m.exec(body.grammar)?.[1];
    return rule === undefined ? undefined : [...rule.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(match => JSON.parse(`"${match[1]}"`) as string);
  }
  const choice = body?.structured_outputs?.choice ?? body?.guided_choice;
  return Array.isArray(choice) ? choice.map(String) : undefined;
}

/** Token-by-token constrained decoding of the name `rest` starts with (see the file's comment). */
export function decodeUnder(rest: string, allowed: readonly string[]): string {
  const meant = leadingName(rest);
  let written = '';
  let candidates = [...allowed];
  for (const char of meant) {
    const exact = candidates.filter(name => name.startsWith(written + char));
    const caseless = exact.length > 0 ? exact : candidates.filter(name => name[written.length]?.toLowerCase() === char.toLowerCase());
    if (caseless.length === 0) break;
    written += caseless[0]![written.length];
    candidates = caseless.filter(name => name.startsWith(written));
  }
  if (candidates.includes(written)) return written;
  return candidates.reduce((shortest, name) => (name.length < shortest.length ? name : shortest), candidates[0] ?? allowed[0] ?? '');
}

function leadingName(text: string): string {
  return /^[\w$]*/.exec(text)![0];
}
