// A slice of the browser suites through each generated front: a page on one origin calling the
// API behind the front on another, in every engine installed. Each outcome (what script could see,
// or a network error) must be the one the same page gets through corsguard/node with the same policy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CorsOptions } from '../../src/index.ts';
import { openSession, type BrowserSession, type OriginKey } from '../browser/support/browser-session.ts';
import { ENGINE_NAMES, ENGINES } from '../browser/support/driver.ts';
import type { ProbeRequest, ProbeResult } from '../browser/support/probe.ts';
import type { RunningServer } from '../support/servers.ts';
import { frontServerUnavailable } from './support/binaries.ts';
import { startFront, type RunningFront } from './support/front.ts';
import { startReference, startUpstream } from './support/upstream.ts';
import { TESTED_TARGETS } from './targets.ts';

interface Scenario {
  readonly rule: string;
  readonly from: OriginKey;
  readonly request: Omit<ProbeRequest, 'url'> & { readonly path: string };
  /** What the page sees through either server: a checked expectation, so two broken servers fail. */
  readonly outcome: 'response' | 'network-error';
}

const scenarios: Scenario[] = [
  {
    rule: 'an allowed page reads a credentialed GET and its exposed header',
    from: 'A',
    request: { path: '/resource', credentials: 'include', read: ['x-handler'] },
    outcome: 'response',
  },
  {
    rule: 'a preflighted PUT with an allowed header',
    from: 'A',
    request: { path: '/resource', method: 'PUT', headers: { 'x-api-key': '1' }, body: 'x', read: ['x-handler'] },
    outcome: 'response',
  },
  {
    rule: 'a preflight asking for a header not allowed fails',
    from: 'A',
    request: { path: '/resource', method: 'PUT', headers: { 'x-secret': '1' }, body: 'x' },
    outcome: 'network-error',
  },
  {
    rule: 'a method not allowed fails',
    from: 'A',
    request: { path: '/resource', method: 'DELETE' },
    outcome: 'network-error',
  },
  {
    rule: "the upstream's 500 is readable, not a CORS error",
    from: 'A',
    request: { path: '/status/500', credentials: 'include' },
    outcome: 'response',
  },
  { rule: 'another site cannot read', from: 'X', request: { path: '/resource' }, outcome: 'network-error' },
  {
    rule: 'another port of the same host cannot read',
    from: 'A2',
    request: { path: '/resource' },
    outcome: 'network-error',
  },
];

/** What a test compares: the outcome and, for a response, what script could read. */
function seen(result: ProbeResult): unknown {
  return result.kind === 'network-error'
    ? 'network-error'
    : { status: result.status, headers: result.headers, body: result.body };
}

for (const engine of ENGINE_NAMES) {
  for (const target of TESTED_TARGETS) {
    const skip = ENGINES[engine].unavailable() ?? frontServerUnavailable(target);
    describe(`export ${target} in ${engine}: the page sees what it sees through corsguard/node`, { skip }, () => {
      let session: BrowserSession;
      let upstream: RunningServer;
      let reference: RunningServer;
      let front: RunningFront;
      before(async () => {
        session = await openSession(engine);
        const policy: CorsOptions = {
          origin: [session.origins.A],
          methods: ['PUT'],
          allowedHeaders: ['X-Api-Key'],
          exposedHeaders: ['X-Handler'],
          credentials: true,
        };
        upstream = await startUpstream();
        reference = await startReference(policy);
        front = await startFront(target, { upstream: upstream.url, cors: policy });
      });
      after(async () => {
        await front?.close();
        await reference?.close();
        await upstream?.close();
        await session?.close();
      });
      for (const scenario of scenarios) {
        test(scenario.rule, async () => {
          // The API on another site than the pages: api.localhost resolves to loopback.
          const url = (base: string) => `${base.replace('127.0.0.1', 'api.localhost')}${scenario.request.path}`;
          const [throughFront, throughNode] = await session.probeFrom(scenario.from, [
            { ...scenario.request, url: url(front.url) },
            { ...scenario.request, url: url(reference.url) },
          ]);
          assert.equal(throughNode!.kind, scenario.outcome, 'through corsguard/node');
          assert.deepEqual(seen(throughFront!), seen(throughNode!));
        });
      }
    });
  }
}
