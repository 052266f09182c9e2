import OpenAI from 'openai';

export type ModelErrorCode = 'unauthorized' | 'forbidden' | 'not-found' | 'unreachable' | 'timeout' | 'rate-limited' | 'server-error' | 'bad-response';

/** A failed model request, with a message that tells the user what to do. Never carries the API key. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    readonly userMessage: string,
  ) {
    super(userMessage);
  }
}

/** What an error message may say about the request: never the key itself. */
export interface RequestDescription {
  readonly baseUrl: string;
  readonly model: string;
  readonly timeoutMs: number;
  readonly apiKey?: string;
}

/** How long a server's own error text may be when quoted in a message. */
const MAX_QUOTED_DETAIL_CHARS = 200;

export function timeoutError(request: RequestDescription): ModelError {
  return new ModelError(
    'timeout',
    `The endpoint ${shownUrl(request.baseUrl)} did not finish the completion within ${request.timeoutMs} ms. ` +
      `Choose a smaller or faster model, or raise the timeout in Settings › Codebase Context.`,
  );
}

/** Maps what the openai client throws to a ModelError. Abort and timeout are decided by the caller, who knows why. */
export function toModelError(error: unknown, request: RequestDescription): ModelError {
  const url = shownUrl(request.baseUrl);
  const detail = quoted(error instanceof Error ? error.message : String(error), request.apiKey);
  if (error instanceof OpenAI.APIConnectionTimeoutError) return timeoutError(request);
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = connectionCause(error);
    return new ModelError(
      'unreachable',
      `Cannot reach the model endpoint ${url}${cause ? ` (${cause})` : ''}. Start the model server, or fix the endpoint in Settings › Codebase Context › Endpoint.`,
    );
  }
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) {
    return new ModelError(
      'bad-response',
      `The endpoint ${url} answered with something that is not an OpenAI-compatible completion (${detail}). ` +
        `Check that the endpoint speaks the OpenAI API (it usually ends in /v1).`,
    );
  }
  const status = error.status;
  if (status === 401) {
    const what = request.apiKey ? 'refused the API key' : 'requires an API key';
    return new ModelError('unauthorized', `The endpoint ${url} ${what} (401). Run 'Codebase Context: Set API Key'.`);
  }
  if (status === 403) {
    return new ModelError('forbidden', `The endpoint ${url} denies access to model '${request.model}' (403). Check what your API key may use, or choose another model in Settings › Codebase Context › Model.`);
  }
  if (status === 404) {
    return new ModelError(
      'not-found',
      `The endpoint ${url} does not know this request or model '${request.model}' (404). ` +
        `Check the endpoint (it usually ends in /v1) and the model name in Settings › Codebase Context.`,
    );
  }
  if (status === 429) {
    return new ModelError('rate-limited', `The endpoint ${url} is rate-limiting requests (429). Completions resume by themselves; if this persists, check your plan's limits.`);
  }
  if (status >= 500) {
    return new ModelError('server-error', `The model server at ${url} failed (${status}: ${detail}). Check the server's log, or try again.`);
  }
  return new ModelError(
    'bad-response',
    `The endpoint ${url} rejected the request (${status}: ${detail}). Check that the model '${request.model}' and the prompt format suit this server in Settings › Codebase Context.`,
  );
}

/** The base URL without any user:password part, fit for messages. */
function shownUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return baseUrl;
  }
}

/** A server's error text, shortened and with the API key blanked out (some servers echo it back). */
function quoted(text: string, apiKey: string | undefined): string {
  const redacted = apiKey ? text.split(apiKey).join('***') : text;
  return redacted.length > MAX_QUOTED_DETAIL_CHARS ? `${redacted.slice(0, MAX_QUOTED_DETAIL_CHARS)}…` : redacted;
}

/** The system error code behind a failed fetch (ECONNREFUSED, ENOTFOUND…), when there is one. */
function connectionCause(error: Error): string | undefined {
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    cause = cause.cause;
  }
  return undefined;
}
