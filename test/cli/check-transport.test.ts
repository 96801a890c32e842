// What `corsguard check` sends and how it settles, over real sockets: cookies stay on <url>'s host,
// a 101 answer is an error (exit 2), the method goes out as typed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkJson, invoke } from './cli-harness.ts';
import { corsguardServer, rawServer, startServer, type RawServer, type TestServer } from './servers.ts';

const ORIGIN = 'http://app.localhost:3000';
/** A page of the servers' own site (127.0.0.1, any port): a cookie without SameSite goes with its requests. */
const SAME_SITE_ORIGIN = 'http://127.0.0.1:3000';

const requestLine = (head: string): string => head.split('\r\n')[0] ?? '';
const isPreflight = (head: string): boolean => requestLine(head).startsWith('OPTIONS ');

const CORS_OK = `Access-Control-Allow-Origin: ${ORIGIN}\r\nAccess-Control-Allow-Methods: patch, PATCH, DELETE\r\nContent-Length: 0\r\n`;

describe('corsguard check transport', { concurrency: true }, () => {
  const servers: { close(): Promise<void> }[] = [];
  let final: TestServer;
  let redirecting: TestServer;
  let switching: RawServer;
  let switchingBare: RawServer;
  let switchingPreflight: RawServer;
  let recordingMethod: RawServer;
  let nodePatch: TestServer;

  before(async () => {
    final = await startServer((request, response) => {
      response.writeHead(200, {
        'access-control-allow-origin': request.headers.origin ?? '',
        'access-control-allow-credentials': 'true',
      });
      response.end();
    });
    const finalPort = new URL(final.url).port;
    redirecting = await startServer((request, response) => {
      const host = request.url === '/to-other-host' ? 'localhost' : '127.0.0.1';
      response.writeHead(307, {
        location: `http://${host}:${finalPort}${request.url}`,
        'access-control-allow-origin': request.headers.origin ?? ORIGIN,
        'access-control-allow-credentials': 'true',
      });
      response.end();
    });
    switching = await rawServer(
      () => 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    );
    switchingBare = await rawServer(() => 'HTTP/1.1 101 Switching Protocols\r\n\r\n');
    switchingPreflight = await rawServer((head) =>
      isPreflight(head)
        ? 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n'
        : `HTTP/1.1 200 OK\r\n${CORS_OK}\r\n`,
    );
    recordingMethod = await rawServer(() => `HTTP/1.1 200 OK\r\n${CORS_OK}\r\n`);
    // A Node server allowing 'patch' in its CORS answers: Node's HTTP parser answers 400 to a
    // lower-case method, as it does to a browser's fetch(url, { method: 'patch' }).
    nodePatch = await corsguardServer({ origin: ORIGIN, methods: ['patch', 'PATCH'] });
    servers.push(final, redirecting, switching, switchingBare, switchingPreflight, recordingMethod, nodePatch);
  });
  after(() => Promise.all(servers.map((server) => server.close())));

  const cookieRows = [
    {
      rule: 'a redirect to another host does not carry the cookie given for <url>',
      path: '/to-other-host',
      cookie: undefined,
    },
    {
      rule: 'a redirect to the same host on another port does (cookies ignore ports)',
      path: '/to-same-host',
      cookie: 'session=s3cret',
    },
  ];
  for (const row of cookieRows) {
    test(`--cookie is scoped to <url>'s host: ${row.rule}`, async () => {
      const { verdict } = await checkJson([
        `${redirecting.url}${row.path}`,
        '--origin',
        SAME_SITE_ORIGIN,
        '--credentials',
        '--cookie',
        'session=s3cret',
      ]);
      const arrivals = final.arrivals.filter((arrival) => arrival.path === row.path);
      assert.equal(arrivals.length, 1, JSON.stringify(verdict));
      assert.equal(arrivals[0]?.headers.cookie, row.cookie);
      assert.equal(redirecting.arrivals.find((arrival) => arrival.path === row.path)?.headers.cookie, 'session=s3cret');
    });
  }

  const switchingRows = [
    { rule: 'a 101 with Upgrade to the actual request', server: () => switching, args: [], stage: 'actual' },
    { rule: 'a 101 without an Upgrade header', server: () => switchingBare, args: [], stage: 'actual' },
    { rule: 'a 101 to the preflight', server: () => switchingPreflight, args: ['-X', 'PUT'], stage: 'preflight' },
  ];
  for (const row of switchingRows) {
    // The time limit only turns a pending exchange (the bug) into a failure instead of a hang.
    test(`101 Switching Protocols is an error (exit 2), never a pass: ${row.rule}`, { timeout: 30_000 }, async () => {
      const { code, verdict } = await checkJson([`${row.server().url}/`, '--origin', ORIGIN, ...row.args]);
      assert.equal(code, 2);
      assert.equal(verdict.allowed, false);
      assert.equal(verdict.reason, 'network-error');
      assert.equal(verdict.errorCode, 'ERR_SWITCHING_PROTOCOLS');
      assert.equal(verdict.stage, row.stage);
    });
  }

  test('audit: a 101 answer is a network error for that URL, at once (not a timeout)', {
    timeout: 30_000,
  }, async () => {
    const result = await invoke(['audit', `${switching.url}/`, '--timeout', '60000', '--json']);
    assert.equal(result.code, 2);
    const report = JSON.parse(result.stdout) as { targets: { errorCode: string; error: string }[] };
    assert.equal(report.targets[0]?.errorCode, 'network');
    assert.match(report.targets[0]?.error ?? '', /ERR_SWITCHING_PROTOCOLS/);
  });

  const methodRows = [
    {
      rule: "'patch' is sent lower-case, preflight asks for 'patch'",
      method: 'patch',
      line: 'patch /m1 HTTP/1.1',
      asked: 'patch',
      path: '/m1',
    },
    {
      rule: "'Delete' is normalised to DELETE, as fetch() does",
      method: 'Delete',
      line: 'DELETE /m2 HTTP/1.1',
      asked: 'DELETE',
      path: '/m2',
    },
    { rule: "'PATCH' is sent as PATCH", method: 'PATCH', line: 'PATCH /m3 HTTP/1.1', asked: 'PATCH', path: '/m3' },
  ];
  for (const row of methodRows) {
    test(`-X is sent exactly as fetch() sends it: ${row.rule}`, async () => {
      await checkJson([`${recordingMethod.url}${row.path}`, '--origin', ORIGIN, '-X', row.method]);
      const heads = recordingMethod.heads.filter((head) => requestLine(head).includes(` ${row.path} `));
      const actual = heads.filter((head) => !isPreflight(head));
      assert.deepEqual(actual.map(requestLine), [row.line]);
      const preflight = heads.find(isPreflight);
      assert.equal(preflight?.match(/\r\naccess-control-request-method: ([^\r]*)/i)?.[1], row.asked);
    });
  }

  test('-X patch against a Node server: the verdict is the 400 Node answers, not the 200 it gives PATCH', async () => {
    const lower = await checkJson([`${nodePatch.url}/items`, '--origin', ORIGIN, '-X', 'patch']);
    assert.equal(lower.code, 1);
    assert.equal(lower.verdict.allowed, false);
    assert.equal(lower.verdict.stage, 'actual');
    const upper = await checkJson([`${nodePatch.url}/items`, '--origin', ORIGIN, '-X', 'PATCH']);
    assert.equal(upper.code, 0);
  });
});
