// `corsguard check --browser`: one engine's model, or all three side by side with where they
// disagree. Servers on 127.0.0.1 redirect to http://localhost:PORT (another origin on the same
// server) to reach the answers where engines part ways (src/simulate/engines/model.ts records each).
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { checkJson, invoke } from './cli-harness.ts';
import { startServer, type TestServer } from './servers.ts';

const ORIGIN = 'http://app.localhost:3000';

/**
 * /ok: GET allowed for ORIGIN. /hop: PATCH and DELETE answered 307 to /target on localhost. /target:
 * its preflight allows ORIGIN only, its answers allow `null` (a redirect-tainted origin) — so only
 * Firefox, whose preflight after a taint carries the page's origin, passes both. /hop-any: the
 * same 307 to /any, which allows any origin.
 */
function routes(request: IncomingMessage, response: ServerResponse, port: () => number): void {
  const preflight = request.method === 'OPTIONS';
  const path = (request.url ?? '/').split('?')[0];
  const headers: Record<string, string> = {
    'access-control-allow-methods': 'PATCH, DELETE',
    'access-control-allow-headers': 'x-foo',
  };
  const hop = path === '/hop' || path === '/hop-any';
  if (path === '/ok' || hop) headers['access-control-allow-origin'] = ORIGIN;
  if (path === '/target') headers['access-control-allow-origin'] = preflight ? ORIGIN : 'null';
  if (path === '/any') headers['access-control-allow-origin'] = '*';
  if (hop && !preflight) headers.location = `http://localhost:${port()}${path === '/hop' ? '/target' : '/any'}`;
  response.writeHead(preflight ? 204 : hop ? 307 : 200, headers).end(preflight ? '' : request.method);
}

describe('corsguard check --browser', { concurrency: true }, () => {
  let server: TestServer;
  before(async () => {
    let port = 0;
    server = await startServer((request, response) => routes(request, response, () => port));
    port = Number(new URL(server.url).port);
  });
  after(() => server.close());

  const engineRows = [
    {
      rule: 'chromium: the tainted preflight carries Origin: null, refused by an exact ACAO',
      browser: 'chromium',
      allowed: false,
    },
    {
      rule: "firefox: the tainted preflight carries the page's origin, the PATCH null: allowed",
      browser: 'firefox',
      allowed: true,
    },
    { rule: 'webkit: as Chromium, refused at the preflight', browser: 'webkit', allowed: false },
  ];
  for (const row of engineRows) {
    test(`--browser ${row.rule}`, async () => {
      const { code, verdict } = await checkJson([
        `${server.url}/hop`,
        '--origin',
        ORIGIN,
        '-X',
        'PATCH',
        '-H',
        'X-Foo: 1',
        '--browser',
        row.browser,
      ]);
      assert.equal(verdict.model, row.browser);
      assert.equal(verdict.allowed, row.allowed);
      assert.equal(code, row.allowed ? 0 : 1);
    });
  }

  test('--browser all: every engine allows a plain GET, they agree, and the GET reaches the server once', async () => {
    const before = server.arrivals.filter((arrival) => arrival.path === '/ok').length;
    const { code, verdict } = await checkJson([`${server.url}/ok`, '--origin', ORIGIN, '--browser', 'all']);
    assert.equal(code, 0);
    assert.equal(verdict.agree, true);
    assert.equal(verdict.disagreement, null);
    assert.deepEqual(Object.keys(verdict.verdicts as object), ['chromium', 'firefox', 'webkit']);
    assert.equal(server.arrivals.filter((arrival) => arrival.path === '/ok').length - before, 1);
  });

  test('--browser all: where Firefox alone allows, the engines are grouped apart and the exit status says blocked', async () => {
    const { code, verdict } = await checkJson([
      `${server.url}/hop`,
      '--origin',
      ORIGIN,
      '-X',
      'PATCH',
      '-H',
      'X-Foo: 1',
      '--browser',
      'all',
    ]);
    assert.equal(code, 1);
    assert.equal(verdict.agree, false);
    const groups = verdict.groups as Array<{ outcome: string; engines: string[] }>;
    assert.deepEqual(
      groups.map((group) => group.engines),
      [['chromium', 'webkit'], ['firefox']],
    );
    assert.match(groups[0]!.outcome, /^blocked \(/);
    assert.match(groups[1]!.outcome, /^allowed \(200, redirected/);
  });

  test('--browser all: WebKit turns a DELETE redirected to another origin into GET (the server sees GET), the others keep DELETE', async () => {
    const { code, verdict } = await checkJson([
      `${server.url}/hop-any`,
      '--origin',
      ORIGIN,
      '-X',
      'DELETE',
      '--browser',
      'all',
    ]);
    assert.equal(code, 0);
    assert.equal(verdict.agree, true, 'every engine reads a 200');
    const verdicts = verdict.verdicts as Record<
      string,
      { steps: Array<{ request?: { method: string; url: string } }> }
    >;
    const finalMethod = (engine: string) =>
      verdicts[engine]!.steps.filter(
        (step) => step.request?.url.endsWith('/any') && step.request.method !== 'OPTIONS',
      ).map((step) => step.request!.method);
    assert.deepEqual(finalMethod('webkit'), ['GET']);
    assert.deepEqual(finalMethod('chromium'), ['DELETE']);
    assert.deepEqual(finalMethod('firefox'), ['DELETE']);
    const methods = server.arrivals
      .filter((arrival) => arrival.path === '/any' && arrival.method !== 'OPTIONS')
      .map((arrival) => arrival.method);
    assert.ok(methods.includes('GET') && methods.includes('DELETE'), `the server saw ${methods.join(', ')}`);
  });

  test('--browser all, human output: one line per engine, then the disagreement, then each distinct verdict', async () => {
    const { code, stdout } = await invoke([
      'check',
      `${server.url}/hop`,
      '--origin',
      ORIGIN,
      '-X',
      'PATCH',
      '-H',
      'X-Foo: 1',
      '--browser',
      'all',
    ]);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^Chromium 156 +blocked \(/);
    assert.match(lines[1]!, /^Firefox 153 ESR +allowed \(/);
    assert.match(lines[2]!, /^WebKitGTK 2\.50 +blocked \(/);
    assert.match(stdout, /^Engines disagree: /m);
    assert.deepEqual(
      lines.filter((line) => line.startsWith('── ')),
      ['── Chromium 156, WebKitGTK 2.50 ──', '── Firefox 153 ESR ──'],
    );
  });

  const usageRows = [
    { rule: '--browser must name an engine or all', args: ['--browser', 'netscape'] },
    { rule: '--browser fetch is not an engine (use --model fetch)', args: ['--browser', 'fetch'] },
    { rule: '--browser and --model together', args: ['--browser', 'firefox', '--model', 'fetch'] },
  ];
  for (const row of usageRows) {
    test(`usage error (exit 2, nothing sent): ${row.rule}`, async () => {
      const before = server.arrivals.length;
      const result = await invoke(['check', `${server.url}/ok`, '--origin', ORIGIN, ...row.args]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^corsguard check: .*--browser/);
      assert.equal(server.arrivals.length, before);
    });
  }
});
