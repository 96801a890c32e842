// `npm start` as a user runs it: from the source with no dist/ built, and one clear line (naming
// the port and the variable that changes it) when a port cannot be used.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';

const root = new URL('../../', import.meta.url).pathname;
const startScript = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
// The start script's own command line (`node --import tsx examples/playground/server.ts`), run without npm's banner.
const [command, ...args] = startScript.split(' ');
const executable = command === 'node' ? process.execPath : command!;

describe('npm start', () => {
  let checkout = '';
  before(() => {
    // A checkout that has never been built: no dist/ next to the source.
    checkout = mkdtempSync(join(tmpdir(), 'corsguard-start-'));
    for (const entry of ['package.json', 'tsconfig.json', 'src', 'examples']) cpSync(join(root, entry), join(checkout, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  });
  after(() => rmSync(checkout, { recursive: true, force: true }));

  test('starts from the source in a checkout without dist/: the page is served and the API grants the page origin', async () => {
    const child = spawn(executable, args, { cwd: checkout, env: { ...process.env, API_PORT: '0', PAGE_PORT: '0', SITE_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      const urls = await new Promise<{ page: string; api: string; site: string }>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          const page = /page: (\S+)/.exec(output)?.[1];
          const api = /API: +(\S+)/.exec(output)?.[1];
          const site = /site: +(\S+)/.exec(output)?.[1];
          if (page && api && site) resolve({ page, api, site });
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      // The names are *.localhost (browsers resolve them to loopback); the servers listen on 127.0.0.1.
      const loopback = (url: string) => url.replace(/\/\/[^/:]+/, '//127.0.0.1');
      const html = await request(loopback(urls.page), { headers: { host: new URL(urls.page).host } });
      assert.equal(html.statusCode, 200);
      assert.match(await html.body.text(), /corsguard playground/);
      for (const api of [urls.api, urls.site]) {
        const response = await request(`${loopback(api)}/items`, { headers: { origin: urls.page } });
        await response.body.text();
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['access-control-allow-origin'], urls.page);
      }
    } finally {
      child.kill();
    }
  });
});

describe('npm start with a port it cannot use', () => {
  let taken: Server;
  let busyPort = 0;
  before(async () => {
    taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    busyPort = (taken.address() as AddressInfo).port;
  });
  after(() => taken.close());

  const rows = [
    { rule: 'a busy API port names the port and API_PORT', env: () => ({ API_PORT: String(busyPort), PAGE_PORT: '0', SITE_PORT: '0' }), status: 1, variable: 'API_PORT', port: () => String(busyPort) },
    { rule: 'a busy page port names the port and PAGE_PORT', env: () => ({ API_PORT: '0', PAGE_PORT: String(busyPort), SITE_PORT: '0' }), status: 1, variable: 'PAGE_PORT', port: () => String(busyPort) },
    { rule: 'a busy same-site API port names the port and SITE_PORT', env: () => ({ API_PORT: '0', PAGE_PORT: '0', SITE_PORT: String(busyPort) }), status: 1, variable: 'SITE_PORT', port: () => String(busyPort) },
    { rule: 'a port that is not a number names API_PORT and the value', env: () => ({ API_PORT: '80a', PAGE_PORT: '0', SITE_PORT: '0' }), status: 2, variable: 'API_PORT', port: () => '80a' },
    { rule: 'a port above 65535 names PAGE_PORT and the value', env: () => ({ API_PORT: '0', PAGE_PORT: '70000', SITE_PORT: '0' }), status: 2, variable: 'PAGE_PORT', port: () => '70000' },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const result = spawnSync(executable, args, { cwd: root, env: { ...process.env, ...row.env() }, encoding: 'utf8', timeout: 30_000 });
      assert.equal(result.status, row.status, result.stderr);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0]!.includes(row.variable), lines[0]);
      assert.ok(lines[0]!.includes(row.port()), lines[0]);
    });
  }
});
