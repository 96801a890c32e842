// Answers that never have a body (204, 304, any answer to HEAD) reach the client complete even when
// the upstream sends stray body bytes after them; and an answer whose head never reached the client
// is logged with status 0.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APP, parseRaw, rawExchange, startGateway, type Gateway } from './support/harness.ts';
import { startRawUpstream, type RawUpstream } from './support/raw-upstream.ts';

/** What the upstream answers, by request path. */
const ANSWERS: Record<string, string> = {
  '/204-stray-length': 'HTTP/1.1 204 No Content\r\ncontent-length: 5\r\n\r\nhello',
  '/204-stray-chunks': 'HTTP/1.1 204 No Content\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
  '/304-stray-length': 'HTTP/1.1 304 Not Modified\r\netag: "1"\r\ncontent-length: 5\r\n\r\nhello',
  '/head-stray-body': 'HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello',
  '/head-then-reset': 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n',
};

let upstream: RawUpstream;
let gateway: Gateway;
before(async () => {
  upstream = await startRawUpstream((socket, head) => {
    const path = head.split(' ')[1]!;
    socket.write(ANSWERS[path]!);
    if (path === '/head-then-reset') setTimeout(() => socket.destroy(), 50);
  });
  gateway = await startGateway({ upstream: upstream.url, cors: { origin: APP } });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

describe('answers without a body', () => {
  const rows: Array<
    [
      rule: string,
      method: string,
      path: string,
      expected: { status: number; body: string; contentLength: string[] | undefined; logged: number; outcome: string },
    ]
  > = [
    [
      'a 204 with a stray Content-Length body ends normally, without Content-Length',
      'GET',
      '/204-stray-length',
      { status: 204, body: '', contentLength: undefined, logged: 204, outcome: 'proxied' },
    ],
    [
      'a 204 with a stray chunked body ends normally',
      'GET',
      '/204-stray-chunks',
      { status: 204, body: '', contentLength: undefined, logged: 204, outcome: 'proxied' },
    ],
    [
      'a 304 with a stray body ends normally, its Content-Length kept',
      'GET',
      '/304-stray-length',
      { status: 304, body: '', contentLength: ['5'], logged: 304, outcome: 'proxied' },
    ],
    [
      'an answer to HEAD with a stray body ends normally',
      'HEAD',
      '/head-stray-body',
      { status: 200, body: '', contentLength: ['5'], logged: 200, outcome: 'proxied' },
    ],
    [
      'a head followed by a reset before any body byte: nothing reaches the client, logged as status 0',
      'GET',
      '/head-then-reset',
      { status: 0, body: '', contentLength: undefined, logged: 0, outcome: 'upstream-aborted' },
    ],
  ];
  for (const [rule, method, path, expected] of rows) {
    test(rule, async () => {
      gateway.logs.length = 0;
      const response = await rawExchange(
        gateway.port,
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nConnection: close\r\n\r\n`,
        2_000,
      ).catch(() => parseRaw('HTTP/1.1 0 nothing\r\n\r\n'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const entry = gateway.logs.find((log) => log.path === path);
      assert.deepEqual(
        {
          status: response.status,
          body: response.body,
          contentLength: response.headers['content-length'],
          logged: entry?.status,
          outcome: entry?.outcome,
        },
        expected,
      );
    });
  }
});
