import { CATALOGUE } from './catalogue.ts';
import { evidenceOf, type Exchange } from './exchange.ts';
import { fingerprintOf } from './fingerprint.ts';
import { SEVERITIES, type Finding, type FindingId, type Severity } from './types.ts';

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

export interface Observation {
  readonly id: FindingId;
  readonly exchange: Exchange;
  /** The server allowed credentials for the probing origin (raises the severity where the table says so). */
  readonly credentials?: boolean;
  readonly origin?: string;
  /** Replace the catalogue's title, why or fix when the observation knows better (e.g. the simulator's). */
  readonly title?: string;
  readonly why?: string;
  readonly fix?: string;
  /** What, besides id and URL, makes this finding a different one (the origins it lists), for its fingerprint. */
  readonly fingerprintKey?: string;
}

/** Keeps each finding id once per URL, with the strongest evidence (highest severity, then first seen). */
export class FindingCollector {
  readonly #findings = new Map<FindingId, Omit<Finding, 'fingerprint'>>();
  readonly #keys = new Map<FindingId, string>();

  /** `withSession`: the audit sent -H or --cookie, so each finding says whether its probe carried them. */
  constructor(
    readonly url: string,
    readonly withSession = false,
  ) {}

  add(observation: Observation): void {
    const text = CATALOGUE[observation.id];
    const severity = observation.credentials ? text.severity.credentials : text.severity.plain;
    const current = this.#findings.get(observation.id);
    if (current !== undefined && rank(current.severity) <= rank(severity)) return;
    if (observation.fingerprintKey === undefined) this.#keys.delete(observation.id);
    else this.#keys.set(observation.id, observation.fingerprintKey);
    this.#findings.set(observation.id, {
      id: observation.id,
      severity,
      url: this.url,
      title: observation.title ?? text.title,
      ...(observation.origin === undefined ? {} : { origin: observation.origin }),
      evidence: evidenceOf(observation.exchange),
      ...(this.withSession ? { authenticated: observation.exchange.authenticated === true } : {}),
      why: observation.why ?? text.why,
      fix: observation.fix ?? text.fix,
    });
  }

  has(id: FindingId): boolean {
    return this.#findings.has(id);
  }

  /** Worst first; ties in the catalogue's order. */
  async findings(): Promise<Finding[]> {
    const order = Object.keys(CATALOGUE);
    const sorted = [...this.#findings.values()].sort(
      (a, b) => rank(a.severity) - rank(b.severity) || order.indexOf(a.id) - order.indexOf(b.id),
    );
    return Promise.all(
      sorted.map(async (finding) => ({
        ...finding,
        fingerprint: await fingerprintOf(finding.id, finding.url, this.#keys.get(finding.id)),
      })),
    );
  }
}
