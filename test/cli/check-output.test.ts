// What `corsguard check` reports: exit codes, the JSON verdict's fields, and the few rendering
// rules that carry meaning (the ✔/✘ marks).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkJson, invoke } from './cli-harness.ts';
import { fixedServer, startServer, type TestServer } from './servers.ts';

const ORIGIN = 'http://app.localhost:3000';

describe('corsguard check output', { concurrency: true }, () => {
  let allowing: TestServer;
  let refusing: TestServer;
  let preflightRefusing: TestServer;
  before(async () => {
    allowing = await fixedServer(200, [
      ['Access-Control-Allow-Origin', ORIGIN],
      ['Cache-Control', 'no-store'],
      ['X-Sent', '1'],
    ]);
    refusing = await fixedServer(200, []);
    preflightRefusing = await startServer((request, response) => {
      response.writeHead(request.method === 'OPTIONS' ? 204 : 200, { 'access-control-allow-origin': ORIGIN });
      response.end();
    });
  });
  after(() => Promise.all([allowing, refusing, preflightRefusing].map((server) => server.close())));

  const firstLineRows = [
    {
      rule: 'a blocked request: no mark on the request line, ✘ on the failing step',
      server: () => refusing,
      code: 1,
      last: '✘',
    },
    {
      rule: 'an allowed request: no mark on the request line, ✔ on the last step',
      server: () => allowing,
      code: 0,
      last: '✔',
    },
  ];
  for (const row of firstLineRows) {
    test(`the request line is not a check: ${row.rule}`, async () => {
      const result = await invoke(['check', `${row.server().url}/`, '--origin', ORIGIN]);
      assert.equal(result.code, row.code);
      const steps = result.stdout
        .split('\n')
        .filter((line) => /^\S/.test(line) && !/^(Allowed|Blocked|Fix)/.test(line));
      assert.equal(steps[0]?.[0], '→');
      assert.equal(steps.at(-1)?.[0], row.last);
    });
  }

  const readRows = [
    {
      rule: 'a header the server did not send is not a block: exit 0, reported as unsent',
      read: ['X-Missing'],
      code: 0,
      allowed: true,
      reason: undefined,
      unsent: ['x-missing'],
    },
    {
      rule: 'an unsent header beside a sent, readable one',
      read: ['Cache-Control', 'X-Missing'],
      code: 0,
      allowed: true,
      reason: undefined,
      unsent: ['x-missing'],
    },
    {
      rule: 'a sent but unexposed header is still a block (exit 1)',
      read: ['X-Sent'],
      code: 1,
      allowed: false,
      reason: 'header-not-exposed',
      unsent: undefined,
    },
  ];
  for (const row of readRows) {
    test(`--read-header: ${row.rule}`, async () => {
      const { code, verdict } = await checkJson([
        `${allowing.url}/`,
        '--origin',
        ORIGIN,
        ...row.read.flatMap((name) => ['--read-header', name]),
      ]);
      assert.equal(code, row.code);
      assert.equal(verdict.allowed, row.allowed);
      assert.equal(verdict.reason, row.reason);
      assert.deepEqual(verdict.unsentHeaders, row.unsent);
    });
  }

  test('--read-header of an unsent header: a warning, and no "(no CORS headers)" for a response that had them', async () => {
    const result = await invoke(['check', `${allowing.url}/`, '--origin', ORIGIN, '--read-header', 'X-Missing']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /⚠ The server did not send response header x-missing/);
    assert.doesNotMatch(result.stdout, /no CORS headers|Blocked/);
  });

  test('a hidden header: the read step shows the Expose-Headers it lacked, not "(no CORS headers)"', async () => {
    const result = await invoke(['check', `${allowing.url}/`, '--origin', ORIGIN, '--read-header', 'X-Sent']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /< \(no Access-Control-Expose-Headers\)/);
    assert.doesNotMatch(result.stdout, /no CORS headers/);
  });

  const fixRows = [
    {
      rule: 'a missing Allow-Origin',
      args: () => [`${refusing.url}/`, '--origin', ORIGIN],
      options: { origin: [ORIGIN] },
    },
    {
      rule: 'a refused preflight names method and headers',
      args: () => [`${refusing.url}/`, '--origin', ORIGIN, '-X', 'PUT', '-H', 'X-Api-Key: k', '--credentials'],
      options: { origin: [ORIGIN], methods: ['PUT'], allowedHeaders: ['x-api-key'], credentials: true },
    },
    {
      rule: 'an unlisted method',
      args: () => [`${preflightRefusing.url}/`, '--origin', ORIGIN, '-X', 'PATCH'],
      options: { methods: ['PATCH'] },
    },
    {
      rule: 'an unexposed header',
      args: () => [`${allowing.url}/`, '--origin', ORIGIN, '--read-header', 'X-Sent'],
      options: { exposedHeaders: ['x-sent'] },
    },
  ];
  for (const row of fixRows) {
    test(`--json fix.options is an options object: ${row.rule}`, async () => {
      const { code, verdict } = await checkJson(row.args());
      assert.equal(code, 1);
      assert.deepEqual((verdict.fix as { options: unknown }).options, row.options);
    });
  }

  const originRows = [
    {
      rule: 'a trailing slash',
      given: `${ORIGIN}/`,
      notes: [{ code: 'origin-normalized', given: `${ORIGIN}/`, origin: ORIGIN }],
    },
    {
      rule: 'capitals and a default port',
      given: 'HTTP://App.localhost:80',
      notes: [{ code: 'origin-normalized', given: 'HTTP://App.localhost:80', origin: 'http://app.localhost' }],
    },
    { rule: 'an origin as browsers write it: no note', given: ORIGIN, notes: [] },
  ];
  for (const row of originRows) {
    test(`--origin normalised is noted: ${row.rule}`, async () => {
      const { code, verdict, stderr } = await checkJson([`${allowing.url}/`, '--origin', row.given]);
      assert.equal(typeof code, 'number');
      const notes = (verdict.notes as { code: string; given: string; origin: string }[]).map(
        ({ code, given, origin }) => ({ code, given, origin }),
      );
      assert.deepEqual(notes, row.notes);
      assert.equal(stderr.includes('note:'), row.notes.length > 0);
    });
  }
});
