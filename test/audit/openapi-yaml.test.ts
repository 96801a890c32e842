// --openapi reads YAML (3.0 and 3.1) as it reads JSON, bounded against hostile documents.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TargetReport } from '../../src/audit/index.ts';
import { openApiFileTargets } from '../../src/cli/audit/openapi-file.ts';
import { listen, type Running } from './support/listen.ts';
import { runAuditCli } from './support/run-audit.ts';
import { partlyMisconfiguredApi, partlyMisconfiguredDocument, TRUSTED } from './support/zoo.ts';

const dir = mkdtempSync(join(tmpdir(), 'corsguard-openapi-yaml-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// partlyMisconfiguredDocument in YAML, the id parameter shared through an anchor.
const zooYaml = (version: string, server: string, idType: string): string => `openapi: ${version}
info: {title: items, version: '1'}
servers:
  - url: ${server}
components:
  parameters:
    Id: &id
      name: id
      in: path
      required: true
      schema: {type: ${idType}, example: 42}
paths:
  /items:
    get:
      responses: {'200': {description: list}}
  /items/{id}:
    parameters: [*id]
    get:
      responses: {'200': {description: one}}
    delete:
      responses: {'204': {description: gone}}
`;

let api: Running;
before(async () => {
  api = await listen(partlyMisconfiguredApi());
});
after(() => api.close());

/** Each target's URL and its findings' ids and severities: what must not depend on the format. */
const summary = (stdout: string) =>
  (JSON.parse(stdout).targets as TargetReport[]).map((target) => ({
    url: target.url,
    findings: target.findings.map((finding) => `${finding.id}:${finding.severity}`).sort(),
  }));

describe('corsguard audit --openapi FILE.yaml finds what the JSON document finds', () => {
  const rows = [
    { rule: 'OpenAPI 3.0, by extension .yaml', name: 'api.yaml', version: '3.0.3', idType: 'integer' },
    {
      rule: 'OpenAPI 3.1 type arrays, by extension .yml',
      name: 'api.yml',
      version: '3.1.0',
      idType: '[integer, "null"]',
    },
    { rule: 'YAML by content, whatever the extension', name: 'api-yaml.json', version: '3.0.3', idType: 'integer' },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const server = `http://127.0.0.1:${api.port}`;
      const json = await runAuditCli([
        '--openapi',
        write('api.json', JSON.stringify(partlyMisconfiguredDocument(server))),
        '-o',
        TRUSTED,
        '--json',
      ]);
      const yaml = await runAuditCli([
        '--openapi',
        write(row.name, zooYaml(row.version, server, row.idType)),
        '-o',
        TRUSTED,
        '--json',
      ]);
      assert.equal(yaml.code, 1, yaml.stdout + yaml.stderr);
      assert.equal(yaml.code, json.code);
      const found = summary(yaml.stdout);
      assert.deepEqual(found, summary(json.stdout));
      assert.ok(found.some((target) => target.findings.includes('preflight-any-origin:high')));
    });
  }
});

describe('YAML anchors, aliases and merge keys', () => {
  const rows: { rule: string; text: string; targets: { url: string; methods: string[] }[] }[] = [
    {
      rule: 'an aliased operation on two paths',
      text: 'openapi: 3.0.0\nservers: [{url: "https://a.example"}]\npaths:\n  /a: {get: &op {}}\n  /b: {put: *op}\n',
      targets: [
        { url: 'https://a.example/a', methods: ['GET'] },
        { url: 'https://a.example/b', methods: ['PUT'] },
      ],
    },
    {
      rule: 'a merge key into a path item',
      text: 'openapi: 3.1.0\nservers: [{url: "https://a.example"}]\nx-base: &base {get: {}}\npaths:\n  /a: {<<: *base, post: {}}\n',
      targets: [{ url: 'https://a.example/a', methods: ['GET', 'POST'] }],
    },
  ];
  for (const row of rows) {
    test(row.rule, async () =>
      assert.deepEqual(
        (await openApiFileTargets(write('anchors.yaml', row.text), [])).map((target) => ({
          url: target.url,
          methods: [...(target.methods ?? [])],
        })),
        row.targets,
      ),
    );
  }
});

const laughs = (): string => {
  let text = 'openapi: 3.0.0\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++)
    text += `x-a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return `${text}paths: {/a: {get: {}}}\nservers: [{url: "https://a.example"}]\n`;
};
const manyAliases = (): string =>
  `openapi: 3.0.0\nx-a: &a 1\nx-b: [${Array(101).fill('*a').join(', ')}]\npaths: {/a: {get: {}}}\n`;
const manyPaths = (): string => {
  let text = 'openapi: 3.0.0\nservers: [{url: "https://a.example"}]\npaths:\n';
  for (let i = 0; i < 10_000; i++) text += `  /p${i}: {get: {}}\n`;
  return text;
};
const deep = (): string => {
  let text = 'openapi: 3.0.0\npaths:\n';
  for (let i = 0; i < 3000; i++) text += `${' '.repeat(i + 2)}k${i}:\n`;
  return text;
};

describe('hostile YAML is refused before anything is sent', () => {
  const rows: { rule: string; text: string; stderr: RegExp }[] = [
    { rule: 'an alias bomb (billion laughs)', text: laughs(), stderr: /not YAML \(aliases expand too much/ },
    {
      rule: 'more aliases than the bound',
      text: manyAliases(),
      stderr: /\(line 3, column \d+: more than 100 aliases\)/,
    },
    { rule: '10,000 paths, with the JSON pointer', text: manyPaths(), stderr: /api\.yaml#\/paths: / },
    { rule: 'deep block nesting', text: deep(), stderr: /not YAML \(line \d+, column \d+: nested too deeply\)/ },
    {
      rule: 'deep flow nesting',
      text: `openapi: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`,
      stderr: /not YAML \(line 1, column \d+: nested too deeply\)/,
    },
    {
      rule: 'a syntax error, with its line and column',
      text: 'openapi: 3.0.0\npaths:\n  /a: {get: [}\n',
      stderr: /api\.yaml: not YAML \(line 3, column 14: /,
    },
    {
      rule: 'a duplicate key, with its line and column',
      text: 'openapi: 3.0.0\nopenapi: 3.1.0\n',
      stderr: /\(line 2, column 1: /,
    },
    { rule: 'two documents in one file', text: 'openapi: 3.0.0\n---\npaths: {}\n', stderr: /\(line 2, column 1: / },
    {
      rule: 'a semantic problem, with its JSON pointer',
      text: 'openapi: 3.0.0\npaths:\n  a: {get: {}}\n',
      stderr: /api\.yaml#\/paths\/a: /,
    },
  ];
  for (const row of rows) {
    test(row.rule, async () => {
      const requests: string[] = [];
      const server = await listen((request, response) => {
        requests.push(`${request.method} ${request.url}`);
        response.end();
      });
      try {
        const started = Date.now();
        const run = await runAuditCli([`http://127.0.0.1:${server.port}`, '--openapi', write('api.yaml', row.text)]);
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stderr, row.stderr);
        assert.deepEqual(requests, []);
        assert.ok(Date.now() - started < 8000);
      } finally {
        await server.close();
      }
    });
  }
});
