import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { audit, type AuditErrorCode, type AuditReport, type TargetReport } from '../../src/audit/index.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

// Long enough for a loaded machine; the silent servers cost exactly this.
const TIMEOUT = 1500;
const servers: Record<string, Running> = {};
const TRUSTED = 'https://app.example.com';
const hits: Record<string, number> = { elsewhere: 0, redirectTarget: 0 };
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
    const trusted = request.headers.origin === TRUSTED ? { 'access-control-allow-origin': TRUSTED, 'access-control-allow-credentials': 'true' } : {};
    if (request.method === 'OPTIONS') {
      return response.writeHead(204, { ...trusted, 'access-control-allow-methods': 'GET, PUT', 'access-control-allow-headers': 'content-type', vary: 'Origin' }).end();
    }
    response.writeHead(307, { ...trusted, location: '/target', vary: 'Origin' }).end();
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
  (report?.notes ?? []).flatMap((note) => (note.code === 'redirect' && note.origin === undefined ? [{ status: note.status, location: note.location }] : []));
const target = (name: string) => report.targets.find((t) => t.url === url(name));

describe('hostile servers: each a reported error (or note) for its URL, nothing else', () => {
  before(async () => {
    const names = ['good', 'silent', 'trickle', 'endlessHeaders', 'hugeBody', 'reset', 'redirectLoop', 'redirectAway', 'slowAfterFirst'];
    report = await audit(names.map((name) => url(name)), { origins: [TRUSTED], timeout: TIMEOUT, concurrency: 8 });
  });

  const errors: { rule: string; name: string; errorCode: AuditErrorCode; audited: 'not audited' | 'audit incomplete' }[] = [
    { rule: 'a server that never answers: not audited after the timeout', name: 'silent', errorCode: 'timeout', audited: 'not audited' },
    { rule: 'a server trickling headers: cut off by the per-request deadline, not an idle timeout', name: 'trickle', errorCode: 'timeout', audited: 'not audited' },
    { rule: 'endless headers: refused past the header size cap', name: 'endlessHeaders', errorCode: 'too-large', audited: 'not audited' },
    { rule: 'a connection reset: not audited', name: 'reset', errorCode: 'network', audited: 'not audited' },
    { rule: 'a URL whose later probes hang: incomplete, findings so far kept', name: 'slowAfterFirst', errorCode: 'timeout', audited: 'audit incomplete' },
  ];
  for (const row of errors) {
    test(row.rule, () => {
      assert.equal(target(row.name)?.errorCode, row.errorCode);
      assert.ok(target(row.name)?.error?.startsWith(`${row.audited}: `));
    });
  }

  test('a huge body is never read: the audit completes on the headers', () => {
    assert.equal(target('hugeBody')?.error, undefined);
    assert.deepEqual(target('hugeBody')?.findings.map((f) => f.id), ['wildcard-origin']);
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
    const report = await audit([url('sameHostRedirect')], { origins: [TRUSTED], methods: ['GET', 'PUT'], headers: [['Content-Type', 'application/json']], credentials: true, unsafe: true, timeout: TIMEOUT });
    const [only] = report.targets;
    assert.equal(only?.error, undefined);
    assert.equal(hits.redirectTarget, 0);
    const trustedRedirects = (only?.notes ?? []).flatMap((note) => (note.code === 'redirect' && note.origin !== undefined ? [[note.method, note.origin, note.status, note.location]] : []));
    assert.deepEqual(trustedRedirects.sort(), [['GET', TRUSTED, 307, '/target'], ['PUT', TRUSTED, 307, '/target']]);
    // The verdict is the redirect's, not the target's: nothing says the front end is blocked.
    assert.ok(!only?.findings.some((finding) => finding.id === 'trusted-origin-blocked'));
  });
});
