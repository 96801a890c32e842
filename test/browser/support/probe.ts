// The in-page side of every browser test: a script served to each page (and to sandboxed frames)
// that runs batches of fetches and reports, per request, what script could see: a response
// (status, the headers it may read, body) or a network error (a CORS failure is a TypeError whose
// text differs per engine, so no test reads it); it also submits HTML forms. Written as plain JavaScript text so
// no TypeScript helper can leak into the page.

export interface ProbeRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** How `body` is sent: as a string (default), as FormData fields, or as URLSearchParams. */
  readonly bodyType?: 'text' | 'form-data' | 'url-search-params';
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  readonly mode?: 'cors' | 'no-cors' | 'same-origin';
  readonly cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache';
  /** Response header names to try `headers.get()` on. */
  readonly read?: readonly string[];
}

export type ProbeResult =
  | {
      readonly kind: 'response';
      readonly type: string;
      readonly status: number;
      readonly headers: Readonly<Record<string, string | null>>;
      readonly body: string;
      readonly redirected: boolean;
    }
  | { readonly kind: 'network-error'; readonly message: string };

export const PROBE_SCRIPT = `
window.corsProbe = async function (sequences, concurrency) {
  const results = new Array(sequences.length);
  let next = 0;
  async function worker() {
    while (next < sequences.length) {
      const index = next++;
      const outcomes = [];
      for (const request of sequences[index]) outcomes.push(await probeOne(request));
      results[index] = outcomes;
    }
  }
  const workers = [];
  for (let i = 0; i < Math.min(concurrency, sequences.length); i++) workers.push(worker());
  await Promise.all(workers);
  return results;
};
window.submitForms = function (forms) {
  for (const spec of forms) {
    const frame = document.createElement('iframe');
    frame.name = spec.target;
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = spec.method;
    form.action = spec.action;
    form.target = spec.target;
    for (const [name, value] of spec.fields) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }
  return null;
};
function probeBody(request) {
  if (request.bodyType === 'form-data') {
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(request.body)) form.append(name, value);
    return form;
  }
  if (request.bodyType === 'url-search-params') return new URLSearchParams(request.body);
  return request.body;
}
async function probeOne(request) {
  const init = {
    method: request.method || 'GET',
    headers: request.headers || {},
    credentials: request.credentials || 'same-origin',
    mode: request.mode || 'cors',
    cache: request.cache || 'default',
    signal: AbortSignal.timeout(15000),
  };
  if (request.body !== undefined) init.body = probeBody(request);
  try {
    const response = await fetch(request.url, init);
    const body = await response.text();
    const headers = {};
    for (const name of request.read || []) headers[name] = response.headers.get(name);
    return { kind: 'response', type: response.type, status: response.status, headers, body, redirected: response.redirected };
  } catch (error) {
    return { kind: 'network-error', message: String(error) };
  }
}
`;

/** An HTML form the page submits into its own new iframe (named `target`), as a cross-site attacker page would. */
export interface FormSubmission {
  readonly action: string;
  readonly method: 'GET' | 'POST';
  readonly target: string;
  readonly fields: ReadonlyArray<readonly [string, string]>;
}
