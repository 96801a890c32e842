import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { audit, type FindingId, type Severity } from '../../src/audit/index.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

const TRUSTED = 'https://app.example.com';

// Each server allows the trusted origin and one kind of look-alike; credentials raise the severity.
const rows: { id: FindingId; allows: (origin: string) => boolean; credentials: Severity; plain: Severity }[] = [
  { id: 'reflects-any-origin', allows: () => true, credentials: 'high', plain: 'medium' },
  { id: 'allows-null-origin', allows: (o) => o === 'null', credentials: 'high', plain: 'medium' },
  { id: 'prefix-match', allows: (o) => o.startsWith(`${TRUSTED}.`), credentials: 'high', plain: 'medium' },
  { id: 'suffix-match', allows: (o) => /^https:\/\/[a-z]+example\.com$/.test(o), credentials: 'high', plain: 'medium' },
  { id: 'unescaped-dot', allows: (o) => /^https:\/\/app.example.com$/.test(o), credentials: 'high', plain: 'medium' },
  { id: 'special-char-bypass', allows: (o) => o.startsWith(`${TRUSTED}_`), credentials: 'high', plain: 'medium' },
  {
    id: 'any-subdomain',
    allows: (o) => /^https:\/\/[a-z]+\.example\.com$/.test(o),
    credentials: 'medium',
    plain: 'low',
  },
  {
    id: 'any-port',
    allows: (o) => /^https:\/\/app\.example\.com(:\d+)?$/.test(o),
    credentials: 'medium',
    plain: 'low',
  },
  { id: 'insecure-origin-trusted', allows: (o) => o === 'http://app.example.com', credentials: 'medium', plain: 'low' },
  { id: 'third-party-origin-trusted', allows: (o) => o.endsWith('.github.io'), credentials: 'high', plain: 'medium' },
];

const servers: Running[] = [];
const found = new Map<string, Severity | undefined>();

before(async () => {
  for (const row of rows) {
    for (const credentials of [true, false]) {
      const server = await listen(allowWhen((o) => o === TRUSTED || row.allows(o), { credentials }));
      servers.push(server);
      const report = await audit([`http://127.0.0.1:${server.port}/`], { origins: [TRUSTED], concurrency: 8 });
      found.set(`${row.id} ${credentials}`, report.targets[0]?.findings.find((f) => f.id === row.id)?.severity);
    }
  }
});
after(() => Promise.all(servers.map((server) => server.close())));

describe('severity depends on whether the server also allows credentials for the probing origin', () => {
  for (const row of rows) {
    test(`${row.id}: ${row.credentials} with credentials, ${row.plain} without`, () => {
      assert.equal(found.get(`${row.id} true`), row.credentials);
      assert.equal(found.get(`${row.id} false`), row.plain);
    });
  }
});
