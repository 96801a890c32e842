// Whole APIs from their description: --openapi, bounded against hostile documents.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Finding, TargetReport } from '../../src/audit/index.ts';
import { OpenApiError } from '../../src/audit/openapi/pointer.ts';
import { openApiTargets } from '../../src/audit/openapi/targets.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';
import { partlyMisconfiguredApi, partlyMisconfiguredDocument, TRUSTED } from './support/zoo.ts';

const doc = (paths: unknown, extra: Record<string, unknown> = {}) => ({
  openapi: '3.0.3',
  servers: [{ url: 'https://api.example.com/v1' }],
  paths,
  ...extra,
});
const op = (parameters?: unknown[]) => (parameters ? { parameters } : {});
const param = (fields: Record<string, unknown>) => ({ name: 'id', in: 'path', required: true, ...fields });

describe('openApiTargets: URLs and methods', () => {
  const rows: {
    rule: string;
    document: unknown;
    override?: string[];
    targets: { url: string; methods: string[] }[];
  }[] = [
    {
      rule: 'each path of each server, with its operations',
      document: doc(
        { '/items': { get: {}, post: {} } },
        { servers: [{ url: 'https://a.example' }, { url: 'https://b.example/api/' }] },
      ),
      targets: [
        { url: 'https://a.example/items', methods: ['GET', 'POST'] },
        { url: 'https://b.example/api/items', methods: ['GET', 'POST'] },
      ],
    },
    {
      rule: 'a path without operations is skipped',
      document: doc({ '/a': { get: {} }, '/b': { summary: 'x' } }),
      targets: [{ url: 'https://api.example.com/v1/a', methods: ['GET'] }],
    },
    {
      rule: 'a path parameter from example',
      document: doc({ '/items/{id}': { delete: op([param({ example: 42 })]) } }),
      targets: [{ url: 'https://api.example.com/v1/items/42', methods: ['DELETE'] }],
    },
    {
      rule: 'from examples',
      document: doc({ '/i/{id}': { get: op([param({ examples: { a: { value: 'abc' } } })]) } }),
      targets: [{ url: 'https://api.example.com/v1/i/abc', methods: ['GET'] }],
    },
    {
      rule: "from the schema's example, then enum",
      document: doc({
        '/i/{id}/{kind}': {
          get: op([param({ schema: { example: 7 } }), param({ name: 'kind', schema: { enum: ['x', 'y'] } })]),
        },
      }),
      targets: [{ url: 'https://api.example.com/v1/i/7/x', methods: ['GET'] }],
    },
    {
      rule: 'a placeholder for the type (3.1 type arrays too)',
      document: doc(
        {
          '/i/{id}/{name}': {
            get: op([
              param({ schema: { type: ['integer', 'null'] } }),
              param({ name: 'name', schema: { type: 'string' } }),
            ]),
          },
        },
        { openapi: '3.1.0' },
      ),
      targets: [{ url: 'https://api.example.com/v1/i/1/corsguard', methods: ['GET'] }],
    },
    {
      rule: 'a path-level parameter, through $ref',
      document: doc(
        { '/i/{id}': { parameters: [{ $ref: '#/components/parameters/Id' }], get: {} } },
        { components: { parameters: { Id: param({ example: 'p~1' }) } } },
      ),
      targets: [{ url: 'https://api.example.com/v1/i/p~1', methods: ['GET'] }],
    },
    {
      rule: 'a value is percent-encoded',
      document: doc({ '/i/{id}': { get: op([param({ example: 'a/b c' })]) } }),
      targets: [{ url: 'https://api.example.com/v1/i/a%2Fb%20c', methods: ['GET'] }],
    },
    {
      rule: 'a huge example is replaced by the placeholder',
      document: doc({
        '/i/{id}': { get: op([param({ example: 'x'.repeat(1_000_000), schema: { type: 'integer' } })]) },
      }),
      targets: [{ url: 'https://api.example.com/v1/i/1', methods: ['GET'] }],
    },
    {
      rule: 'server variables take their defaults',
      document: doc(
        { '/a': { get: {} } },
        { servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu' } } }] },
      ),
      targets: [{ url: 'https://eu.example.com/a', methods: ['GET'] }],
    },
    {
      rule: 'URLs given replace the servers',
      document: doc({ '/a': { get: {} } }, { servers: [{ url: '/v1' }] }),
      override: ['http://127.0.0.1:9/v1/'],
      targets: [{ url: 'http://127.0.0.1:9/v1/a', methods: ['GET'] }],
    },
  ];
  for (const row of rows) {
    test(row.rule, () =>
      assert.deepEqual(
        openApiTargets(row.document, row.override).map((target) => ({ url: target.url, methods: [...target.methods] })),
        row.targets,
      ),
    );
  }
});

describe('openApiTargets: bad and hostile documents are refused with the JSON pointer of the problem', () => {
  const cycle: Record<string, unknown> = {
    a: { $ref: '#/components/parameters/b' },
    b: { $ref: '#/components/parameters/a' },
  };
  const chain: Record<string, unknown> = {};
  for (let i = 0; i < 100; i++) chain[`p${i}`] = { $ref: `#/components/parameters/p${i + 1}` };
  const many: Record<string, unknown> = {};
  for (let i = 0; i < 10_000; i++) many[`/p${i}`] = { get: {} };
  const rows: { rule: string; document: unknown; pointer: string }[] = [
    { rule: 'not an object', document: [], pointer: '' },
    { rule: 'Swagger 2.0', document: { swagger: '2.0', paths: {} }, pointer: '/swagger' },
    { rule: 'OpenAPI 4', document: { openapi: '4.0.0', paths: {} }, pointer: '/openapi' },
    { rule: 'no paths', document: { openapi: '3.1.0' }, pointer: '/paths' },
    {
      rule: 'a $ref cycle',
      document: doc(
        { '/i/{id}': { get: op([{ $ref: '#/components/parameters/a' }]) } },
        { components: { parameters: cycle } },
      ),
      pointer: '/paths/~1i~1{id}/get/parameters/0',
    },
    {
      rule: 'a $ref chain past the bound',
      document: doc(
        { '/i': { get: op([{ $ref: '#/components/parameters/p0' }]) } },
        { components: { parameters: chain } },
      ),
      pointer: '/paths/~1i/get/parameters/0',
    },
    { rule: 'a path item $ref to itself', document: doc({ '/i': { $ref: '#/paths/~1i' } }), pointer: '/paths/~1i' },
    { rule: 'an external $ref', document: doc({ '/i': { $ref: 'other.json#/x' } }), pointer: '/paths/~1i' },
    {
      rule: 'a $ref to nothing',
      document: doc({ '/i': { get: op([{ $ref: '#/components/parameters/none' }]) } }),
      pointer: '/paths/~1i/get/parameters/0',
    },
    { rule: '10,000 paths', document: doc(many), pointer: '/paths' },
    {
      rule: 'no servers and no URL given',
      document: { openapi: '3.0.0', paths: { '/a': { get: {} } } },
      pointer: '/servers',
    },
    {
      rule: 'a relative server without a URL given',
      document: doc({ '/a': { get: {} } }, { servers: [{ url: '/v1' }] }),
      pointer: '/servers/0/url',
    },
    {
      rule: 'a server variable without default',
      document: doc({ '/a': { get: {} } }, { servers: [{ url: 'https://{x}.example', variables: { x: {} } }] }),
      pointer: '/servers/0/variables/x',
    },
    {
      rule: 'a non-http server',
      document: doc({ '/a': { get: {} } }, { servers: [{ url: 'ftp://a.example' }] }),
      pointer: '/servers/0/url',
    },
    { rule: 'a path without its slash', document: doc({ a: { get: {} } }), pointer: '/paths/a' },
    {
      rule: 'a URL past the bound',
      document: doc({ [`/${'a'.repeat(5000)}`]: { get: {} } }),
      pointer: `/paths/~1${'a'.repeat(5000)}`,
    },
  ];
  for (const row of rows) {
    test(row.rule, () => {
      const started = Date.now();
      assert.throws(
        () => openApiTargets(row.document),
        (error: unknown) => error instanceof OpenApiError && error.pointer === row.pointer,
      );
      assert.ok(Date.now() - started < 2000);
    });
  }
});

const dir = mkdtempSync(join(tmpdir(), 'corsguard-openapi-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
let api: Running;
const requested: string[] = [];
before(async () => {
  const handler = partlyMisconfiguredApi();
  api = await listen((request, response) => {
    requested.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
});
after(() => api.close());

describe('corsguard audit --openapi', () => {
  test('an API with one misconfigured operation: only its preflight is found, on its path', async () => {
    const file = write('api.json', JSON.stringify(partlyMisconfiguredDocument(`http://127.0.0.1:${api.port}`)));
    const run = await runAuditCli(['--openapi', file, '-o', TRUSTED, '--json']);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const targets: TargetReport[] = JSON.parse(run.stdout).targets;
    const base = `http://127.0.0.1:${api.port}`;
    assert.deepEqual(
      targets.map((target) => target.url),
      [`${base}/items`, `${base}/items/42`],
    );
    const byUrl = (url: string): Finding[] => [...(targets.find((target) => target.url === url)?.findings ?? [])];
    const found = byUrl(`${base}/items/42`).find((finding) => finding.id === 'preflight-any-origin');
    assert.equal(found?.severity, 'high');
    assert.equal(found?.evidence.request.headers['access-control-request-method'], 'DELETE');
    assert.deepEqual(
      byUrl(`${base}/items`).filter((finding) => finding.severity !== 'info'),
      [],
    );
    // Nothing but GET and OPTIONS was sent, and only to the described paths.
    assert.deepEqual(
      requested.filter((line) => !/^(GET|OPTIONS) \/items(\/42)?$/.test(line)),
      [],
    );
  });

  test('the same URL audited without the document misses it (only PUT is probed)', async () => {
    const run = await runAuditCli([`http://127.0.0.1:${api.port}/items/42`, '-o', TRUSTED, '--json']);
    assert.equal(run.code, 0, run.stdout);
  });

  const bad: { rule: string; text: string; stderr: RegExp }[] = [
    { rule: 'not JSON', text: '{', stderr: /--openapi .*: not JSON/ },
    {
      rule: 'nested too deeply',
      text: `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      stderr: /not YAML \(line 1, column \d+: nested too deeply\)/,
    },
    {
      rule: 'a $ref cycle, with its pointer',
      text: JSON.stringify(doc({ '/i': { $ref: '#/paths/~1i' } })),
      stderr: /api\.json#\/paths\/~1i: \$ref cycle/,
    },
    { rule: 'no operation anywhere', text: JSON.stringify(doc({ '/i': {} })), stderr: /#\/paths: no operation/ },
  ];
  for (const row of bad) {
    test(`a bad document stops before anything is sent: ${row.rule}`, async () => {
      requested.length = 0;
      const run = await runAuditCli([
        `http://127.0.0.1:${api.port}`,
        '--openapi',
        write(row.rule === 'a $ref cycle, with its pointer' ? 'api.json' : `bad-${bad.indexOf(row)}.json`, row.text),
      ]);
      assert.equal(run.code, 2, run.stdout + run.stderr);
      assert.match(run.stderr, row.stderr);
      assert.deepEqual(requested, []);
    });
  }
});
