// `npm start` as a user runs it: from the source with no dist/ built, and one clear line (naming
// the port and the variable that changes it) when a port cannot be used.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { openCommand } from '../../examples/playground/open-browser.ts';

const root = new URL('../../', import.meta.url).pathname;
const startScript = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts.start!;
// The start script's own command line (`node --import tsx examples/playground/server.ts`), run without npm's banner.
const [command, ...args] = startScript.split(' ');
const executable = command === 'node' ? process.execPath : command!;

/** This process's environment with no desktop session: `npm start` must not open a browser in a test. */
function withoutDesktop(): NodeJS.ProcessEnv {
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...env } = process.env;
  return env;
}

describe('npm start', () => {
  let checkout = '';
  before(() => {
    // A checkout that has never been built: no dist/ next to the source.
    checkout = mkdtempSync(join(tmpdir(), 'corsguard-start-'));
    for (const entry of ['package.json', 'tsconfig.json', 'src', 'examples'])
      cpSync(join(root, entry), join(checkout, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  });
  after(() => rmSync(checkout, { recursive: true, force: true }));

  test('starts from the source in a checkout without dist/: the page is served and the API grants the page origin', async () => {
    const child = spawn(executable, args, {
      cwd: checkout,
      env: { ...withoutDesktop(), API_PORT: '0', PAGE_PORT: '0', SITE_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
    {
      rule: 'a busy API port names the port and API_PORT',
      env: () => ({ API_PORT: String(busyPort), PAGE_PORT: '0', SITE_PORT: '0' }),
      status: 1,
      variable: 'API_PORT',
      port: () => String(busyPort),
    },
    {
      rule: 'a busy page port names the port and PAGE_PORT',
      env: () => ({ API_PORT: '0', PAGE_PORT: String(busyPort), SITE_PORT: '0' }),
      status: 1,
      variable: 'PAGE_PORT',
      port: () => String(busyPort),
    },
    {
      rule: 'a busy same-site API port names the port and SITE_PORT',
      env: () => ({ API_PORT: '0', PAGE_PORT: '0', SITE_PORT: String(busyPort) }),
      status: 1,
      variable: 'SITE_PORT',
      port: () => String(busyPort),
    },
    {
      rule: 'a port that is not a number names API_PORT and the value',
      env: () => ({ API_PORT: '80a', PAGE_PORT: '0', SITE_PORT: '0' }),
      status: 2,
      variable: 'API_PORT',
      port: () => '80a',
    },
    {
      rule: 'a port above 65535 names PAGE_PORT and the value',
      env: () => ({ API_PORT: '0', PAGE_PORT: '70000', SITE_PORT: '0' }),
      status: 2,
      variable: 'PAGE_PORT',
      port: () => '70000',
    },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const result = spawnSync(executable, args, {
        cwd: root,
        env: { ...withoutDesktop(), ...row.env() },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, row.status, result.stderr);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0]!.includes(row.variable), lines[0]);
      assert.ok(lines[0]!.includes(row.port()), lines[0]);
    });
  }
});

describe('npm start opens the page when there is a desktop', () => {
  const url = 'http://page.localhost:5173';
  const commands = [
    { rule: 'macOS: open', platform: 'darwin', env: {}, command: { command: 'open', args: [url] } },
    {
      rule: 'Windows: start, through cmd',
      platform: 'win32',
      env: {},
      command: { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url}"`] },
    },
    {
      rule: 'Linux under X11: xdg-open',
      platform: 'linux',
      env: { DISPLAY: ':0' },
      command: { command: 'xdg-open', args: [url] },
    },
    {
      rule: 'Linux under Wayland: xdg-open',
      platform: 'linux',
      env: { WAYLAND_DISPLAY: 'wayland-0' },
      command: { command: 'xdg-open', args: [url] },
    },
    {
      rule: 'FreeBSD under X11: xdg-open',
      platform: 'freebsd',
      env: { DISPLAY: ':0' },
      command: { command: 'xdg-open', args: [url] },
    },
    {
      rule: 'Linux with no desktop (SSH, a container, CI): nothing to run',
      platform: 'linux',
      env: {},
      command: undefined,
    },
    {
      rule: 'PLAYGROUND_OPEN=0 turns it off, even on macOS',
      platform: 'darwin',
      env: { PLAYGROUND_OPEN: '0' },
      command: undefined,
    },
  ] as const;
  for (const row of commands) {
    test(`the opener: ${row.rule}`, () => {
      assert.deepEqual(openCommand(url, row.platform, { ...row.env } as NodeJS.ProcessEnv), row.command);
    });
  }

  // Real runs of the start script with a stand-in xdg-open that writes down what it was asked to open.
  let bin = '';
  let opened = '';
  before(() => {
    bin = mkdtempSync(join(tmpdir(), 'corsguard-open-'));
    opened = join(bin, 'opened.txt');
    mkdirSync(join(bin, 'with'));
    mkdirSync(join(bin, 'without'));
    writeFileSync(join(bin, 'with', 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(join(bin, 'with', 'xdg-open'), 0o755);
  });
  after(() => rmSync(bin, { recursive: true, force: true }));

  const runs = [
    { rule: 'an X11 session: the page opens in the browser', env: { DISPLAY: ':99' }, path: 'with', opens: true },
    {
      rule: 'a Wayland session: the page opens in the browser',
      env: { WAYLAND_DISPLAY: 'wayland-9' },
      path: 'with',
      opens: true,
    },
    { rule: 'no desktop: it prints "open <url>"', env: {}, path: 'with', opens: false },
    {
      rule: 'PLAYGROUND_OPEN=0: it prints "open <url>"',
      env: { DISPLAY: ':99', PLAYGROUND_OPEN: '0' },
      path: 'with',
      opens: false,
    },
    {
      rule: 'a desktop without xdg-open installed: it prints "open <url>"',
      env: { DISPLAY: ':99' },
      path: 'without',
      opens: false,
    },
  ];
  for (const row of runs) {
    test(`npm start with ${row.rule}`, {
      skip:
        process.platform === 'darwin' || process.platform === 'win32'
          ? 'xdg-open is the opener on Linux and the BSDs only'
          : false,
    }, async () => {
      rmSync(opened, { force: true });
      const env = {
        ...withoutDesktop(),
        ...row.env,
        PATH: join(bin, row.path),
        API_PORT: '0',
        PAGE_PORT: '0',
        SITE_PORT: '0',
      };
      const child = spawn(executable, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        const output = await new Promise<string>((resolve, reject) => {
          let text = '';
          child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('Press Ctrl+C')) resolve(text);
          });
          child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${text}`)));
        });
        const page = /page: (\S+)/.exec(output)![1]!;
        if (row.opens) {
          assert.match(output, new RegExp(`^Opening ${page.replaceAll('.', '\\.')} in your browser\\.$`, 'm'));
          const deadline = Date.now() + 20_000;
          while (!existsSync(opened) || readFileSync(opened, 'utf8') === '') {
            assert.ok(Date.now() < deadline, 'xdg-open was not run');
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          assert.equal(readFileSync(opened, 'utf8'), page);
        } else {
          assert.match(output, new RegExp(`^open ${page.replaceAll('.', '\\.')} in a browser$`, 'm'));
          assert.equal(existsSync(opened), false, 'nothing was opened');
        }
      } finally {
        child.kill();
      }
    });
  }
});
