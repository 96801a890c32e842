/**
 * The URL meant by one typed without its scheme ('127.0.0.1:7005', 'localhost:3000/items',
 * 'api.example.com/me'): http:// for an IP address or localhost, https:// for a name. Undefined when the
 * input has a scheme:// or does not name a host (one word without a dot, such as 'not-a-url').
 */
export function schemeSuggestion(input: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) || /^\/|@/.test(input)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${input}`);
  } catch {
    return undefined;
  }
  const host = url.hostname;
  const local = /^[0-9.]+$/.test(host) || host.startsWith('[') || host === 'localhost' || host.endsWith('.localhost');
  if (!local && !host.includes('.')) return undefined;
  return `${local ? 'http' : 'https'}://${input}`;
}

/** Why `input` is not a URL the audit or check can use, in one clause, with the likely fix. */
export function urlProblem(input: string): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(input);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) return undefined;
  const suggestion = schemeSuggestion(input);
  if (suggestion !== undefined) return `'${input}' has no scheme: did you mean ${suggestion}?`;
  if (url !== undefined) return `'${input}' uses ${url.protocol}, not http: or https:`;
  return `'${input}' is not a URL: give an absolute http(s) URL, e.g. https://api.example.com/items`;
}
