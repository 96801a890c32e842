// csrf.exemptPaths on absolute-form request targets (`POST http://host/saml/acs HTTP/1.1`, as sent
// to a forward proxy and accepted by every server here): each front must read the path as
// corsguard/node does (src/core/request.ts pathOf), so a request is exempt, or refused, the same.
// Raw sockets: no HTTP client sends an absolute-form target to an origin server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ExportTarget } from '../../src/export/index.ts';
import type { CorsOptions } from '../../src/index.ts';
import { base, EVIL } from '../conformance/rows.ts';
import type { RunningServer } from '../support/servers.ts';
import { frontServerUnavailable } from './support/binaries.ts';
import { startFront, type RunningFront } from './support/front.ts';
import { rawProbe } from './support/raw.ts';
import { startReference, startUpstream } from './support/upstream.ts';
import { TESTED_TARGETS } from './targets.ts';

/** A policy exempting `exempt` from the CSRF guard. */
const policy = (exempt: readonly string[]) => ({ ...base, csrf: { exemptPaths: [...exempt] } }) as CorsOptions;

/** A cross-site POST with no body, to `target`, with Host `host`. */
const post = (target: string, host = 'api.internal') => [
  `POST ${target} HTTP/1.1`,
  `Host: ${host}`,
  `Origin: ${EVIL}`,
  'Sec-Fetch-Site: cross-site',
  'Content-Length: 0',
];
/** A POST from `origin` without Sec-Fetch-Site: cross-origin when `origin`'s host is not Host. */
const fallback = (target: string, host: string, origin: string) => [
  `POST ${target} HTTP/1.1`,
  `Host: ${host}`,
  `Origin: ${origin}`,
  'Content-Length: 0',
];

interface Deviation {
  readonly why: string;
  /** The raw request whose reference answer the server gives instead, or the status it refuses with. */
  readonly asIf: readonly string[] | { readonly refusedWith: number };
}

interface Row {
  readonly rule: string;
  readonly exempt: readonly string[];
  readonly head: readonly string[];
  readonly deviations?: Partial<Record<ExportTarget, Deviation>>;
}

const SAML = ['/saml/acs'];
const ROOT = ['/'];
// Go (Caddy) and Apache take an absolute-form target's authority as Host, as RFC 9112 requires
// (https://www.rfc-editor.org/rfc/rfc9112#section-3.2.2); the engine reads the Host header.
const authorityIsHost = (asIf: readonly string[]): Partial<Record<ExportTarget, Deviation>> => ({
  apache: { why: "Apache reads the target's authority as Host", asIf },
  caddy: { why: "Caddy reads the target's authority as Host", asIf },
  haproxy: { why: 'HAProxy refuses an authority that is not the Host header', asIf: { refusedWith: 400 } },
});
const otherHostRefused = {
  haproxy: { why: 'HAProxy refuses an authority that is not the Host header', asIf: { refusedWith: 400 } },
};
const queryAfterAuthorityRefused = {
  haproxy: { why: 'HAProxy refuses an authority followed by ?', asIf: { refusedWith: 400 } },
};

const rows: readonly Row[] = [
  { rule: 'origin-form exempt path passes the guard', exempt: SAML, head: post('/saml/acs') },
  { rule: 'absolute-form exempt path passes the guard', exempt: SAML, head: post('http://api.internal/saml/acs') },
  {
    rule: 'absolute-form exempt path with a query passes',
    exempt: SAML,
    head: post('http://api.internal/saml/acs?RelayState=x'),
  },
  {
    rule: 'absolute-form https target: the path is read the same',
    exempt: SAML,
    head: post('https://api.internal/saml/acs'),
  },
  {
    rule: 'absolute-form with a port in the authority',
    exempt: SAML,
    head: post('http://api.internal:8080/saml/acs', 'api.internal:8080'),
  },
  { rule: 'absolute-form upper-case scheme', exempt: SAML, head: post('HTTP://api.internal/saml/acs') },
  {
    rule: 'absolute-form with another host than Host: the path still decides',
    exempt: SAML,
    head: post('http://elsewhere.example/saml/acs'),
    deviations: otherHostRefused,
  },
  { rule: 'absolute-form path that is not exempt is rejected', exempt: SAML, head: post('http://api.internal/other') },
  { rule: 'absolute-form trailing slash is another path', exempt: SAML, head: post('http://api.internal/saml/acs/') },
  {
    rule: "absolute-form: the exempt path after the authority's ? is not the path",
    exempt: SAML,
    head: post('http://api.internal?/saml/acs'),
    deviations: queryAfterAuthorityRefused,
  },
  {
    rule: 'absolute-form: the exempt path inside the query is not the path',
    exempt: SAML,
    head: post('http://api.internal/x?/saml/acs'),
  },
  { rule: 'absolute-form: an authority without a path is the path /', exempt: ROOT, head: post('http://api.internal') },
  {
    rule: 'absolute-form: an authority followed by ? is the path /',
    exempt: ROOT,
    head: post('http://api.internal?x=1'),
    deviations: queryAfterAuthorityRefused,
  },
  { rule: 'absolute-form: exempting / exempts no other path', exempt: ROOT, head: post('http://api.internal/other') },
  {
    rule: 'absolute-form: the Host fallback compares Origin with the Host header',
    exempt: SAML,
    head: fallback('http://other.internal/other', 'api.internal', 'http://api.internal'),
    deviations: authorityIsHost(fallback('http://other.internal/other', 'other.internal', 'http://api.internal')),
  },
  {
    rule: 'absolute-form: an Origin matching only the target authority is cross-origin',
    exempt: SAML,
    head: fallback('http://api.internal/other', 'other.internal', 'http://api.internal'),
    deviations: authorityIsHost(fallback('http://api.internal/other', 'api.internal', 'http://api.internal')),
  },
];

const policies = [SAML, ROOT];

for (const target of TESTED_TARGETS) {
  describe(`export ${target}: csrf.exemptPaths on absolute-form targets, over raw sockets`, {
    skip: frontServerUnavailable(target),
  }, () => {
    let upstream: RunningServer;
    const references = new Map<readonly string[], RunningServer>();
    const fronts = new Map<readonly string[], RunningFront>();
    before(async () => {
      upstream = await startUpstream();
      for (const exempt of policies) {
        references.set(exempt, await startReference(policy(exempt)));
        fronts.set(exempt, await startFront(target, { upstream: upstream.url, cors: policy(exempt) }));
      }
    });
    after(async () => {
      for (const server of [...fronts.values(), ...references.values()]) await server.close();
      await upstream?.close();
    });

    for (const row of rows) {
      const deviation = row.deviations?.[target];
      test(deviation ? `${row.rule} (known deviation: ${deviation.why})` : row.rule, async () => {
        const asIf = deviation?.asIf ?? row.head;
        const expected =
          'refusedWith' in asIf
            ? { status: asIf.refusedWith, handlerRan: false, cors: {}, vary: [] }
            : await rawProbe(references.get(row.exempt)!.url, asIf);
        assert.deepEqual(await rawProbe(fronts.get(row.exempt)!.url, row.head), expected);
      });
    }
  });
}
