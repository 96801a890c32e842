// Every code corsguard reports has a documentation page with prose beside its catalogue
// (docs/codes/prose/<kind>.md), and each example really triggers its code: a configuration example
// throws that issue, a decision or simulator example ends with that reason. A new code without prose, or prose
// for a code that is gone, fails here. The CLI and options references cover every flag and option.
// Runs on the source, in the fast loop; test/docs/site.test.ts builds the site.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { PRESETS } from '../../examples/playground/page/presets.ts';
import { catalogueCodes } from '../../scripts/docs/catalogues.ts';
import { commands } from '../../scripts/docs/cli-page.ts';
import { helpEntries } from '../../scripts/docs/help-text.ts';
import { codesByOption, SPEC_LINKS } from '../../scripts/docs/options-page.ts';
import { readProse } from '../../scripts/docs/prose.ts';
import { proseProblems } from '../../scripts/docs/generate.ts';
import { DOCS_BASE_URL, DOCS_KINDS, docsPath, docsUrl } from '../../src/core/docs-url.ts';
import { CorsConfigError } from '../../src/core/errors.ts';
import { OPTION_NAMES } from '../../src/core/options.ts';
import { blocksOf, DOCS } from './support/pages.ts';

const root = new URL('../../', import.meta.url).pathname;
const codes = catalogueCodes();
// The examples import 'corsguard' and 'corsguard/simulate'; here they run on the source.
const SOURCE_IMPORTS: Record<string, string> = {
  corsguard: 'src/index.ts',
  'corsguard/simulate': 'src/simulate/index.ts',
};
// Inside the package, where tsx treats the files as ES modules (top-level await).
const scratch = join(root, '.test-results', 'docs-examples');

before(() => mkdirSync(scratch, { recursive: true }));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The example of a code's prose as a module running on the source. */
async function runExample(kind: string, code: string, source: string): Promise<unknown> {
  const file = join(scratch, `${kind}-${code}.ts`);
  writeFileSync(
    file,
    source.replace(
      /from '(corsguard(?:\/simulate)?)'/g,
      (_, name: string) => `from '${join(root, SOURCE_IMPORTS[name]!)}'`,
    ),
  );
  return import(pathToFileURL(file).href);
}

function exampleOf(kind: 'config' | 'simulate' | 'decision', code: string): string {
  const prose = readProse(kind).get(code);
  assert.ok(prose, `docs/codes/prose/${kind}.md has no section for ${code}`);
  const blocks = blocksOf(writeTemp(`${kind}-${code}.md`, prose.body)).filter((block) => block.lang === 'ts');
  assert.equal(blocks.length, 1, `${code}: one ts example`);
  return blocks[0]!.code;
}

function writeTemp(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('every code has prose, and only codes that exist do', () => {
  for (const kind of DOCS_KINDS) {
    for (const code of codes[kind]) {
      test(`${kind} ${code} has a section in docs/codes/prose/${kind}.md`, () => assert.ok(readProse(kind).has(code)));
    }
  }
  test('no prose describes a code its catalogue does not have', () => {
    assert.deepEqual(proseProblems(codes), []);
  });
});

describe('each configuration example throws its code (CorsConfigError issues[].code)', () => {
  for (const code of codes.config) {
    test(code, async () => {
      const error = await runExample('config', code, exampleOf('config', code)).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      assert.ok(error instanceof CorsConfigError, `the example does not throw a CorsConfigError: ${String(error)}`);
      assert.ok(
        error.issues.some((issue) => issue.code === code),
        `issues: ${error.issues.map((issue) => issue.code).join(', ')}`,
      );
    });
  }
});

describe('each simulator example ends with its reason (verdict.reason)', () => {
  for (const reason of codes.simulate) {
    test(reason, async () => {
      const module = (await runExample('simulate', reason, exampleOf('simulate', reason))) as {
        default: { allowed: boolean; reason?: string };
      };
      assert.equal(module.default.reason, reason);
    });
  }
});

describe("each decision example ends with its reason (the engine's decision.reason)", () => {
  for (const reason of codes.decision) {
    test(reason, async () => {
      const module = (await runExample('decision', reason, exampleOf('decision', reason))) as {
        default: { reason: string };
      };
      assert.equal(module.default.reason, reason);
    });
  }
});

describe('the configuration codes name the option they belong to', () => {
  const options = new Set([...OPTION_NAMES, '(the options object)']);
  for (const [option, list] of codesByOption()) {
    test(`${list.join(', ')} → ${option}`, () => assert.ok(options.has(option), `'${option}' is not an option`));
  }
});

describe('the options reference has a spec link for every option', () => {
  for (const name of OPTION_NAMES) test(name, () => assert.match(SPEC_LINKS[name] ?? '', /^https:\/\//));
});

describe('the CLI reference describes every flag each command parses (from its --help)', () => {
  for (const { command, help, flags } of commands()) {
    const entries = helpEntries(help);
    for (const flag of flags) {
      test(`corsguard ${command} --${flag.name}`, () =>
        assert.ok(
          (entries.get(flag.name)?.description ?? '') !== '',
          `--${flag.name} is parsed but corsguard ${command} --help does not describe it`,
        ));
    }
  }
});

describe('docsUrl: one scheme for every code page', () => {
  const rows = [
    {
      rule: 'a configuration issue',
      kind: 'config',
      code: 'origin-trailing-slash',
      url: 'https://corsguard.github.io/corsguard/codes/config/origin-trailing-slash',
    },
    {
      rule: 'an audit finding',
      kind: 'audit',
      code: 'wildcard-with-credentials',
      url: 'https://corsguard.github.io/corsguard/codes/audit/wildcard-with-credentials',
    },
    {
      rule: 'a simulator reason',
      kind: 'simulate',
      code: 'header-not-allowed',
      url: 'https://corsguard.github.io/corsguard/codes/simulate/header-not-allowed',
    },
    {
      rule: 'a gateway problem',
      kind: 'gateway',
      code: 'upstream-timeout',
      url: 'https://corsguard.github.io/corsguard/codes/gateway/upstream-timeout',
    },
  ] as const;
  for (const row of rows) test(row.rule, () => assert.equal(docsUrl(row.kind, row.code), row.url));
  test('another base', () =>
    assert.equal(
      docsUrl('config', 'origin-path', 'http://localhost:5173/'),
      'http://localhost:5173/codes/config/origin-path',
    ));
  test('the base is the site the config builds for GitHub Pages', () =>
    assert.ok(DOCS_BASE_URL.endsWith('/corsguard/')));
  test('the path is where the generator writes the page', () =>
    assert.equal(docsPath('audit', 'any-port'), 'codes/audit/any-port'));
});

describe('each playground preset links to a page of the site', () => {
  for (const preset of PRESETS) {
    test(`${preset.id} → ${preset.guide}`, () => {
      const [path = ''] = preset.guide.split('#');
      const generated = path.startsWith('codes/');
      assert.ok(
        generated
          ? codes[path.split('/')[1] as 'config'].includes(path.split('/')[2]!)
          : existsSync(join(DOCS, `${path}.md`)),
        `${path} is not a page`,
      );
    });
  }
});
