/**
 * The page origin as a browser serialises it: `http://a.example` from `http://a.example/` or
 * `HTTP://A.example:80`, or 'null'. Undefined when it is neither an http(s) URL nor 'null'.
 */
export function parseOrigin(value: string): string | undefined {
  if (value === 'null') return 'null';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin;
}

/** HTML "same origin": an opaque ('null') origin is same origin with nothing here. */
export function isSameOrigin(origin: string, url: URL): boolean {
  return origin !== 'null' && origin === url.origin;
}
