import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { selfSignedCertificate } from '../cli/servers.ts';
import { allowWhen } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';

let server: Running;
let plain: Running;
before(async () => {
  server = await listen(
    createServer(
      selfSignedCertificate(),
      allowWhen(() => true),
    ),
  );
  plain = await listen(allowWhen(() => true));
});
after(() => Promise.all([server.close(), plain.close()]));

describe('corsguard audit over TLS', () => {
  test('an untrusted certificate: the URL is not audited, and the error names --insecure', async () => {
    const run = await runAuditCli([`https://127.0.0.1:${server.port}/`, '--json']);
    assert.equal(run.code, 2);
    const target = JSON.parse(run.stdout).targets[0];
    assert.equal(target.errorCode, 'tls');
    assert.match(target.error, /--insecure/);
    assert.deepEqual(target.findings, []);
  });

  test('https: to a plain-HTTP server: not audited, errorCode not-http, one line naming http://', async () => {
    const run = await runAuditCli([`https://127.0.0.1:${plain.port}/`, '--json']);
    assert.equal(run.code, 2);
    const target = JSON.parse(run.stdout).targets[0];
    assert.equal(target.errorCode, 'not-http');
    assert.doesNotMatch(target.error, /\n/);
    assert.match(target.error, /http:\/\//);
  });

  test('--insecure audits it', async () => {
    const run = await runAuditCli([`https://127.0.0.1:${server.port}/`, '--insecure', '--json']);
    assert.equal(run.code, 1);
    const target = JSON.parse(run.stdout).targets[0];
    assert.equal(target.error, undefined);
    assert.ok(target.findings.some((finding: { id: string }) => finding.id === 'reflects-any-origin'));
  });
});
