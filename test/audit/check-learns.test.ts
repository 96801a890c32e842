// `corsguard check` warns about what its one exchange already shows (issue 9, "check learns from it").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ExchangeWarningId } from '../../src/audit/index.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { allowWhen, handwritten } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

const EVIL = 'https://evil.example';
const servers: Record<string, Running> = {};
const url = (name: string) => `http://127.0.0.1:${servers[name]?.port}/api`;

before(async () => {
  servers.reflectsWithCredentialsNoVary = await listen(allowWhen(() => true, { credentials: true, vary: false }));
  servers.exactWithVary = await listen(allowWhen((origin) => origin === EVIL));
  servers.wildcardWithCredentials = await listen(
    handwritten(() => ({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' })),
  );
  // The preflight varies on Origin; only the actual answer lacks Vary: the warning must come from the actual exchange.
  servers.preflightVariesActualNot = await listen(
    handwritten((origin, request) =>
      request.method === 'OPTIONS'
        ? { 'access-control-allow-origin': origin ?? '', 'access-control-allow-methods': 'PUT', vary: 'Origin' }
        : { 'access-control-allow-origin': origin ?? '' },
    ),
  );
});
after(() => Promise.all(Object.values(servers).map((server) => server.close())));

async function check(args: readonly string[]) {
  let stdout = '';
  const code = await runCli(['check', ...args], {
    stdout: (text) => (stdout += text),
    stderr: () => {},
    env: {},
    isTTY: false,
  });
  return { code, stdout };
}

const rows: {
  rule: string;
  server: string;
  origin?: string;
  args: string[];
  code: number;
  ids: ExchangeWarningId[];
}[] = [
  {
    rule: 'the issue\'s case: Origin reflected with credentials and no Vary is no bare "Allowed."',
    server: 'reflectsWithCredentialsNoVary',
    args: ['--credentials'],
    code: 0,
    ids: ['missing-vary-origin', 'origin-allowed-with-credentials'],
  },
  {
    rule: 'an exact origin with Vary: Origin and no credentials: no warning',
    server: 'exactWithVary',
    args: [],
    code: 0,
    ids: [],
  },
  {
    rule: 'wildcard-with-credentials: blocked, and the exchange says why',
    server: 'wildcardWithCredentials',
    args: ['--credentials'],
    code: 1,
    ids: ['wildcard-with-credentials'],
  },
  {
    rule: '--origin null allowed with credentials: the most dangerous case warns',
    server: 'reflectsWithCredentialsNoVary',
    origin: 'null',
    args: ['--credentials'],
    code: 0,
    ids: ['missing-vary-origin', 'allows-null-origin'],
  },
  {
    rule: 'the actual exchange is judged, not the preflight',
    server: 'preflightVariesActualNot',
    args: ['-X', 'PUT'],
    code: 0,
    ids: ['missing-vary-origin'],
  },
];

describe('corsguard check: warnings from the exchange', () => {
  for (const row of rows) {
    test(`--json: ${row.rule}`, async () => {
      const run = await check([url(row.server), '--origin', row.origin ?? EVIL, ...row.args, '--json']);
      assert.equal(run.code, row.code);
      const output = JSON.parse(run.stdout) as { exchangeWarnings: { id: string }[] };
      assert.deepEqual(output.exchangeWarnings.map((warning) => warning.id).sort(), [...row.ids].sort());
    });
    test(`text: ${row.rule}`, async () => {
      const run = await check([url(row.server), '--origin', row.origin ?? EVIL, ...row.args]);
      assert.equal(run.code, row.code);
      const shown = [...run.stdout.matchAll(/^ {2}⚠ .*\(([a-z-]+)\)$/gm)].map((match) => match[1]);
      assert.deepEqual(shown.sort(), [...row.ids].sort());
    });
  }
});
