// `corsguard check` against real local HTTP servers, run in-process.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { invoke } from './cli-harness.ts';
import { corsguardServer, fixedServer, startServer, type TestServer } from './servers.ts';

const ORIGIN = 'http://app.localhost:3000';

describe('corsguard check', { concurrency: true }, () => {
  const servers: TestServer[] = [];
  let guarded: TestServer;
  let strict: TestServer;
  let slash: TestServer;
  let star: TestServer;
  let noOptions: TestServer;
  let target: TestServer;
  let redirecting: TestServer;
  let methodsOnly: TestServer;
  let streaming: TestServer;

  before(async () => {
    guarded = await corsguardServer({
      origin: ORIGIN,
      methods: ['PUT'],
      exposedHeaders: ['x-total'],
      credentials: true,
    });
    strict = await corsguardServer({ origin: ORIGIN, methods: ['PUT'] });
    slash = await fixedServer(200, [['Access-Control-Allow-Origin', `${ORIGIN}/`]]);
    star = await fixedServer(200, [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Credentials', 'true'],
    ]);
    noOptions = await startServer((request, response) => {
      response.writeHead(request.method === 'OPTIONS' ? 404 : 200, { 'access-control-allow-origin': ORIGIN });
      response.end();
    });
    target = await startServer((request, response) => {
      response.writeHead(200, { 'access-control-allow-origin': request.headers.origin ?? '' });
      response.end();
    });
    redirecting = await fixedServer(302, [
      ['Location', `${target.url}/final`],
      ['Access-Control-Allow-Origin', ORIGIN],
    ]);
    methodsOnly = await fixedServer(204, [
      ['Access-Control-Allow-Origin', ORIGIN],
      ['Access-Control-Allow-Methods', 'PUT, DELETE'],
    ]);
    // An event stream that never ends: the check needs only the status and headers.
    streaming = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'access-control-allow-origin': ORIGIN });
      const timer = setInterval(() => response.write('data: ping\n\n'), 100);
      response.on('close', () => clearInterval(timer));
    });
    servers.push(methodsOnly, guarded, strict, slash, star, noOptions, target, redirecting, streaming);
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  const rows = [
    {
      rule: 'an allowed simple request exits 0 with ✔ steps',
      args: () => [`${guarded.url}/items`, '--origin', ORIGIN],
      code: 0,
      stdout: [
        /✔ GET .*\/items → 200: the CORS check passes/,
        /Allowed\./,
        /access-control-allow-origin: http:\/\/app\.localhost:3000/,
      ],
    },
    {
      rule: 'an unlisted request header exits 1 and suggests allowedHeaders',
      args: () => [`${strict.url}/items`, '--origin', ORIGIN, '-X', 'PUT', '-H', 'X-Api-Key: k'],
      code: 1,
      stdout: [
        /→ fetch/,
        /✘ Access to fetch at .* Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header/,
        /< 403/,
        /corsguard options: \{ origin: \['http:\/\/app\.localhost:3000'\], methods: \['PUT'\], allowedHeaders: \['x-api-key'\] \}/,
        /> access-control-request-headers: x-api-key/,
      ],
    },
    {
      rule: 'a trailing slash in Access-Control-Allow-Origin is named',
      args: () => [`${slash.url}/`, '--origin', ORIGIN],
      code: 1,
      stdout: [
        /has a value 'http:\/\/app\.localhost:3000\/' that is not equal to the supplied origin/,
        /no trailing slash/,
        /origin: \['http:\/\/app\.localhost:3000'\]/,
      ],
    },
    {
      rule: "'*' with --credentials exits 1 and suggests credentials: true",
      args: () => [`${star.url}/`, '--origin', ORIGIN, '--credentials'],
      code: 1,
      stdout: [/must not be the wildcard '\*' when the request's credentials mode is 'include'/, /credentials: true/],
    },
    {
      rule: 'a preflight answered 404 exits 1',
      args: () => [`${noOptions.url}/`, '--origin', ORIGIN, '-X', 'DELETE'],
      code: 1,
      stdout: [/It does not have HTTP ok status \(the server answered 404\)/, /no route answers OPTIONS/],
    },
    {
      rule: 'an unexposed response header exits 1 and suggests exposedHeaders',
      args: () => [`${strict.url}/`, '--origin', ORIGIN, '--read-header', 'X-Total'],
      code: 1,
      stdout: [/script cannot read response header x-total/, /exposedHeaders: \['x-total'\]/],
    },
    {
      rule: 'an exposed header with credentials is allowed',
      args: () => [`${guarded.url}/`, '--origin', ORIGIN, '--read-header', 'X-Total', '--credentials'],
      code: 0,
      stdout: [/Script can read x-total/],
    },
    {
      rule: 'a cross-origin redirect sends Origin: null to the next hop',
      args: () => [`${redirecting.url}/start`, '--origin', ORIGIN],
      code: 0,
      stdout: [/302 redirect to .*\/final passes the CORS check; the origin is now tainted/, /> origin: null/],
    },
    {
      rule: 'missing --origin is a usage error (exit 2)',
      args: () => [`${guarded.url}/`],
      code: 2,
      stderr: [/missing --origin/, /^see corsguard check --help$/m],
    },
    {
      rule: 'an unreachable server is exit 2',
      args: () => ['http://127.0.0.1:9/', '--origin', ORIGIN],
      code: 2,
      stdout: [/Could not check \(network-error\)/],
    },
    {
      rule: 'a forbidden method (fetch() throws) is a usage error, exit 2',
      args: () => [`${guarded.url}/`, '--origin', ORIGIN, '-X', 'TRACE'],
      code: 2,
      stdout: [/Could not check \(forbidden-method\)/],
    },
    {
      rule: 'a URL with user:password@ is refused before anything is sent, exit 2',
      args: () => [`http://user:secret@${guarded.url.slice('http://'.length)}/`, '--origin', ORIGIN],
      code: 2,
      stdout: [/URL that includes credentials/, /Could not check \(url-contains-credentials\)/],
    },
    {
      rule: 'a --read-header that is not a header name is exit 2 with a clear message',
      args: () => [`${guarded.url}/`, '--origin', ORIGIN, '--read-header', 'X Bad'],
      code: 2,
      stdout: [/'X Bad' is not a header name/],
    },
    {
      rule: 'a never-ending event stream is judged on its headers, without waiting for the body',
      args: () => [`${streaming.url}/events`, '--origin', ORIGIN],
      code: 0,
      stdout: [/Allowed\./],
    },
    {
      rule: '--help prints examples and exits 0',
      args: () => ['--help'],
      code: 0,
      stdout: [/Examples:/, /Exit status: 0 allowed, 1 blocked/],
    },
  ];

  for (const row of rows) {
    test(row.rule, async () => {
      const result = await invoke(['check', ...row.args()]);
      assert.equal(result.code, row.code, result.stdout + result.stderr);
      for (const pattern of row.stdout ?? []) assert.match(result.stdout, pattern);
      for (const pattern of row.stderr ?? []) assert.match(result.stderr, pattern);
    });
  }

  test('corsguard with no command prints the usage to stderr and exits 2', async () => {
    const result = await invoke([]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /Usage: corsguard <command>/);
  });

  test('a refused preflight means the actual request never reaches the server; the preflight looks like Chromium’s', async () => {
    const before = strict.arrivals.length;
    await invoke(['check', `${strict.url}/audit`, '--origin', ORIGIN, '-X', 'PUT', '-H', 'X-B: 1', '-H', 'X-A: 2']);
    const arrivals = strict.arrivals.slice(before).filter((arrival) => arrival.path === '/audit');
    assert.deepEqual(
      arrivals.map((arrival) => arrival.method),
      ['OPTIONS'],
    );
    assert.equal(arrivals[0]?.headers['access-control-request-headers'], 'x-a,x-b');
    assert.equal(arrivals[0]?.headers['access-control-request-method'], 'PUT');
    assert.equal(arrivals[0]?.headers.origin, ORIGIN);
    assert.equal(arrivals[0]?.headers['x-a'], undefined);
  });

  test('an allowed preflight is followed by the actual request with the script headers', async () => {
    const result = await invoke(['check', `${guarded.url}/put`, '--origin', ORIGIN, '-X', 'put']);
    assert.equal(result.code, 0, result.stdout);
    const arrivals = guarded.arrivals.filter((arrival) => arrival.path === '/put');
    assert.deepEqual(
      arrivals.map((arrival) => arrival.method),
      ['OPTIONS', 'PUT'],
    );
  });

  test('--json prints the verdict', async () => {
    const result = await invoke(['check', `${methodsOnly.url}/items`, '--origin', ORIGIN, '-X', 'PATCH', '--json']);
    assert.equal(result.code, 1);
    const verdict = JSON.parse(result.stdout) as {
      allowed: boolean;
      reason: string;
      preflight: { method: string };
      steps: unknown[];
      fix: { options: unknown };
    };
    assert.equal(verdict.allowed, false);
    assert.equal(verdict.reason, 'method-not-allowed');
    assert.equal(verdict.preflight.method, 'PATCH');
    assert.deepEqual(verdict.fix.options, { methods: ['PATCH'] });
    assert.ok(verdict.steps.length >= 2);
  });

  test('colours with FORCE_COLOR, none when NO_COLOR is set', async () => {
    const args = ['check', `${guarded.url}/`, '--origin', ORIGIN];
    const coloured = await invoke(args, { FORCE_COLOR: '1' });
    assert.match(coloured.stdout, /\u001b\[32m✔/);
    const plain = await invoke(args, { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.doesNotMatch(plain.stdout, /\u001b\[/);
    assert.match(plain.stdout, /✔/);
  });
});
