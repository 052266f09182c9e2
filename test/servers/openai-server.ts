// A real HTTP server speaking the OpenAI protocol, for unit tests and the extension-host integration tests.
// Dependency-free on purpose (node:http only): the integration tests load it inside the extension host.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server answers to one completion request. */
export type ScriptedAnswer =
  | {
      /** The completion; streamed in pieces of `chunkChars` characters, cut at the request's `stop` like a real server. */
      readonly text: string;
      readonly chunkChars?: number;
      /** Overrides the server's per-chunk delay for this answer. */
      readonly chunkDelayMs?: number;
      /** Send this many chunks, then keep the connection open without sending more (a stalled stream). */
      readonly stallAfterChunks?: number;
      /**
       * The top logprobs of each chunk's token (one entry per chunk), sent in OpenAI's completions `logprobs`
       * shape when the request asks for `logprobs`, as llama.cpp and vLLM do.
       */
      readonly alternatives?: readonly (Readonly<Record<string, number>> | undefined)[];
    }
  /** An HTTP error with OpenAI's error JSON shape. */
  | { readonly status: number; readonly message?: string; readonly code?: string }
  /** Accept the request and never answer (until the client gives up or the server stops). */
  | { readonly hang: true };

export type AnswerSource = ScriptedAnswer | ((request: RecordedRequest) => ScriptedAnswer);

export interface RecordedRequest {
  readonly method: string;
  /** The URL path, e.g. `/v1/completions`. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (undefined for GET or a body that is not JSON). */
  readonly body: any;
  /**
   * `finished` when the server ended the response; `client-closed` when the client disconnected first;
   * `server-stopped` when stop() cut it off (a hanging or stalled answer nobody abandoned).
   */
  outcome: 'pending' | 'finished' | 'client-closed' | 'server-stopped';
}

export interface OpenAITestServerOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>`, otherwise 401 like OpenAI. */
  readonly apiKey?: string;
  /** Ids listed by GET /v1/models. */
  readonly models?: readonly string[];
  /** Delay between streamed chunks. */
  readonly chunkDelayMs?: number;
  /** Used when the queue is empty. */
  readonly answer?: AnswerSource;
}

const DEFAULT_CHUNK_CHARS = 4;
const DEFAULT_MODELS = ['test-model'];

export class OpenAITestServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  chunkDelayMs: number;
  private readonly queue: AnswerSource[] = [];
  private fallback: AnswerSource | undefined;
  private readonly server: http.Server;
  private readonly pendingWaiters = new Set<() => void>();
  private stopping = false;

  constructor(private readonly options: OpenAITestServerOptions = {}) {
    this.chunkDelayMs = options.chunkDelayMs ?? 0;
    this.fallback = options.answer;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  /** Answers for the next completion requests, in order; they take precedence over the fallback answer. */
  enqueue(...answers: AnswerSource[]): void {
    this.queue.push(...answers);
  }

  /** The answer (or a function of the request) used whenever the queue is empty. */
  respondWith(answer: AnswerSource): void {
    this.fallback = answer;
  }

  /** `url` is the base URL an OpenAI client takes (`http://127.0.0.1:PORT/v1`). */
  async start(): Promise<{ url: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/v1`, port };
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.stopping = true;
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()));
    this.server.closeAllConnections(); // hanging and stalled responses included
    await closed;
  }

  /** Resolves once no response is pending: every request finished or was closed by the client. */
  idle(): Promise<void> {
    if (!this.requests.some(r => r.outcome === 'pending')) return Promise.resolve();
    return new Promise(resolve => this.pendingWaiters.add(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://localhost').pathname,
      headers: req.headers,
      body: parseJson(raw),
      outcome: 'pending',
    };
    this.requests.push(record);
    res.on('close', () => {
      record.outcome = res.writableFinished ? 'finished' : this.stopping ? 'server-stopped' : 'client-closed';
      this.notifyIfIdle();
    });

    if (this.options.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return sendError(res, { status: 401, message: 'Incorrect API key provided.', code: 'invalid_api_key' });
    }
    const endpoint = record.path.replace(/^\/v1/, '');
    if (record.method === 'GET' && endpoint === '/models') {
      const ids = this.options.models ?? DEFAULT_MODELS;
      return sendJson(res, 200, { object: 'list', data: ids.map(id => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
    }
    if (record.method !== 'POST' || (endpoint !== '/completions' && endpoint !== '/chat/completions')) {
      return sendError(res, { status: 404, message: `Unknown endpoint ${record.method} ${record.path}`, code: 'unknown_url' });
    }
    const source = this.queue.shift() ?? this.fallback;
    if (source === undefined) return sendError(res, { status: 500, message: 'The test server has no scripted answer: call enqueue() or respondWith().' });
    const answer = typeof source === 'function' ? source(record) : source;
    if ('hang' in answer) return;
    if ('status' in answer) return sendError(res, answer);
    const chat = endpoint === '/chat/completions';
    const text = cutAtStop(answer.text, record.body?.stop);
    if (record.body?.stream !== true) return sendJson(res, 200, chat ? chatResponse(text) : completionResponse(text));
    await this.stream(res, chat, text, answer, typeof record.body?.logprobs === 'number' && record.body.logprobs > 0);
  }

  private async stream(res: http.ServerResponse, chat: boolean, text: string, answer: Extract<ScriptedAnswer, { text: string }>, logprobs: boolean): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const size = answer.chunkChars ?? DEFAULT_CHUNK_CHARS;
    const delay = answer.chunkDelayMs ?? this.chunkDelayMs;
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
    for (const [i, piece] of pieces.entries()) {
      if (i === answer.stallAfterChunks) return; // stays open until the client or stop() closes it
      if (res.destroyed) return;
      if (delay > 0) await sleep(delay);
      if (res.destroyed) return;
      const alternatives = logprobs ? answer.alternatives?.[i] : undefined;
      res.write(`data: ${JSON.stringify(chat ? chatChunk({ content: piece }, null) : completionChunk(piece, null, alternatives))}\n\n`);
    }
    if (res.destroyed || answer.stallAfterChunks === pieces.length) return;
    res.write(`data: ${JSON.stringify(chat ? chatChunk({}, 'stop') : completionChunk('', 'stop'))}\n\n`);
    res.end('data: [DONE]\n\n');
  }

  private notifyIfIdle(): void {
    if (this.requests.some(r => r.outcome === 'pending')) return;
    for (const resolve of this.pendingWaiters) resolve();
    this.pendingWaiters.clear();
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise(resolve => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function parseJson(raw: string): unknown {
  try {
    return raw === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function cutAtStop(text: string, stop: unknown): string {
  const stops = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  const cut = Math.min(text.length, ...stops.map(s => text.indexOf(s)).filter(i => i >= 0));
  return text.slice(0, cut);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: http.ServerResponse, error: { status: number; message?: string; code?: string }): void {
  const message = error.message ?? `Scripted error ${error.status}`;
  sendJson(res, error.status, { error: { message, type: error.status === 401 ? 'invalid_request_error' : 'server_error', param: null, code: error.code ?? null } });
}

const created = () => Math.floor(Date.now() / 1000);

function completionChunk(text: string, finishReason: string | null, alternatives?: Readonly<Record<string, number>>) {
  const logprobs = alternatives ? { tokens: [text], token_logprobs: [alternatives[text] ?? 0], top_logprobs: [alternatives], text_offset: [0] } : null;
  return { id: 'cmpl-test', object: 'text_completion', created: created(), model: 'test-model', choices: [{ text, index: 0, logprobs, finish_reason: finishReason }] };
}

function completionResponse(text: string) {
  return { ...completionChunk(text, 'stop'), usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } };
}

function chatChunk(delta: { content?: string }, finishReason: string | null) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: created(), model: 'test-model', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function chatResponse(text: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: created(),
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
