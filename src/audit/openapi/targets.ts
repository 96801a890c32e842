// The URLs and methods an OpenAPI 3.0 or 3.1 document describes, bounded against hostile documents.
import { pathParameters } from './params.ts';
import { isObject, OpenApiError, pointerOf } from './pointer.ts';
import { resolve } from './refs.ts';

/** Most URLs (paths × servers) one document may describe. */
export const MAX_URLS = 5_000;
/** Most servers one document may list. */
export const MAX_SERVERS = 50;
/** Longest URL built from a server and a path. */
export const MAX_URL_LENGTH = 4_096;

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OpenApiTarget {
  readonly url: string;
  /** The methods of the path's operations, upper-case (`DELETE`). */
  readonly methods: readonly string[];
}

/** A server's URL with its `{variables}` replaced by their defaults. */
function serverUrl(document: unknown, raw: unknown, index: number): string {
  const { value: server, at } = resolve(document, raw, ['servers', index]);
  if (!isObject(server) || typeof server.url !== 'string') throw new OpenApiError(at, 'a server without a url');
  const variables = isObject(server.variables) ? server.variables : {};
  const filled = server.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const variable = variables[name];
    if (!isObject(variable) || typeof variable.default !== 'string')
      throw new OpenApiError(`${at}/variables${pointerOf([name])}`, `server variable '${name}' has no default`);
    return variable.default;
  });
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    throw new OpenApiError(
      `${at}/url`,
      /^[a-z][a-z0-9+.-]*:/i.test(filled)
        ? `'${filled.slice(0, 200)}' is not a URL`
        : `relative server URL '${filled.slice(0, 200)}': give the API's base URL as an argument (corsguard audit https://api.example.com/v1 --openapi FILE)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OpenApiError(`${at}/url`, `'${filled.slice(0, 200)}' is not an http(s) URL`);
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/$/, '');
}

/** The document's servers (its default, `/`, is relative: a base URL must then be given). */
function serversOf(document: Record<string, unknown>): string[] {
  const raw = document.servers;
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0))
    throw new OpenApiError(
      '/servers',
      "no servers: give the API's base URL as an argument (corsguard audit https://api.example.com/v1 --openapi FILE)",
    );
  if (!Array.isArray(raw)) throw new OpenApiError('/servers', 'servers is not an array');
  if (raw.length > MAX_SERVERS) throw new OpenApiError('/servers', `${raw.length} servers, more than ${MAX_SERVERS}`);
  return [...new Set(raw.map((server, index) => serverUrl(document, server, index)))];
}

function versionOf(document: Record<string, unknown>): void {
  const version = document.openapi;
  if (typeof version === 'string' && /^3\.[01]\.\d+/.test(version)) return;
  if (typeof document.swagger === 'string')
    throw new OpenApiError(
      '/swagger',
      `Swagger ${document.swagger.slice(0, 20)} is not OpenAPI 3.0 or 3.1: convert it first (e.g. with swagger2openapi)`,
    );
  throw new OpenApiError(
    '/openapi',
    `${typeof version === 'string' ? `'${version.slice(0, 20)}'` : 'no version'}: only OpenAPI 3.0 and 3.1 documents are read`,
  );
}

/**
 * Every path of every server, with path parameters filled from examples (or placeholders), and
 * each path's operation methods. `override`: base URLs used instead of the document's servers.
 * Throws OpenApiError with the JSON pointer of the first problem.
 */
export function openApiTargets(document: unknown, override: readonly string[] = []): OpenApiTarget[] {
  if (!isObject(document)) throw new OpenApiError('', 'not an OpenAPI document (a JSON object)');
  versionOf(document);
  const paths = document.paths;
  if (!isObject(paths))
    throw new OpenApiError('/paths', document.paths === undefined ? 'no paths' : 'paths is not an object');
  const servers = override.length > 0 ? override.map((url) => url.replace(/\/$/, '')) : serversOf(document);
  const templates = Object.keys(paths);
  if (templates.length * servers.length > MAX_URLS) {
    throw new OpenApiError(
      '/paths',
      `${templates.length} paths × ${servers.length} servers = ${templates.length * servers.length} URLs, more than ${MAX_URLS}: split the document`,
    );
  }
  const targets = new Map<string, Set<string>>();
  for (const template of templates) {
    const { value: item, at } = resolve(document, paths[template], ['paths', template]);
    if (!template.startsWith('/')) throw new OpenApiError(pointerOf(['paths', template]), 'a path must start with /');
    if (!isObject(item)) throw new OpenApiError(at, 'a path item is not an object');
    const operations = OPERATIONS.filter((method) => isObject(item[method]));
    if (operations.length === 0) continue;
    const values = pathParameters(document, [
      { list: item.parameters, tokens: ['paths', template, 'parameters'] },
      ...operations.map((method) => ({
        list: (item[method] as Record<string, unknown>).parameters,
        tokens: ['paths', template, method, 'parameters'],
      })),
    ]);
    const path = template.replace(/\{([^}]*)\}/g, (_, name: string) =>
      encodeURIComponent(values.get(name) ?? 'corsguard'),
    );
    for (const server of servers) {
      const url = `${server}${path}`;
      if (url.length > MAX_URL_LENGTH)
        throw new OpenApiError(
          pointerOf(['paths', template]),
          `the URL is ${url.length} characters, more than ${MAX_URL_LENGTH}`,
        );
      const methods = targets.get(url) ?? new Set<string>();
      for (const method of operations) methods.add(method.toUpperCase());
      targets.set(url, methods);
    }
  }
  return [...targets].map(([url, methods]) => ({ url, methods: [...methods] }));
}
