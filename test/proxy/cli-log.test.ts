// `corsguard proxy`'s text log line: the client's Origin is quoted and escaped, so spaces and tabs
// in it cannot forge fields and control characters (C1 included) never reach a terminal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startProxyCommand, type RunningProxyCommand } from '../../src/cli/proxy/proxy.ts';
import { APP, rawExchange, startUpstream, type Upstream } from './support/harness.ts';

let upstream: Upstream;
let running: RunningProxyCommand;
let stdout = '';
before(async () => {
  upstream = await startUpstream();
  const io = { stdout: (text: string) => (stdout += text), stderr: () => {}, env: {}, isTTY: false };
  const started = await startProxyCommand(['--upstream', upstream.url, '--origin', APP, '--port', '0'], io);
  assert.notEqual(typeof started, 'number');
  running = started as RunningProxyCommand;
});
after(async () => {
  await running.stop();
  await upstream.close();
});

/** One log line: the fields a reader splits on spaces, with the quoted origin read as JSON. */
const LINE = /^GET (\/\S*) 200 origin=("(?:[^"\\]|\\.)*"|-) reason=([a-z-]+) upstream=200 [0-9.]+ms$/;

/** The test writes UTF-8; node:http reads header bytes as Latin-1 (U+009B arrives as Â and a raw 0x9B byte). */
const asNodeReadsIt = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('the Origin field', () => {
  const rows: Array<[rule: string, origin: string | undefined, path: string]> = [
    ['an ordinary origin is quoted', APP, '/plain'],
    ['spaces in it cannot forge fields', 'https://x.example reason=origin-allowed upstream=200 1ms', '/spaces'],
    ['a tab in it is escaped', 'https://x.example\treason=origin-allowed', '/tab'],
    ['a quote and a backslash in it are escaped', 'https://x.example"\\', '/quote'],
    ['a C1 control character (CSI) is escaped', 'https://x.example\u009b31m', '/c1'],
    ['no Origin is a dash', undefined, '/none'],
  ];
  for (const [rule, origin, path] of rows) {
    test(rule, async () => {
      const headers = origin === undefined ? '' : `Origin: ${origin}\r\n`;
      await rawExchange(
        Number(new URL(running.url).port),
        `GET ${path} HTTP/1.1\r\nHost: g\r\n${headers}Connection: close\r\n\r\n`,
      );
      const line = stdout.split('\n').find((text) => text.startsWith(`GET ${path} `));
      const match = LINE.exec(line ?? '');
      assert.ok(match, `not one well-formed line: ${JSON.stringify(line)}`);
      assert.deepEqual(
        [match[1], match[2] === '-' ? undefined : JSON.parse(match[2]!), /[^\x20-\x7e]/.test(line!)],
        [path, origin === undefined ? undefined : asNodeReadsIt(origin), false],
      );
    });
  }
});
