import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { audit, type AuditOptions, type FindingId, type Severity } from '../../src/audit/index.ts';
import { allowWhen, handwritten, isPreflight, type Answer } from './support/hand-written.ts';
import { listen, type Running } from './support/listen.ts';

const TRUSTED = 'https://app.example.com';

/** Reflects any Origin on preflights only; other requests carry no Allow-Origin. */
const preflightOnly =
  (credentials: boolean): Answer =>
  (origin, request) =>
    isPreflight(request) && origin !== undefined
      ? {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, PUT',
          'access-control-allow-headers': 'content-type',
          vary: 'Origin',
          ...(credentials ? { 'access-control-allow-credentials': 'true' } : {}),
        }
      : { vary: 'Origin' };

/** Allows the trusted origin; its preflights get `preflight` on top. */
const trustedWith =
  (preflight: Answer): Answer =>
  (origin, request) => {
    if (origin !== TRUSTED) return { vary: 'Origin' };
    return {
      'access-control-allow-origin': TRUSTED,
      vary: 'Origin',
      ...(isPreflight(request) ? preflight(origin, request) : {}),
    };
  };

const rows: {
  rule: string;
  answer: Answer | 'reflect-all';
  options?: Partial<AuditOptions>;
  found: Partial<Record<FindingId, Severity>>;
  absent: FindingId[];
}[] = [
  {
    rule: 'preflight-any-origin: Origin reflected on OPTIONS only, with credentials: high',
    answer: preflightOnly(true),
    found: { 'preflight-any-origin': 'high' },
    absent: ['reflects-any-origin'],
  },
  {
    rule: 'preflight-any-origin: Origin reflected on OPTIONS only, without credentials: medium',
    answer: preflightOnly(false),
    found: { 'preflight-any-origin': 'medium' },
    absent: ['reflects-any-origin'],
  },
  {
    rule: 'preflight-any-origin is not repeated when reflects-any-origin shows the same hole',
    answer: 'reflect-all',
    found: { 'reflects-any-origin': 'high' },
    absent: ['preflight-any-origin'],
  },
  {
    rule: 'preflight-any-origin: a public * preflight is not one',
    answer: () => ({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT' }),
    options: { origins: [] },
    found: { 'wildcard-origin': 'info' },
    absent: ['preflight-any-origin'],
  },
  {
    rule: 'preflight-reflects-methods: Access-Control-Allow-Methods: *',
    answer: trustedWith(() => ({ 'access-control-allow-methods': '*' })),
    found: { 'preflight-reflects-methods': 'low' },
    absent: ['preflight-reflects-headers'],
  },
  {
    rule: 'preflight-reflects-headers: Access-Control-Allow-Headers: *',
    answer: trustedWith(() => ({ 'access-control-allow-headers': '*' })),
    found: { 'preflight-reflects-headers': 'low' },
    absent: ['preflight-reflects-methods'],
  },
  {
    rule: 'a fixed list of methods and headers is no reflection',
    answer: trustedWith(() => ({
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'content-type',
    })),
    found: {},
    absent: ['preflight-reflects-methods', 'preflight-reflects-headers'],
  },
  {
    rule: 'preflight-unanswered: OPTIONS answered 404 without any CORS header while GET is allowed',
    answer: (origin, request) =>
      request.method === 'OPTIONS' ? { ':status': '404' } : trustedWith(() => ({}))(origin, request),
    options: { methods: ['PUT'] },
    found: { 'preflight-unanswered': 'low', 'trusted-origin-blocked': 'low' },
    absent: [],
  },
  {
    rule: 'preflight-unanswered is not raised when a CORS policy refuses the method on purpose (403 with its headers)',
    answer: (origin, request) =>
      isPreflight(request) && origin === TRUSTED
        ? {
            ':status': '403',
            'access-control-allow-origin': TRUSTED,
            'access-control-allow-methods': 'GET',
            vary: 'Origin',
          }
        : trustedWith(() => ({}))(origin, request),
    options: { methods: ['PUT'] },
    found: { 'trusted-origin-blocked': 'low' },
    absent: ['preflight-unanswered'],
  },
];

const servers: Running[] = [];
const results = new Map<string, Map<FindingId, Severity>>();

before(async () => {
  for (const row of rows) {
    const server = await listen(
      row.answer === 'reflect-all' ? allowWhen(() => true, { credentials: true }) : handwritten(row.answer),
    );
    servers.push(server);
    const report = await audit([`http://127.0.0.1:${server.port}/data`], { origins: [TRUSTED], ...row.options });
    assert.equal(report.targets[0]?.error, undefined, row.rule);
    results.set(row.rule, new Map(report.targets[0]?.findings.map((finding) => [finding.id, finding.severity])));
  }
});
after(() => Promise.all(servers.map((server) => server.close())));

describe('preflight findings', () => {
  for (const row of rows) {
    test(row.rule, () => {
      const found = results.get(row.rule);
      for (const [id, severity] of Object.entries(row.found)) assert.equal(found?.get(id as FindingId), severity, id);
      for (const id of row.absent) assert.equal(found?.has(id), false, id);
    });
  }
});
