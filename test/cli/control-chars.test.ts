// Server-controlled text never reaches the terminal with a control character in it: `check` and
// `audit` output, text and JSON, shows each as an escape (a C1 CSI, U+009B, is as dangerous as ESC).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { escapeControls } from '../../src/cli/shared/printable.ts';
import { invoke } from './cli-harness.ts';
import { rawServer, type RawServer } from './servers.ts';

const ORIGIN = 'http://app.localhost:3000';
// What the output may hold: printable text, line feeds, nothing else below U+00A0 (no colours: not a TTY).
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

// Each answer puts C1 controls (CSI U+009B, OSC U+009D, ST U+009C) and a tab into a header the output
// shows; Node's parser refuses other C0 bytes and DEL in a header (the 'c0' answer): an error, itself clean.
const C1 = '\x9b2J\x9d0;owned\x9c\tend';
const ANSWERS: Record<string, string> = {
  allowOrigin: `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ${ORIGIN}${C1}\r\nContent-Length: 0\r\n\r\n`,
  location: `HTTP/1.1 302 Found\r\nLocation: /next${C1}\r\nAccess-Control-Allow-Origin: ${ORIGIN}\r\nContent-Length: 0\r\n\r\n`,
  exposed: `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: x-a${C1}\r\nContent-Length: 0\r\n\r\n`,
  c0: `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ${ORIGIN}\x1b[2J\x7f\r\nContent-Length: 0\r\n\r\n`,
};

describe('control characters from servers are escaped in output', { concurrency: true }, () => {
  const servers: Record<string, RawServer> = {};
  before(async () => {
    for (const [name, answer] of Object.entries(ANSWERS)) servers[name] = await rawServer(() => answer);
  });
  after(() => Promise.all(Object.values(servers).map((server) => server.close())));

  const commands = [
    { rule: 'check, text', args: (url: string) => ['check', url, '--origin', ORIGIN] },
    {
      rule: 'check, text, every engine',
      args: (url: string) => ['check', url, '--origin', ORIGIN, '--browser', 'all'],
    },
    { rule: 'check --json', args: (url: string) => ['check', url, '--origin', ORIGIN, '--json'] },
    { rule: 'audit, text', args: (url: string) => ['audit', url, '--origin', ORIGIN] },
    { rule: 'audit --json', args: (url: string) => ['audit', url, '--origin', ORIGIN, '--json'] },
  ];
  for (const command of commands) {
    for (const name of Object.keys(ANSWERS)) {
      test(`${command.rule}: ${name}`, async () => {
        const result = await invoke(command.args(`${servers[name]!.url}/`));
        assert.ok(result.code !== null && result.code <= 2, result.stderr);
        assert.ok(result.stdout.length > 0);
        assert.doesNotMatch(result.stdout, CONTROL);
        assert.doesNotMatch(result.stderr, CONTROL);
        // The bytes are shown, not dropped: the reader sees that the server sent them.
        if (!command.rule.includes('json') && name !== 'c0')
          assert.match(result.stdout, /\\x9b2J\\x9d0;owned\\x9c\\x09end/);
      });
    }
  }

  test('--json still reads back as the bytes the server sent', async () => {
    const result = await invoke(['check', `${servers.allowOrigin!.url}/`, '--origin', ORIGIN, '--json']);
    const verdict = JSON.parse(result.stdout) as { exchangeWarnings: { message: string }[] };
    assert.ok(
      verdict.exchangeWarnings.some((warning) => warning.message.includes(C1)),
      result.stdout,
    );
  });

  test('a header Node refuses is a malformed answer from a server that was reached, not an unreachable one', async () => {
    const result = await invoke(['check', `${servers.c0!.url}/`, '--origin', ORIGIN, '--json']);
    const verdict = JSON.parse(result.stdout) as { reason: string; errorCode: string; fix: { side: string } };
    assert.equal(result.code, 2);
    assert.equal(verdict.reason, 'network-error');
    assert.match(verdict.errorCode, /^HPE_/);
    assert.equal(verdict.fix.side, 'server');
  });
});

describe('escapeControls', () => {
  const rows: [string, string, string][] = [
    ['NUL, the first C0', '\u0000', '\\x00'],
    ['US, the last C0', '\u001f', '\\x1f'],
    ['ESC', '\u001b[2J', '\\x1b[2J'],
    ['DEL', '\u007f', '\\x7f'],
    ['PAD, the first C1', '\u0080', '\\x80'],
    ['CSI', '\u009b', '\\x9b'],
    ['APC, the last C1', '\u009f', '\\x9f'],
    ['space, ~ and NBSP are text', ' ~\u00a0é', ' ~\u00a0é'],
  ];
  for (const [rule, input, output] of rows) test(rule, () => assert.equal(escapeControls(input), output));
});
