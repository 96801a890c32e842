import { isObject, OpenApiError, pointerOf } from './pointer.ts';

/** $ref hops followed for one value before the document is refused (a chain this long is a cycle or an attack). */
export const MAX_REF_HOPS = 32;

function lookUp(document: unknown, ref: string, at: string): unknown {
  if (!ref.startsWith('#/') && ref !== '#')
    throw new OpenApiError(at, `$ref '${ref.slice(0, 200)}' is not local (#/…): other files are not fetched`);
  if (ref === '#') return document;
  let value: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    let key = token;
    try {
      key = decodeURIComponent(token);
    } catch {
      // kept as written
    }
    if (!isObject(value) && !Array.isArray(value))
      throw new OpenApiError(at, `$ref '${ref.slice(0, 200)}' points to nothing`);
    if (!Object.hasOwn(value, key)) throw new OpenApiError(at, `$ref '${ref.slice(0, 200)}' points to nothing`);
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The value at `tokens`, its `$ref`s followed (local ones only), with the pointer of where it really
 * is. A cycle, or more than MAX_REF_HOPS hops, is refused with the pointer where it starts.
 */
export function resolve(
  document: unknown,
  value: unknown,
  tokens: readonly (string | number)[],
): { value: unknown; at: string } {
  let at = pointerOf(tokens);
  const start = at;
  const seen = new Set<string>();
  let current = value;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new OpenApiError(start, `$ref cycle through '${ref.slice(0, 200)}'`);
    if (seen.size >= MAX_REF_HOPS) throw new OpenApiError(start, `more than ${MAX_REF_HOPS} $ref hops`);
    seen.add(ref);
    current = lookUp(document, ref, at);
    at = ref.slice(1);
  }
  return { value: current, at };
}
