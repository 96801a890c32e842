// The CLI's HTTP client settles every exchange once and leaves nothing behind that can end the
// process: a request Node refuses to send (a header value it cannot write) is rejected, and its
// deadline never fires on a request that does not exist.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { nodeTransport } from '../../src/transport/node-transport.ts';

const TIMEOUT_MS = 50;

const rows: { rule: string; headers: Record<string, string>; code: string }[] = [
  { rule: 'a line feed in an extra header value', headers: { 'x-note': 'a\nb' }, code: 'ERR_INVALID_CHAR' },
  { rule: 'a header name with a space', headers: { 'x note': 'a' }, code: 'ERR_INVALID_HTTP_TOKEN' },
];

for (const { rule, headers, code } of rows) {
  test(`refused before sending: ${rule} rejects the exchange, and its deadline never fires`, async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown): void => {
      uncaught.push(error);
    };
    process.on('uncaughtException', record);
    const transport = nodeTransport({ timeout: TIMEOUT_MS, extraHeaders: () => headers });
    try {
      await assert.rejects(transport({ method: 'GET', url: 'http://127.0.0.1:9/', headers: new Headers() }), { code });
      await sleep(TIMEOUT_MS * 4);
      assert.deepEqual(uncaught, []);
    } finally {
      process.off('uncaughtException', record);
      transport.close?.();
    }
  });
}
