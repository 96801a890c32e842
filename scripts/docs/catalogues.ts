// Every code the documentation has a page for, read from the code's own catalogues.
import { CATALOGUE } from '../../src/audit/catalogue.ts';
import { CONFIG_ISSUE_CODES } from '../../src/core/errors.ts';
import type { DocsKind } from '../../src/core/docs-url.ts';
import { unionLiterals } from './ts-source.ts';

/** The codes of each kind, in their catalogue's order. */
export function catalogueCodes(): Record<DocsKind, readonly string[]> {
  return {
    config: [...CONFIG_ISSUE_CODES],
    decision: unionLiterals('src/core/reasons.ts', 'ReasonCode'),
    audit: Object.keys(CATALOGUE),
    simulate: unionLiterals('src/simulate/reasons/codes.ts', 'SimulationReason'),
    gateway: unionLiterals('src/proxy/problem.ts', 'ProblemCode'),
  };
}

export const KIND_TITLES: Record<DocsKind, { readonly title: string; readonly one: string; readonly source: string }> =
  {
    config: {
      title: 'Configuration issues',
      one: 'Configuration issue',
      source: '`CorsConfigError` `issues[].code` (src/core/errors.ts)',
    },
    decision: {
      title: 'Engine decisions',
      one: 'Engine decision',
      source: 'the `reason` of a decision and of a `debug` event (src/core/reasons.ts)',
    },
    audit: {
      title: 'Audit findings',
      one: 'Audit finding',
      source: '`corsguard audit` finding `id` (src/audit/catalogue.ts)',
    },
    simulate: {
      title: 'Simulator reasons',
      one: 'Simulator reason',
      source: '`simulateFetch` / `corsguard check` `reason` (src/simulate/reasons/codes.ts)',
    },
    gateway: {
      title: 'Gateway problems',
      one: 'Gateway problem',
      source: '`corsguard proxy` problem `code` (src/proxy/problem.ts)',
    },
  };
