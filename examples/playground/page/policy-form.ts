// The policy editor's model: the form's fields to a policy and back, validation with the engine's
// own CorsConfigError, and merging a simulator fix into the policy.
import { createCors } from '../../../src/core/cors.ts';
import { CorsConfigError, type ConfigIssue } from '../../../src/core/errors.ts';
import { OPTION_NAMES } from '../../../src/core/options.ts';
import type { FixOptions } from '../../../src/simulate/index.ts';
import type { PolicyJson } from '../wire.ts';
import { splitList } from './state.ts';

/** The form's values, as the inputs hold them. */
export interface PolicyFields {
  originMode: 'list' | 'any';
  origins: string;
  methods: string;
  allowedHeaders: string;
  exposedHeaders: string;
  credentials: boolean;
  maxAge: string;
  privateNetwork: boolean;
  preflightContinue: boolean;
  optionsSuccessStatus: string;
  csrf: boolean;
  csrfExemptPaths: string;
  debug: boolean;
  dangerouslyAllowNullOrigin: boolean;
  dangerouslyAllowInsecureOrigins: boolean;
  dangerouslyAllowPublicSuffixWildcards: boolean;
}

export const BOOLEAN_OPTIONS = [
  'credentials',
  'privateNetwork',
  'preflightContinue',
  'debug',
  'dangerouslyAllowNullOrigin',
  'dangerouslyAllowInsecureOrigins',
  'dangerouslyAllowPublicSuffixWildcards',
] as const;

const LIST_OPTIONS = ['methods', 'allowedHeaders', 'exposedHeaders'] as const;
const NUMBER_OPTIONS = ['maxAge', 'optionsSuccessStatus'] as const;

/** The policy the form describes; options the form cannot show (unknown names) are kept from `previous`. */
export function policyFromFields(fields: PolicyFields, previous: PolicyJson): PolicyJson {
  const policy: PolicyJson = {};
  policy.origin = fields.originMode === 'any' ? '*' : splitLines(fields.origins);
  for (const name of LIST_OPTIONS) {
    const items = splitList(fields[name]);
    if (items.length > 0) policy[name] = items.length === 1 && items[0] === '*' ? '*' : items;
  }
  for (const name of NUMBER_OPTIONS) {
    const text = fields[name].trim();
    // Not a number: kept as text so that validation names the field.
    if (text !== '') policy[name] = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }
  if (fields.csrf) {
    const exemptPaths = splitList(fields.csrfExemptPaths);
    policy.csrf = exemptPaths.length > 0 ? { exemptPaths } : true;
  }
  for (const name of BOOLEAN_OPTIONS) if (fields[name]) policy[name] = true;
  for (const [name, value] of Object.entries(previous)) if (!OPTION_NAMES.includes(name)) policy[name] = value;
  return ordered(policy);
}

/** The form's values for a policy (what it cannot show stays in the JSON view). */
export function fieldsFromPolicy(policy: PolicyJson): PolicyFields {
  const origin = policy.origin;
  const csrf = policy.csrf;
  const exempt =
    typeof csrf === 'object' && csrf !== null ? (csrf as { exemptPaths?: unknown }).exemptPaths : undefined;
  return {
    originMode: origin === '*' ? 'any' : 'list',
    origins:
      origin === '*'
        ? ''
        : (Array.isArray(origin) ? origin : origin === undefined ? [] : [origin]).map(String).join('\n'),
    methods: listText(policy.methods),
    allowedHeaders: listText(policy.allowedHeaders),
    exposedHeaders: listText(policy.exposedHeaders),
    maxAge: policy.maxAge === undefined ? '' : String(policy.maxAge),
    optionsSuccessStatus: policy.optionsSuccessStatus === undefined ? '' : String(policy.optionsSuccessStatus),
    csrf: csrf !== undefined && csrf !== false,
    csrfExemptPaths: Array.isArray(exempt) ? exempt.join(', ') : '',
    credentials: policy.credentials === true,
    privateNetwork: policy.privateNetwork === true,
    preflightContinue: policy.preflightContinue === true,
    debug: policy.debug === true,
    dangerouslyAllowNullOrigin: policy.dangerouslyAllowNullOrigin === true,
    dangerouslyAllowInsecureOrigins: policy.dangerouslyAllowInsecureOrigins === true,
    dangerouslyAllowPublicSuffixWildcards: policy.dangerouslyAllowPublicSuffixWildcards === true,
  };
}

/** Every problem the engine finds in the policy (empty when it is valid). */
export function validatePolicy(policy: unknown): readonly ConfigIssue[] {
  try {
    createCors(policy as never);
    return [];
  } catch (error) {
    if (error instanceof CorsConfigError) return error.issues;
    throw error;
  }
}

/** The option an issue is about: `origin[2]` → `origin`, `csrf.exemptPaths[0]` → `csrf`; '' for the whole object. */
export function optionOf(issue: ConfigIssue): string {
  return /^[^.[]*/.exec(issue.path)?.[0] ?? '';
}

/**
 * The policy with a simulator fix merged in: list options gain the fix's entries (`origin: '*'` is
 * replaced, since '*' cannot stand in an origin list), any other option (`credentials: true`, `csrf: true`) is set.
 */
export function mergeFix(policy: PolicyJson, fix: FixOptions | PolicyJson): PolicyJson {
  const merged: PolicyJson = { ...policy };
  for (const [name, entries] of Object.entries(fix)) {
    if (!Array.isArray(entries)) {
      merged[name] = entries;
      continue;
    }
    const current = policy[name];
    const existing =
      current === undefined || (current === '*' && name === 'origin')
        ? []
        : Array.isArray(current)
          ? current
          : [current];
    merged[name] = [...existing, ...entries.filter((entry: unknown) => !existing.includes(entry))];
  }
  return ordered(merged);
}

function ordered(policy: PolicyJson): PolicyJson {
  const known = OPTION_NAMES.filter((name) => name in policy).map((name) => [name, policy[name]] as const);
  const unknown = Object.entries(policy).filter(([name]) => !OPTION_NAMES.includes(name));
  return Object.fromEntries([...known, ...unknown]);
}

function listText(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
