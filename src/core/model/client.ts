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
  async complete(prompt: CompletionPrompt, signal: AbortSignal, onText?: (delta: string) => void): Promise<string> {
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
      for await (const delta of this.stream(prompt, request.signal)) {
        if (delta === '') continue;
        text += delta;
        onText?.(delta);
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
  private async *stream(prompt: CompletionPrompt, signal: AbortSignal): AsyncGenerator<string> {
    const common = {
      model: this.settings.model,
      max_tokens: this.settings.maxTokens,
      temperature: this.settings.temperature,
      ...(prompt.stop.length > 0 ? { stop: prompt.stop } : {}),
      stream: true as const,
    };
    if (prompt.kind === 'chat') {
      const chunks = await this.openai.chat.completions.create({ ...common, messages: prompt.messages }, { signal });
      for await (const chunk of chunks) yield chunk.choices[0]?.delta?.content ?? '';
    } else {
      const body = { ...common, prompt: prompt.prompt, ...(prompt.suffix !== undefined ? { suffix: prompt.suffix } : {}) };
      const chunks = await this.openai.completions.create(body, { signal });
      for await (const chunk of chunks) yield chunk.choices[0]?.text ?? '';
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
