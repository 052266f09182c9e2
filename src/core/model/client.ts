import OpenAI from 'openai';
import type { CompletionPrompt } from '../prompt';
import { timeoutError, toModelError } from './errors';

export interface ModelSettings {
  /** OpenAI-compatible base URL, usually ending in /v1. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` to `baseUrl` only; no header at all when absent. */
  apiKey?: string;
  model: string;
  maxTokens: number;
  temperature: number;
  /** Budget for the whole request, streaming included. */
  timeoutMs: number;
}

/** What one request may add to the settings: the monitor's constraints and continuations (src/core/monitor/). */
export interface RequestOptions {
  /** Fields merged into the request body as they are: `grammar` (llama.cpp), `structured_outputs` (vLLM). */
  readonly extraBody?: Readonly<Record<string, unknown>>;
  /** Overrides ModelSettings.maxTokens for this request. */
  readonly maxTokens?: number;
  /** Asks for this many alternatives per generated token (`logprobs`); they arrive through `onAlternatives`. */
  readonly topLogprobs?: number;
  /** Per streamed piece, the alternatives of its tokens, when the endpoint returns them. */
  readonly onAlternatives?: (alternatives: readonly TokenAlternatives[]) => void;
}

/** The tokens the model weighed at one position, with their log probabilities. */
export type TokenAlternatives = Readonly<Record<string, number>>;

/** One streamed piece: its text and, when asked for and given, its tokens' alternatives. */
interface StreamPiece {
  readonly text: string;
  readonly alternatives?: readonly TokenAlternatives[];
}

/**
 * Streams completions from an OpenAI-compatible server. No retries: a completion that comes late is useless,
 * the next keystroke asks again.
 */
export class ModelClient {
  private readonly openai: OpenAI;

  constructor(private readonly settings: ModelSettings) {
    if (!isHttpUrl(settings.baseUrl)) {
      throw new Error(`The endpoint '${settings.baseUrl}' is not a URL. Set Settings › Codebase Context › Endpoint to e.g. http://localhost:8080/v1.`);
    }
    this.openai = new OpenAI({
      baseURL: settings.baseUrl,
      // Explicit values so nothing is read from OPENAI_* environment variables and sent to another endpoint.
      // The openai package insists on some credential: without a key it gets a placeholder whose header
      // is then removed, so local servers see no Authorization header at all.
      apiKey: settings.apiKey || NO_KEY_PLACEHOLDER,
      adminAPIKey: null,
      organization: null,
      project: null,
      defaultHeaders: settings.apiKey ? {} : { Authorization: null },
      maxRetries: 0,
      timeout: settings.timeoutMs,
    });
  }

  /** Streams a completion; resolves with the full text; rejects with ModelError; an aborted signal aborts the HTTP request itself and rejects with an AbortError. */
  async complete(prompt: CompletionPrompt, signal: AbortSignal, onText?: (delta: string) => void, options: RequestOptions = {}): Promise<string> {
    if (signal.aborted) throw abortError();
    const request = new AbortController();
    const cancel = () => request.abort();
    signal.addEventListener('abort', cancel, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.abort();
    }, this.settings.timeoutMs);
    try {
      let text = '';
      for await (const piece of this.stream(prompt, request.signal, options)) {
        if (piece.alternatives?.length) options.onAlternatives?.(piece.alternatives);
        if (piece.text === '') continue;
        text += piece.text;
        onText?.(piece.text);
      }
      // The openai stream ends quietly when its request is aborted: only a request still running finished.
      if (!request.signal.aborted) return text;
    } catch (error) {
      if (!request.signal.aborted) throw toModelError(error, this.settings);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', cancel);
    }
    throw timedOut && !signal.aborted ? timeoutError(this.settings) : abortError();
  }

  /** The text deltas of one streamed request: /v1/completions for text prompts, /v1/chat/completions for chat. */
  private async *stream(prompt: CompletionPrompt, signal: AbortSignal, options: RequestOptions): AsyncGenerator<StreamPiece> {
    const common = {
      model: this.settings.model,
      max_tokens: options.maxTokens ?? this.settings.maxTokens,
      temperature: this.settings.temperature,
      ...(prompt.stop.length > 0 ? { stop: prompt.stop } : {}),
      stream: true as const,
      ...options.extraBody,
    };
    if (prompt.kind === 'chat') {
      const chunks = await this.openai.chat.completions.create({ ...common, messages: prompt.messages }, { signal });
      for await (const chunk of chunks) yield { text: chunk.choices[0]?.delta?.content ?? '' };
    } else {
      const body = {
        ...common,
        prompt: prompt.prompt,
        ...(prompt.suffix !== undefined ? { suffix: prompt.suffix } : {}),
        ...(options.topLogprobs ? { logprobs: options.topLogprobs } : {}),
      };
      const chunks = await this.openai.completions.create(body, { signal });
      for await (const chunk of chunks) {
        const choice = chunk.choices[0];
        const alternatives = choice?.logprobs?.top_logprobs?.filter((top): top is TokenAlternatives => top !== null && typeof top === 'object');
        yield { text: choice?.text ?? '', ...(alternatives ? { alternatives } : {}) };
      }
    }
  }
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

const NO_KEY_PLACEHOLDER = 'no-key';

function abortError(): Error {
  return new DOMException('The completion request was cancelled.', 'AbortError');
}
