// Upstream connections are kept alive and pooled; large bodies stream through both ways.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { listen, type RunningServer } from '../support/servers.ts';
import { APP, startGateway, type Gateway } from './support/harness.ts';

let upstream: RunningServer;
let connections = 0;
let gateway: Gateway;
const SIZE = 32 * 1024 * 1024;

before(async () => {
  const server = createServer((incoming, response) => {
    if (incoming.url === '/upload') {
      let received = 0;
      incoming.on('data', (chunk: Buffer) => (received += chunk.length));
      incoming.on('end', () => response.end(String(received)));
    } else if (incoming.url === '/download') {
      response.writeHead(200, { 'content-length': SIZE });
      Readable.from(chunks(SIZE)).pipe(response);
    } else {
      incoming.resume();
      response.end('ok');
    }
  });
  server.on('connection', () => connections++);
  upstream = await listen(server);
  gateway = await startGateway({ upstream: upstream.url, cors: { origin: APP } });
});
after(async () => {
  await gateway.close();
  await upstream.close();
});

function* chunks(total: number): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 'z');
  for (let sent = 0; sent < total; sent += chunk.length) yield chunk;
}

test('sequential requests reuse one upstream connection', async () => {
  const before = connections;
  for (let i = 0; i < 20; i++) assert.equal(await (await request(`${gateway.url}/x`)).body.text(), 'ok');
  assert.equal(connections - before, 1);
});

test('32 MiB streams down and up through the gateway intact', async () => {
  const download = await request(`${gateway.url}/download`, { headers: { origin: APP } });
  let bytes = 0;
  for await (const chunk of download.body) bytes += (chunk as Buffer).length;
  assert.equal(bytes, SIZE);
  const upload = await request(`${gateway.url}/upload`, {
    method: 'POST',
    body: Readable.from(chunks(SIZE)),
    headers: { 'content-length': String(SIZE) },
  });
  assert.equal(await upload.body.text(), String(SIZE));
});
