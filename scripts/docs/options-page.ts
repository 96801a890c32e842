// docs/reference/options.md: every CorsOptions property with its type and default (from the doc
// comments in src/core/options.ts), what validation refuses (the configuration codes whose prose
// names the option), and the Fetch standard's section; then the gateway's settings (schema.json).
import { readFileSync } from 'node:fs';
import { docsPath } from '../../src/core/docs-url.ts';
import { OPTION_NAMES } from '../../src/core/options.ts';
import { readProse } from './prose.ts';
import { interfaceProperties, typeAliases } from './ts-source.ts';

/** The section of the Fetch standard (or the draft it comes from) each option implements. */
export const SPEC_LINKS: Readonly<Record<string, string>> = {
  origin: 'https://fetch.spec.whatwg.org/#http-access-control-allow-origin',
  methods: 'https://fetch.spec.whatwg.org/#http-access-control-allow-methods',
  allowedHeaders: 'https://fetch.spec.whatwg.org/#http-access-control-allow-headers',
  exposedHeaders: 'https://fetch.spec.whatwg.org/#http-access-control-expose-headers',
  credentials: 'https://fetch.spec.whatwg.org/#http-access-control-allow-credentials',
  maxAge: 'https://fetch.spec.whatwg.org/#http-access-control-max-age',
  privateNetwork: 'https://wicg.github.io/private-network-access/#headers',
  preflightContinue: 'https://fetch.spec.whatwg.org/#cors-preflight-request',
  optionsSuccessStatus: 'https://fetch.spec.whatwg.org/#ok-status',
  csrf: 'https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header',
  debug: 'https://fetch.spec.whatwg.org/#http-cors-protocol',
  dangerouslyAllowNullOrigin: 'https://html.spec.whatwg.org/multipage/browsers.html#concept-origin-opaque',
  dangerouslyAllowInsecureOrigins: 'https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy',
  dangerouslyAllowPublicSuffixWildcards: 'https://url.spec.whatwg.org/#host-public-suffix',
  dangerouslyAllowCustomSchemeOrigins: 'https://html.spec.whatwg.org/multipage/browsers.html#concept-origin-tuple',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;');

/** "… Default: 204." → ['…', '204'] */
function splitDefault(doc: string): { text: string; fallback: string } {
  const match = /\s*Default: ([^.]*(?:\.\d[^.]*)?)\.?\s*$/.exec(doc);
  return match ? { text: doc.slice(0, match.index).trim(), fallback: match[1]! } : { text: doc, fallback: '' };
}

/** The configuration codes whose prose names each option, in catalogue order. */
export function codesByOption(): Map<string, string[]> {
  const byOption = new Map<string, string[]>();
  for (const prose of readProse('config').values()) {
    const option = prose.fields.option ?? '';
    byOption.set(option, [...(byOption.get(option) ?? []), prose.code]);
  }
  return byOption;
}

function corsOptionsSection(): string[] {
  const properties = interfaceProperties('src/core/options.ts', 'CorsOptions');
  const missing = OPTION_NAMES.filter((name) => !properties.some((property) => property.name === name));
  if (missing.length > 0) throw new Error(`CorsOptions has no doc for ${missing.join(', ')}`);
  const codes = codesByOption();
  const aliases = typeAliases('src/core/options.ts');
  /** The aliases a type names, spelt out: `OriginOption<Req>` is `'*' | OriginEntry | …`. */
  const spelt = (type: string, seen = new Set<string>()): string[] =>
    [...aliases]
      .filter(([name]) => !seen.has(name) && new RegExp(`\\b${name}\\b`).test(type))
      .flatMap(([name, text]) => {
        seen.add(name);
        return [`\`${name}\` is \`${text}\``, ...spelt(text, seen)];
      });
  const out = [
    '## Middleware options',
    '',
    'Every adapter (`corsguard/express`, `/fastify`, `/koa`, `/hono`, `/fetch`, `/next`, `/node`) and `createCors` take these. Invalid options throw one `CorsConfigError` listing every issue.',
    '',
  ];
  for (const property of properties) {
    const { text, fallback } = splitDefault(property.doc);
    out.push(`### ${property.name}`, '');
    const type = property.type.replace(/\s+/g, ' ');
    const where = spelt(type);
    out.push(`- **Type:** \`${type}\`${where.length > 0 ? `, where ${where.join('; ')}` : ''}`);
    out.push(`- **Default:** ${property.optional ? (fallback ? cell(fallback) : '`false`') : '**required**'}`);
    out.push(`- **Spec:** ${SPEC_LINKS[property.name] ?? ''}`);
    const refused = codes.get(property.name) ?? [];
    if (refused.length > 0)
      out.push(`- **Refused:** ${refused.map((code) => `[\`${code}\`](/${docsPath('config', code)})`).join(', ')}`);
    out.push('', cell(text), '');
  }
  const general = codes.get('(the options object)') ?? [];
  out.push(
    '### Any option',
    '',
    `Refused for the options object as a whole: ${general.map((code) => `[\`${code}\`](/${docsPath('config', code)})`).join(', ')}.`,
    '',
  );
  return out;
}

interface SchemaProperty {
  readonly description?: string;
  readonly type?: string;
  readonly $ref?: string;
  readonly oneOf?: readonly SchemaProperty[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly items?: SchemaProperty;
}

function schemaType(property: SchemaProperty): string {
  if (property.$ref)
    return property.$ref.endsWith('stringOrList') ? 'string or string[]' : `object (${property.$ref.split('/').pop()})`;
  if (property.oneOf) return property.oneOf.map(schemaType).join(' or ');
  if (property.type === 'array') return `${property.items?.type ?? 'any'}[]`;
  const range = property.minimum !== undefined ? ` ${property.minimum}–${property.maximum}` : '';
  return `${property.type ?? 'any'}${range}`;
}

function gatewaySection(): string[] {
  const schema = JSON.parse(readFileSync(new URL('../../schema.json', import.meta.url), 'utf8')) as {
    required: string[];
    properties: Record<string, SchemaProperty>;
    $defs: { cors: { properties: Record<string, SchemaProperty> } };
  };
  const out = [
    '## Gateway settings',
    '',
    '`corsguard proxy --config settings.json` and `corsguard export` read these (`schema.json`, shipped in the package as `corsguard/schema.json`); each has a flag of the same meaning ([command line](/reference/cli#corsguard-proxy)), and flags override the file.',
    '',
  ];
  out.push('| setting | type | description |', '|---|---|---|');
  for (const [name, property] of Object.entries(schema.properties)) {
    if (name === '$schema') continue;
    out.push(
      `| \`${name}\`${schema.required.includes(name) ? ' (required)' : ''} | ${cell(schemaType(property))} | ${cell(name === 'cors' ? 'The middleware options above, except those that take functions or RegExps.' : (property.description ?? ''))} |`,
    );
  }
  out.push('', '`cors` holds:', '', '| key | type | description |', '|---|---|---|');
  for (const [name, property] of Object.entries(schema.$defs.cors.properties)) {
    out.push(
      `| [\`${name}\`](#${name.toLowerCase()}) | ${cell(schemaType(property))} | ${cell(property.description ?? '')} |`,
    );
  }
  return [...out, ''];
}

export function optionsPage(): string {
  return [
    '# Options',
    '',
    '<!-- Generated by scripts/docs/options-page.ts from src/core/options.ts, docs/codes/prose/config.md and schema.json. -->',
    '',
    ...corsOptionsSection(),
    ...gatewaySection(),
    // The hand-written detail (docs/parts/options-notes.md), included by VitePress.
    '<!--@include: ../parts/options-notes.md-->',
    '',
  ].join('\n');
}
