import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { audit, type AuditErrorCode, type AuditReport, type TargetReport } from '../../src/audit/index.ts';
import { nodeTransport } from '../../src/transport/node-transport.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

// Long enough for a loaded machine; the silent servers cost exactly this.
const TIMEOUT = 1500;
const servers: Record<string, Running> = {};
const TRUSTED = 'https://app.example.com';
const hits: Record<string, number> = { elsewhere: 0, redirectTarget: 0 };
const BODY_CHUNK = 8 * 1024;
let bodyWritten = 0;
let bodyClosed = false;
const url = (name: string, path = '/data') => `http://127.0.0.1:${servers[name]?.port}${path}`;

/** A raw TCP server, for answers node:http would refuse to send. */
const raw = (onSocket: (socket: Socket) => void) => {
  const server = createTcpServer((socket) => {
    socket.on('error', () => {});
    onSocket(socket);
  });
  return listen(server);
};

before(async () => {
  servers.good = await listen(allowWhen(() => true, { credentials: true }));
  servers.silent = await raw(() => {});
  servers.trickle = await raw((socket) => {
    socket.write('HTTP/1.1 200 OK\r\n');
    const timer = setInterval(() => socket.write('X-Slow: 1\r\n'), 50);
    socket.on('close', () => clearInterval(timer));
  });
  servers.endlessHeaders = await raw((socket) => {
    socket.write('HTTP/1.1 200 OK\r\n');
    const pad = `X-Pad: ${'a'.repeat(1000)}\r\n`;
    const pump = () => {
      while (!socket.destroyed && socket.write(pad));
      if (!socket.destroyed) socket.once('drain', pump);
    };
    pump();
  });
  servers.hugeBody = await listen((_, response) => {
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', pump);
    };
    pump();
  });
  servers.reset = await raw((socket) => socket.resetAndDestroy());
  servers.elsewhere = await listen((_, response) => {
    hits.elsewhere = (hits.elsewhere ?? 0) + 1;
    response.end('ok');
  });
  servers.redirectLoop = await listen((request, response) => {
    response.writeHead(302, { location: request.url ?? '/' }).end();
  });
  servers.redirectAway = await listen((_, response) => {
    response.writeHead(307, { location: url('elsewhere') }).end();
  });
  // Answers the trusted front end's preflight, then redirects every other request to another path of the same host.
  servers.sameHostRedirect = await listen((request, response) => {
    if (request.url === '/target') {
      hits.redirectTarget = (hits.redirectTarget ?? 0) + 1;
      return response.end('ok');
    }
    const trusted =
      request.headers.origin === TRUSTED
        ? { 'access-control-allow-origin': TRUSTED, 'access-control-allow-credentials': 'true' }
        : {};
    if (request.method === 'OPTIONS') {
      return response
        .writeHead(204, {
          ...trusted,
          'access-control-allow-methods': 'GET, PUT',
          'access-control-allow-headers': 'content-type',
          vary: 'Origin',
        })
        .end();
    }
    response.writeHead(307, { ...trusted, location: '/target', vary: 'Origin' }).end();
  });
  // Server-sent events: the head at once, then a line every 100 ms, never ending.
  servers.stream = await listen((request, response) => {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      ...(request.headers.origin === TRUSTED
        ? { 'access-control-allow-origin': TRUSTED, vary: 'Origin' }
        : { vary: 'Origin' }),
    });
    const timer = setInterval(() => response.write('data: tick\n\n'), 100);
    response.on('close', () => clearInterval(timer));
  });
  // Keeps each connection open after its response but resets it when a second request arrives on
  // it: what a client meets when a server closes every connection without `Connection: close`.
  servers.oneRequestPerConnection = await raw((socket) => {
    let requests = 0;
    socket.on('data', (chunk) => {
      requests += chunk.toString('latin1').split('\r\n\r\n').length - 1;
      if (requests > 1) return socket.resetAndDestroy();
      socket.write('HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: 2\r\n\r\nok');
    });
  });
  // A body in 8 KiB chunks, one every 5 ms, counting what the server managed to write before the client hung up.
  servers.countedBody = await listen((_, response) => {
    bodyWritten = 0;
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-length': String(BODY_CHUNK * 128) });
    const timer = setInterval(() => {
      if (bodyWritten >= BODY_CHUNK * 128) return clearInterval(timer);
      response.write(Buffer.alloc(BODY_CHUNK, 120));
      bodyWritten += BODY_CHUNK;
    }, 5);
    response.on('close', () => {
      clearInterval(timer);
      bodyClosed = true;
    });
  });
  let first = true;
  servers.slowAfterFirst = await listen((_, response) => {
    if (first) {
      first = false;
      response.end('ok');
    }
    // Every later request hangs: the URL's deadline or the request timeout ends the audit.
  });
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));

let report: AuditReport;
const redirects = (report: TargetReport | undefined) =>
  (report?.notes ?? []).flatMap((note) =>
    note.code === 'redirect' && note.origin === undefined ? [{ status: note.status, location: note.location }] : [],
  );
const target = (name: string) => report.targets.find((t) => t.url === url(name));

describe('hostile servers: each a reported error (or note) for its URL, nothing else', () => {
  before(async () => {
    const names = [
      'good',
      'silent',
      'trickle',
      'endlessHeaders',
      'hugeBody',
      'reset',
      'redirectLoop',
      'redirectAway',
      'slowAfterFirst',
    ];
    report = await audit(
      names.map((name) => url(name)),
      { origins: [TRUSTED], timeout: TIMEOUT, concurrency: 8 },
    );
  });

  const errors: {
    rule: string;
    name: string;
    errorCode: AuditErrorCode;
    audited: 'not audited' | 'audit incomplete';
  }[] = [
    {
      rule: 'a server that never answers: not audited after the timeout',
      name: 'silent',
      errorCode: 'timeout',
      audited: 'not audited',
    },
    {
      rule: 'a server trickling headers: cut off by the per-request deadline, not an idle timeout',
      name: 'trickle',
      errorCode: 'timeout',
      audited: 'not audited',
    },
    {
      rule: 'endless headers: refused past the header size cap',
      name: 'endlessHeaders',
      errorCode: 'too-large',
      audited: 'not audited',
    },
    { rule: 'a connection reset: not audited', name: 'reset', errorCode: 'network', audited: 'not audited' },
    {
      rule: 'a URL whose later probes hang: incomplete, findings so far kept',
      name: 'slowAfterFirst',
      errorCode: 'timeout',
      audited: 'audit incomplete',
    },
  ];
  for (const row of errors) {
    test(row.rule, () => {
      assert.equal(target(row.name)?.errorCode, row.errorCode);
      assert.ok(target(row.name)?.error?.startsWith(`${row.audited}: `));
    });
  }

  test('a huge body is never read: the audit completes on the headers', () => {
    assert.equal(target('hugeBody')?.error, undefined);
    assert.deepEqual(
      target('hugeBody')?.findings.map((f) => f.id),
      ['wildcard-origin'],
    );
  });

  test('a redirect loop is noted, never followed', () => {
    assert.equal(target('redirectLoop')?.error, undefined);
    assert.deepEqual(redirects(target('redirectLoop')), [{ status: 302, location: '/data' }]);
  });

  test('a redirect to another host is noted and never followed there', () => {
    assert.deepEqual(redirects(target('redirectAway')), [{ status: 307, location: url('elsewhere') }]);
    assert.equal(hits.elsewhere, 0);
  });

  test('the good URL in the same run is audited in full', () => {
    assert.equal(target('good')?.error, undefined);
    assert.ok(target('good')?.findings.some((f) => f.id === 'reflects-any-origin' && f.severity === 'high'));
  });

  test('reports stay in input order', () => {
    assert.equal(report.targets.length, 9);
    assert.equal(report.targets[0]?.url, url('good'));
  });
});

describe('redirects are never followed, not even to another path of the same host', () => {
  test("a front end's request answered with a same-host redirect: noted, the target path never hit, even with --unsafe", async () => {
    const report = await audit([url('sameHostRedirect')], {
      origins: [TRUSTED],
      methods: ['GET', 'PUT'],
      headers: [['Content-Type', 'application/json']],
      credentials: true,
      unsafe: true,
      timeout: TIMEOUT,
    });
    const [only] = report.targets;
    assert.equal(only?.error, undefined);
    assert.equal(hits.redirectTarget, 0);
    const trustedRedirects = (only?.notes ?? []).flatMap((note) =>
      note.code === 'redirect' && note.origin !== undefined
        ? [[note.method, note.origin, note.status, note.location]]
        : [],
    );
    assert.deepEqual(trustedRedirects.sort(), [
      ['GET', TRUSTED, 307, '/target'],
      ['PUT', TRUSTED, 307, '/target'],
    ]);
    // The verdict is the redirect's, not the target's: nothing says the front end is blocked.
    assert.ok(!only?.findings.some((finding) => finding.id === 'trusted-origin-blocked'));
  });
});

describe('the transport answers on the head; bodies are read in the background, capped', () => {
  test('a streaming (SSE) endpoint is audited without waiting for its endless body', async () => {
    const started = Date.now();
    const report = await audit([url('stream')], { origins: [TRUSTED], timeout: 3000 });
    assert.equal(report.targets[0]?.errorCode, undefined);
    // Waiting for the body would cost every probe the full timeout.
    assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
  });

  test('a server closing every connection without saying so is retried on a fresh connection and audited', async () => {
    const report = await audit([url('oneRequestPerConnection')], { timeout: TIMEOUT, concurrency: 4 });
    assert.equal(report.targets[0]?.errorCode, undefined);
    assert.deepEqual(
      report.targets[0]?.findings.map((finding) => finding.id),
      ['wildcard-origin'],
    );
  });

  test('at most 64 KiB of a body is read: the client hangs up after it', async () => {
    bodyClosed = false;
    const transport = nodeTransport({ timeout: 5000 });
    try {
      const response = await transport({ method: 'GET', url: url('countedBody'), headers: new Headers() });
      assert.equal(response.status, 200);
      while (!bodyClosed) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      transport.close();
    }
    // What was in flight when the client counted past 64 KiB may still have been written; never the whole megabyte.
    assert.ok(bodyWritten > 64 * 1024 && bodyWritten <= 64 * 1024 + 8 * BODY_CHUNK, `${bodyWritten} bytes written`);
  });
});
