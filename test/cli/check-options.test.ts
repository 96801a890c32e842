// `corsguard check` options: --version, --timeout, --cookie, and how bad values are refused.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { checkJson, invoke } from './cli-harness.ts';
import { startServer, type TestServer } from './servers.ts';

const ORIGIN = 'http://app.localhost:3000';
/** Another origin of the test servers' own site (127.0.0.1): cookies without SameSite go with its credentialed requests. */
const SAME_SITE_ORIGIN = 'http://127.0.0.1:3000';
const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('corsguard check options', { concurrency: true }, () => {
  let echoing: TestServer;
  let silent: TestServer;
  before(async () => {
    echoing = await startServer((request, response) => {
      response.writeHead(request.method === 'OPTIONS' ? 204 : 200, {
        'access-control-allow-origin': request.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PUT',
      });
      response.end();
    });
    // Accepts the connection and never answers.
    silent = await startServer(() => undefined);
  });
  after(() => Promise.all([echoing, silent].map((server) => server.close())));

  for (const args of [['--version'], ['-v'], ['check', '--version']]) {
    test(`${args.join(' ')} prints package.json's version and exits 0`, async () => {
      const result = await invoke(args);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${VERSION}\n`);
    });
  }

  const usageRows = [
    { rule: '--timeout must be a number', args: ['--timeout', 'soon'] },
    { rule: '--timeout must be at least 1 ms', args: ['--timeout', '0'] },
    { rule: '--timeout must be whole milliseconds', args: ['--timeout', '1.5'] },
    { rule: '--timeout must fit a timer', args: ['--timeout', '2147483648'] },
    { rule: "--cookie must be 'name=value'", args: ['--cookie', 'session'] },
    { rule: '--cookie may not hold a line break', args: ['--cookie', 'a=b\r\nX-Injected: 1'] },
    { rule: '-H may not hold a control character', args: ['-H', 'X-Note: a\u0001b'] },
    { rule: '--model must be known', args: ['--model', 'netscape'] },
    { rule: '--cookie SameSite must be Strict, Lax or None', args: ['--cookie', 'a=1; SameSite=Sometimes'] },
    {
      rule: '--cookie-set-by must be first-party or cross-site',
      args: ['--cookie', 'a=1', '--cookie-set-by', 'third-party'],
    },
    { rule: '--cookie-set-by needs --cookie', args: ['--cookie-set-by', 'cross-site'] },
  ];
  for (const row of usageRows) {
    test(`usage error (exit 2, nothing sent): ${row.rule}`, async () => {
      const before = echoing.arrivals.length;
      const result = await invoke(['check', `${echoing.url}/`, '--origin', ORIGIN, ...row.args]);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^corsguard check: /);
      assert.equal(echoing.arrivals.length, before);
    });
  }

  test('--timeout bounds each request: a server that accepts the connection and never answers is ERR_ANSWER_TIMEOUT (exit 2), not an unreachable one', async () => {
    const started = Date.now();
    const { code, verdict } = await checkJson([`${silent.url}/`, '--origin', ORIGIN, '--timeout', '300']);
    assert.equal(code, 2);
    assert.equal(verdict.reason, 'network-error');
    assert.equal(verdict.errorCode, 'ERR_ANSWER_TIMEOUT');
    assert.equal((verdict.fix as { side: string }).side, 'server');
    assert.ok(Date.now() - started < 5000);
  });

  const cookieRows = [
    {
      rule: 'a credentialed cross-origin, same-site request carries the cookies',
      path: '/c1',
      flags: ['--credentials'],
      origin: SAME_SITE_ORIGIN,
      arrivals: [['GET', 'a=1; b=2']],
    },
    {
      rule: 'without --credentials a cross-origin request carries none',
      path: '/c2',
      flags: [],
      origin: SAME_SITE_ORIGIN,
      arrivals: [['GET', undefined]],
    },
    {
      rule: 'a preflight never carries them; the request after it does',
      path: '/c3',
      flags: ['--credentials', '-X', 'PUT'],
      origin: SAME_SITE_ORIGIN,
      arrivals: [
        ['OPTIONS', undefined],
        ['PUT', 'a=1; b=2'],
      ],
    },
    {
      rule: "a same-origin request carries them without --credentials ('same-origin' mode)",
      path: '/c4',
      flags: [],
      origin: 'same',
      arrivals: [['GET', 'a=1; b=2']],
    },
  ];
  for (const row of cookieRows) {
    test(`--cookie: ${row.rule}`, async () => {
      const origin = row.origin === 'same' ? echoing.url : row.origin;
      const { code } = await checkJson([
        `${echoing.url}${row.path}`,
        '--origin',
        origin,
        '--cookie',
        'a=1',
        '--cookie',
        'b=2',
        ...row.flags,
      ]);
      assert.equal(code, 0);
      const arrivals = echoing.arrivals
        .filter((arrival) => arrival.path === row.path)
        .map((arrival) => [arrival.method, arrival.headers.cookie]);
      assert.deepEqual(arrivals, row.arrivals);
    });
  }

  test('--help documents when cookies are sent', async () => {
    const result = await invoke(['check', '--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--cookie/);
    assert.match(result.stdout, /on\s+credentialed requests/);
    assert.match(result.stdout, /--cookie-set-by first-party\|cross-site/);
  });
});
