import assert from 'node:assert/strict';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { audit, type AuditReport } from '../../src/audit/index.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

// Long enough for a loaded machine; the silent servers cost exactly this.
const TIMEOUT = 1500;
const servers: Record<string, Running> = {};
const hits: Record<string, number> = { elsewhere: 0 };
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
const target = (name: string) => report.targets.find((t) => t.url === url(name));

describe('hostile servers: each a reported error (or note) for its URL, nothing else', () => {
  before(async () => {
    const names = ['good', 'silent', 'trickle', 'endlessHeaders', 'hugeBody', 'reset', 'redirectLoop', 'redirectAway', 'slowAfterFirst'];
    report = await audit(names.map((name) => url(name)), { origins: ['https://app.example.com'], timeout: TIMEOUT, concurrency: 8 });
  });

  const errors: { rule: string; name: string; error: RegExp }[] = [
    { rule: 'a server that never answers: not audited after the timeout', name: 'silent', error: /^not audited: no answer within 1500 ms/ },
    { rule: 'a server trickling headers: cut off by the per-request deadline, not an idle timeout', name: 'trickle', error: /^not audited: no answer within 1500 ms/ },
    { rule: 'endless headers: refused past the header size cap', name: 'endlessHeaders', error: /^not audited: .*(HPE_HEADER_OVERFLOW|Header overflow)/i },
    { rule: 'a connection reset: not audited', name: 'reset', error: /^not audited: .*(ECONNRESET|socket hang up)/ },
    { rule: 'a URL whose later probes hang: incomplete, findings so far kept', name: 'slowAfterFirst', error: /^audit incomplete: / },
  ];
  for (const row of errors) {
    test(row.rule, () => {
      assert.match(target(row.name)?.error ?? '', row.error);
    });
  }

  test('a huge body is never read: the audit completes on the headers', () => {
    assert.equal(target('hugeBody')?.error, undefined);
    assert.deepEqual(target('hugeBody')?.findings.map((f) => f.id), ['wildcard-origin']);
  });

  test('a redirect loop is noted, never followed', () => {
    assert.equal(target('redirectLoop')?.error, undefined);
    assert.match(target('redirectLoop')?.notes?.[0] ?? '', /^Answers 302 with a redirect to \/data: not followed/);
  });

  test('a redirect to another host is noted and never followed there', () => {
    assert.match(target('redirectAway')?.notes?.join('\n') ?? '', /Answers 307 with a redirect to http:\/\/127\.0\.0\.1:\d+\/data: not followed/);
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
