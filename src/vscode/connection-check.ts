// What the endpoint can do, asked the way the completions will ask: GET /models, then one tiny completion
// with the `suffix` field, then the same streamed. No vscode here: the unit tests run it against the real
// local OpenAI-protocol server.

/** Short: this runs at setup, and a server that needs longer for one token will not serve completions either. */
const PROBE_TIMEOUT_MS = 5000;
/** A probe needs to see that generation works, not a useful answer. */
const PROBE_MAX_TOKENS = 4;

export interface ConnectionProblem {
  /** The same codes as failed completions (ModelError), so one problem is announced once, whoever found it. */
  readonly code: 'unreachable' | 'unauthorized' | 'forbidden' | 'not-found' | 'server-error' | 'bad-response' | 'timeout';
  readonly message: string;
}

export interface ConnectionReport {
  readonly endpoint: string;
  /** The server's model ids, or the problem that kept us from listing them. */
  readonly models: readonly string[] | ConnectionProblem;
  /** Only probed once a model is known. Undefined: not probed. */
  readonly fim?: true | ConnectionProblem;
  readonly streaming?: true | ConnectionProblem;
}

export function isProblem(value: unknown): value is ConnectionProblem {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Lists the endpoint's models: the quick first-run check, and the first step of "Test Connection". */
export async function listModels(endpoint: string, apiKey: string | undefined): Promise<readonly string[] | ConnectionProblem> {
  const answer = await request(endpoint, 'GET', '/models', apiKey);
  if (isProblem(answer)) return answer;
  const data = (answer.json as { data?: { id?: unknown }[] } | undefined)?.data;
  if (!Array.isArray(data)) return { code: 'bad-response', message: `${endpoint}/models did not answer with a model list. Check that the endpoint speaks the OpenAI API (it usually ends in /v1).` };
  return data.map(m => m.id).filter((id): id is string => typeof id === 'string');
}

/** Asks for a few tokens with the `suffix` field, once whole and once streamed. */
export async function probeModel(endpoint: string, apiKey: string | undefined, model: string): Promise<Pick<ConnectionReport, 'fim' | 'streaming'>> {
  const body = { model, prompt: 'def add(a, b):\n    return ', suffix: '\n', max_tokens: PROBE_MAX_TOKENS, temperature: 0 };
  const whole = await request(endpoint, 'POST', '/completions', apiKey, body);
  const fim = isProblem(whole) ? whole : hasChoices(whole.json) ? true : { code: 'bad-response' as const, message: 'the answer had no completion in it' };
  const streamed = await request(endpoint, 'POST', '/completions', apiKey, { ...body, stream: true });
  const streaming = isProblem(streamed) ? streamed : streamed.text.includes('data:') ? true : { code: 'bad-response' as const, message: 'the server answered in one piece instead of streaming' };
  return { fim, streaming };
}

/** The report in plain words, one line per finding. */
export function describeReport(report: ConnectionReport, model: string): string[] {
  if (isProblem(report.models)) return [report.models.message];
  const served = report.models.includes(model);
  const lines = [
    `${report.endpoint} answers and serves ${report.models.length} model${report.models.length === 1 ? '' : 's'}.`,
    served || report.models.length === 0 ? `Model '${model}'${served ? ' is served.' : ': the server lists no models, so it cannot be checked.'}` : `Model '${model}' is not among them: pick one with "Test Connection".`,
  ];
  if (report.fim !== undefined) lines.push(report.fim === true ? 'Fill-in-the-middle with the `suffix` field works.' : `Fill-in-the-middle with the \`suffix\` field failed: ${report.fim.message}`);
  if (report.streaming !== undefined) lines.push(report.streaming === true ? 'Streaming works.' : `Streaming failed: ${report.streaming.message}`);
  return lines;
}

function hasChoices(json: unknown): boolean {
  return Array.isArray((json as { choices?: unknown } | undefined)?.choices);
}

async function request(endpoint: string, method: 'GET' | 'POST', route: string, apiKey: string | undefined, body?: object): Promise<{ json: unknown; text: string } | ConnectionProblem> {
  const url = `${endpoint.replace(/\/+$/, '')}${route}`;
  if (!/^https?:\/\//.test(endpoint)) return { code: 'bad-response', message: `The endpoint '${endpoint}' is not a URL. Set Settings › Codebase Context › Endpoint to e.g. http://localhost:8080/v1.` };
  const headers: Record<string, string> = { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body && JSON.stringify(body), signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { code: 'timeout', message: `${url} did not answer within ${PROBE_TIMEOUT_MS} ms. Check that the model server is running and not overloaded.` };
    return { code: 'unreachable', message: `Cannot reach the model endpoint ${endpoint}. Start the model server, or fix the endpoint in Settings › Codebase Context › Endpoint.` };
  }
  const text = await response.text();
  if (response.ok) return { json: parseJson(text), text };
  return problemFor(response.status, endpoint, url, Boolean(apiKey));
}

function problemFor(status: number, endpoint: string, url: string, hasKey: boolean): ConnectionProblem {
  if (status === 401) return { code: 'unauthorized', message: `The endpoint ${endpoint} ${hasKey ? 'refused the API key' : 'requires an API key'} (401). Run 'Codebase Context: Set API Key'.` };
  if (status === 403) return { code: 'forbidden', message: `The endpoint ${endpoint} denies access (403). Check what your API key may use.` };
  if (status === 404) return { code: 'not-found', message: `${url} does not exist (404). Check the endpoint: it usually ends in /v1.` };
  if (status >= 500) return { code: 'server-error', message: `The model server at ${endpoint} failed (${status}). Check the server's log.` };
  return { code: 'bad-response', message: `${url} rejected the request (${status}).` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
