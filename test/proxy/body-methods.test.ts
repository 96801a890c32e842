// Bodies on methods other than POST, PUT and PATCH: refused by default, because an upstream that
// ignores Content-Length on them runs the body as a second request, one that none of the gateway's
// checks saw (base path, dot segments, TRACE refusal). dangerouslyAllowBodyMethods (the library
// option, --dangerously-allow-body-methods, the config file's key) forwards them, over a connection
// of their own: the risk stays with such an upstream, and these rows show it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { runCli } from '../../src/cli/run-cli.ts';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy/proxy.ts';
import { createProxy, ProxyConfigError } from '../../src/proxy/index.ts';
import { APP, rawExchange, startGateway, startUpstream, type Gateway, type Upstream } from './support/harness.ts';
import { seenSince, startNaiveUpstream, type NaiveUpstream } from './support/naive-upstream.ts';

/** A complete request outside the base path, for an upstream that reads a DELETE body as a request. */
const SMUGGLED = 'GET /admin HTTP/1.1\r\nHost: internal\r\n\r\n';
const deleteWithBody = `DELETE /x HTTP/1.1\r\nHost: g\r\nConnection: close\r\nContent-Length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`;

describe('a DELETE body against an upstream that ignores its Content-Length', () => {
  let naive: NaiveUpstream;
  before(async () => {
    naive = await startNaiveUpstream();
  });
  after(() => naive.close());

  const rows: Array<[rule: string, allowed: string[] | undefined, status: number, lines: string[]]> = [
    ['by default the body is refused (400): no request outside the base path reaches the upstream', undefined, 400, []],
    [
      'opted in, the body reaches the upstream and runs there as a request outside the base path (the documented risk)',
      ['DELETE'],
      200,
      ['DELETE /v1/x HTTP/1.1', 'GET /admin HTTP/1.1'],
    ],
  ];
  for (const [rule, allowed, status, lines] of rows) {
    test(rule, async () => {
      const gateway: Gateway = await startGateway({
        upstream: `${naive.url}/v1`,
        cors: { origin: APP },
        ...(allowed === undefined ? {} : { dangerouslyAllowBodyMethods: allowed }),
      });
      try {
        const from = naive.seen.length;
        const response = await rawExchange(gateway.port, deleteWithBody, 4_000);
        const seen = await seenSince(naive, from, lines.length, 4_000);
        const code = status === 400 ? (JSON.parse(response.body) as { code: string }).code : undefined;
        assert.deepEqual(
          {
            status: response.status,
            code,
            lines: seen.map((s) => s.line),
            connections: new Set(seen.map((s) => s.connection)).size,
          },
          {
            status,
            code: status === 400 ? 'request-body-not-allowed' : undefined,
            lines,
            connections: lines.length === 0 ? 0 : 1,
          },
        );
      } finally {
        await gateway.close();
      }
    });
  }
});

describe('the option is validated', () => {
  const rows: Array<[rule: string, value: unknown, paths: string[]]> = [
    ['a list of methods is accepted', ['DELETE', 'OPTIONS', 'PROPFIND'], []],
    ['POST, PUT and PATCH may be listed (they always carry bodies)', ['POST', 'DELETE'], []],
    ['not a list', 'DELETE', ['dangerouslyAllowBodyMethods']],
    [
      'GET and HEAD bodies are never forwarded',
      ['GET', 'head'],
      ['dangerouslyAllowBodyMethods[0]', 'dangerouslyAllowBodyMethods[1]'],
    ],
    ['TRACE is never forwarded', ['TRACE'], ['dangerouslyAllowBodyMethods[0]']],
    [
      'a lower-case standard method would never match (methods are case-sensitive)',
      ['delete'],
      ['dangerouslyAllowBodyMethods[0]'],
    ],
    ['not a method name', ['DE LETE', 1], ['dangerouslyAllowBodyMethods[0]', 'dangerouslyAllowBodyMethods[1]']],
  ];
  for (const [rule, value, paths] of rows) {
    test(rule, () => {
      let issues: Array<[string, string]> = [];
      try {
        createProxy({
          upstream: 'http://127.0.0.1:1',
          cors: { origin: APP },
          dangerouslyAllowBodyMethods: value as string[],
        }).close();
      } catch (error) {
        assert.ok(error instanceof ProxyConfigError);
        issues = error.issues.map((issue) => [issue.path, issue.code]);
      }
      assert.deepEqual(
        issues,
        paths.map((path) => [path, 'body-methods-invalid']),
      );
    });
  }
});

describe('corsguard proxy: the flag and the config file', () => {
  let upstream: Upstream;
  let work: string;
  const bodies: string[] = [];
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'corsguard-body-methods-'));
    upstream = await startUpstream((incoming, response) => {
      let body = '';
      incoming.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => {
        bodies.push(body);
        response.end(`${incoming.method} ${body}`);
      });
    });
  });
  after(async () => {
    await upstream.close();
    rmSync(work, { recursive: true, force: true });
  });
  const io = (sink: { stderr: string }) => ({
    stdout: () => {},
    stderr: (text: string) => (sink.stderr += text),
    env: {},
    isTTY: false,
  });

  const file = (content: unknown) => {
    const path = join(work, `c${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const rows: Array<[rule: string, args: () => string[], status: number]> = [
    ['without the setting a DELETE body gets 400', () => [], 400],
    ['--dangerously-allow-body-methods DELETE forwards it', () => ['--dangerously-allow-body-methods', 'DELETE'], 200],
    [
      '"dangerouslyAllowBodyMethods": ["DELETE"] in the file forwards it',
      () => [
        '--config',
        file({ upstream: upstream.url, cors: { origin: APP }, dangerouslyAllowBodyMethods: ['DELETE'] }),
      ],
      200,
    ],
  ];
  for (const [rule, args, status] of rows) {
    test(rule, async () => {
      const sink = { stderr: '' };
      const started = await startProxyCommand(
        ['--upstream', upstream.url, '--origin', APP, '--port', '0', ...args()],
        io(sink),
      );
      assert.notEqual(typeof started, 'number', sink.stderr);
      const running = started as RunningProxyCommand;
      try {
        const response = await request(`${running.url}/x`, { method: 'DELETE', body: 'payload' });
        const text = await response.body.text();
        assert.deepEqual(
          [response.statusCode, status === 200 ? text : (JSON.parse(text) as { code: string }).code],
          [status, status === 200 ? 'DELETE payload' : 'request-body-not-allowed'],
        );
      } finally {
        await running.stop();
      }
    });
  }

  test('a GET in the flag is refused (exit 2, body-methods-invalid)', async () => {
    const sink = { stderr: '' };
    const code = await runCli(
      [
        'proxy',
        '--upstream',
        upstream.url,
        '--origin',
        APP,
        '--port',
        '0',
        '--dangerously-allow-body-methods',
        'DELETE,GET',
      ],
      io(sink),
    );
    assert.deepEqual(
      [code, [...sink.stderr.matchAll(/^ {2}- (.*?): .* \[([a-z-]+)\]$/gm)].map((match) => `${match[1]}:${match[2]}`)],
      [2, ['dangerouslyAllowBodyMethods[1]:body-methods-invalid']],
    );
  });
});
