// Which server software answers at the endpoint: the monitor steers each one with what it supports
// (a GBNF grammar for llama.cpp, structured outputs for vLLM, nothing for other OpenAI-compatible servers).
// Told from GET /v1/models, whose `owned_by` names the software (llama.cpp: "llamacpp", vLLM: "vllm").

/**
 * `vllm` takes `structured_outputs` (0.12 and later); `vllm-legacy` takes `guided_choice` (earlier
 * versions); `openai` is any other OpenAI-compatible server: no constraint in the request.
 */
export type ModelBackend = 'llama.cpp' | 'vllm' | 'vllm-legacy' | 'openai';

/** How long detection may take: it runs once per endpoint, off the completion path. */
const DETECT_TIMEOUT_MS = 2000;

/** The first vLLM version that reads `structured_outputs` (and no longer `guided_choice`). */
const VLLM_STRUCTURED_OUTPUTS = [0, 12];

/**
 * Asks the endpoint what it is; `openai` when it does not say. Undefined when it cannot be asked now (no
 * connection, a timeout, a server error such as llama.cpp's 503 while it loads the model): a caller may ask
 * again later, when the server may be up.
 */
export async function detectBackend(baseUrl: string, apiKey?: string): Promise<ModelBackend | undefined> {
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const models = (await getJson(`${baseUrl.replace(/\/$/, '')}/models`, headers)) as { data?: { owned_by?: string }[] } | undefined | null;
  if (models === null) return undefined;
  const owner = models?.data?.[0]?.owned_by?.toLowerCase() ?? '';
  if (owner.includes('llamacpp') || owner.includes('llama.cpp')) return 'llama.cpp';
  if (!owner.includes('vllm')) return 'openai';
  // vLLM serves its version beside /v1, at the server's root.
  const version = (await getJson(new URL('/version', baseUrl).href, headers)) as { version?: string } | undefined;
  return version?.version && olderThan(version.version, VLLM_STRUCTURED_OUTPUTS) ? 'vllm-legacy' : 'vllm';
}

/** The answer's JSON; undefined for a client error or no JSON (the server said no); null when nobody answered. */
async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(DETECT_TIMEOUT_MS) });
  } catch {
    return null;
  }
  if (response.status >= 500) return null;
  return response.ok ? await response.json().catch(() => undefined) : undefined;
}

function olderThan(version: string, [major, minor]: number[]): boolean {
  const [a = 0, b = 0] = version.split('.').map(part => Number.parseInt(part, 10));
  return a < major! || (a === major && b < minor!);
}
