// The cors options no target can carry, each refused with what to do instead (never approximated).
import type { ExportIssue } from './errors.ts';
import { translateRegExp } from './js-regexp.ts';
import type { ExportSettings, ExportTarget } from './settings.ts';

export const GATEWAY = 'run `corsguard proxy` with these settings instead (the Node gateway runs the engine itself)';
/** Path characters every target's configuration takes as they are (no $ ; ' or quote). */
export const SAFE_PATH = /^[A-Za-z0-9/._~!&()*+,=:@%-]+$/;
/** Characters of a method or header name a target's configuration syntax would read as its own. */
const UNQUOTABLE_NAME = /[$%`'\\]/;

/** The issues one option's value raises; `path` is the option's own, e.g. `cors.methods`. */
type Refusal = (value: unknown, path: string, target: ExportTarget) => ExportIssue[];

/** Each option with what refuses it, in the order the issues are reported. */
const REFUSALS: ReadonlyArray<readonly [option: keyof ExportSettings['cors'], refuse: Refusal]> = [
  ['origin', refuseOriginPredicate],
  ['origin', refuseUntranslatableRegExps],
  ['debug', refuseDebug],
  ['methods', refuseUnquotableNames],
  ['allowedHeaders', refuseUnquotableNames],
  ['exposedHeaders', refuseUnquotableNames],
  ['csrf', refuseUnsafeExemptPaths],
];

/** Every refusal of the cors options for `target`; none when cors is not an object (validation reports that). */
export function inexpressibleCors(cors: unknown, target: ExportTarget): ExportIssue[] {
  if (cors === null || typeof cors !== 'object') return [];
  const options = cors as Record<string, unknown>;
  return REFUSALS.flatMap(([option, refuse]) => refuse(options[option], `cors.${option}`, target));
}

/** The origin RegExps translated for the target's engine (those it can read). */
export function originRegExpSources(cors: unknown): string[] {
  if (cors === null || typeof cors !== 'object') return [];
  return originEntries((cors as { origin?: unknown }).origin).flatMap(({ entry }) => {
    if (!(entry instanceof RegExp)) return [];
    const translated = translateRegExp(entry);
    return 'source' in translated ? [translated.source] : [];
  });
}

/** The origin's entries, each with its own setting path. */
function originEntries(origin: unknown, path = 'cors.origin'): { entry: unknown; path: string }[] {
  if (!Array.isArray(origin)) return [{ entry: origin, path }];
  return origin.map((entry: unknown, index) => ({ entry, path: `${path}[${index}]` }));
}

function refuseOriginPredicate(origin: unknown, path: string, target: ExportTarget): ExportIssue[] {
  if (typeof origin !== 'function') return [];
  return [
    {
      code: 'export-origin-predicate',
      path,
      message: `a function decides per request in Node; ${target} cannot run it. List the origins (exact, or patterns such as https://*.example.com), or ${GATEWAY}`,
    },
  ];
}

function refuseUntranslatableRegExps(origin: unknown, path: string, target: ExportTarget): ExportIssue[] {
  return originEntries(origin, path).flatMap(({ entry, path }) => {
    if (!(entry instanceof RegExp)) return [];
    const translated = translateRegExp(entry);
    if ('source' in translated) return [];
    return [
      {
        code: 'export-regexp-unsupported',
        path,
        message: `${String(entry)} uses ${translated.problem}, which ${target}'s regex engine does not read as JavaScript does; rewrite it without, use patterns such as https://*.example.com, or ${GATEWAY}`,
      },
    ];
  });
}

function refuseDebug(debug: unknown, path: string, target: ExportTarget): ExportIssue[] {
  if (debug === undefined || debug === false) return [];
  return [
    {
      code: 'export-debug',
      path,
      message: `${target} cannot call back into Node for each decision; remove debug (use ${target}'s own access log, or \`corsguard check\` / \`corsguard audit\` against the running front)`,
    },
  ];
}

/** For methods, allowedHeaders and exposedHeaders: a name or a list of names. */
function refuseUnquotableNames(value: unknown, path: string, target: ExportTarget): ExportIssue[] {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return names.flatMap((name: unknown, index) => {
    if (typeof name !== 'string' || !UNQUOTABLE_NAME.test(name)) return [];
    return [
      {
        code: 'export-name-unsupported',
        path: `${path}${Array.isArray(value) ? `[${index}]` : ''}`,
        message: `${JSON.stringify(name)} holds a character ($ % \` ' \\) that ${target}'s configuration would read as its own syntax; rename it, or ${GATEWAY}`,
      },
    ];
  });
}

function refuseUnsafeExemptPaths(csrf: unknown, path: string, target: ExportTarget): ExportIssue[] {
  const exemptPaths =
    csrf !== null && typeof csrf === 'object' ? (csrf as { exemptPaths?: unknown }).exemptPaths : undefined;
  if (!Array.isArray(exemptPaths)) return [];
  return exemptPaths.flatMap((exemptPath: unknown, index) => {
    if (typeof exemptPath !== 'string' || !exemptPath.startsWith('/') || SAFE_PATH.test(exemptPath)) return [];
    return [
      {
        code: 'export-path-unsupported',
        path: `${path}.exemptPaths[${index}]`,
        message: `${JSON.stringify(exemptPath)} holds characters ${target}'s configuration cannot quote safely ($ ; ' or a quote); write them percent-encoded if that is how clients send them (%24 for $), or ${GATEWAY}`,
      },
    ];
  });
}
