// Origins a server trusts whatever Origin is sent (a partner hard-coded in its config).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { audit, type AuditOptions } from '../../src/audit/index.ts';
import { nodeTransport } from '../../src/transport/node-transport.ts';
import { handwritten, type Headers } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

const PARTNER = 'https://partner.example';
const transport = nodeTransport({ timeout: 5000 });
const running: Running[] = [];
after(async () => {
  transport.close();
  await Promise.all(running.map((server) => server.close()));
});

/** A server whose Allow-Origin never depends on the request (`own`: its own origin, known once listening). */
async function audited(answer: (own: string) => Headers, options: AuditOptions = {}) {
  let own = '';
  const server = await listen(handwritten(() => answer(own)));
  running.push(server);
  own = `http://127.0.0.1:${server.port}`;
  const report = await audit([`${own}/data`], { transport, concurrency: 4, ...options });
  assert.equal(report.targets[0]?.error, undefined);
  return report.targets[0]?.findings ?? [];
}

describe('fixed-origin-trusted: one origin allowed whatever Origin is sent', () => {
  const rows: {
    rule: string;
    answer: (own: string) => Headers;
    options?: AuditOptions;
    severity: string | undefined;
    origin?: string;
    also?: string;
  }[] = [
    {
      rule: 'a partner with credentials is medium',
      answer: () => ({ 'access-control-allow-origin': PARTNER, 'access-control-allow-credentials': 'true' }),
      severity: 'medium',
      origin: PARTNER,
    },
    {
      rule: 'a partner without credentials is low',
      answer: () => ({ 'access-control-allow-origin': PARTNER }),
      severity: 'low',
      origin: PARTNER,
    },
    {
      rule: 'a partner on another port is still one origin',
      answer: () => ({ 'access-control-allow-origin': 'http://partner.example:8080' }),
      severity: 'low',
      origin: 'http://partner.example:8080',
    },
    {
      rule: 'a trailing slash is malformed, not a trusted origin',
      answer: () => ({ 'access-control-allow-origin': `${PARTNER}/` }),
      severity: undefined,
      also: 'invalid-allow-origin',
    },
    {
      rule: 'a list is malformed, not a trusted origin',
      answer: () => ({ 'access-control-allow-origin': `${PARTNER} https://b.example` }),
      severity: undefined,
      also: 'invalid-allow-origin',
    },
    {
      rule: 'upper case is malformed, not a trusted origin',
      answer: () => ({ 'access-control-allow-origin': 'https://Partner.example' }),
      severity: undefined,
      also: 'invalid-allow-origin',
    },
    {
      rule: 'a value that is no origin is malformed',
      answer: () => ({ 'access-control-allow-origin': 'partner.example' }),
      severity: undefined,
      also: 'invalid-allow-origin',
    },
    {
      rule: "the server's own origin is not a finding",
      answer: (own) => ({ 'access-control-allow-origin': own }),
      severity: undefined,
    },
    {
      rule: 'an origin given with --origin is what the user meant',
      answer: () => ({ 'access-control-allow-origin': PARTNER }),
      options: { origins: [PARTNER] },
      severity: undefined,
    },
    {
      rule: '* is wildcard-origin, not a fixed origin',
      answer: () => ({ 'access-control-allow-origin': '*' }),
      severity: undefined,
      also: 'wildcard-origin',
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const findings = await audited(row.answer, row.options);
      const fixed = findings.find((finding) => finding.id === 'fixed-origin-trusted');
      assert.equal(fixed?.severity, row.severity, findings.map((finding) => finding.id).join(', '));
      if (row.origin !== undefined) assert.equal(fixed?.origin, row.origin);
      if (row.also !== undefined) assert.ok(findings.some((finding) => finding.id === row.also));
    });
  }
});
