// The workflow that publishes the site (.github/workflows/docs.yml) builds what site.test.ts builds
// and checks, under the base path the errors' links point to, and deploys it to GitHub Pages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { DOCS_BASE_URL } from '../../src/core/docs-url.ts';
import { BASE, DIST } from './support/site.ts';

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly on: { push?: { branches?: string[] } };
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { needs?: string; steps: Step[]; environment?: { name: string } }>;
}

const root = new URL('../../', import.meta.url).pathname;
const workflow = parse(readFileSync(`${root}.github/workflows/docs.yml`, 'utf8')) as Workflow;
const build = workflow.jobs.build!.steps;
const REPOSITORY = new URL(DOCS_BASE_URL).pathname.split('/')[1]!;

const rows: { rule: string; check: () => void }[] = [
  {
    rule: 'publishes on every push to main',
    check: () => assert.deepEqual(workflow.on.push?.branches, ['main']),
  },
  {
    rule: 'installs from the lockfile, then runs the same docs:build the tests run',
    check: () =>
      assert.deepEqual(
        build.filter((step) => step.run).map((step) => step.run),
        ['npm ci', 'npm run docs:build'],
      ),
  },
  {
    rule: "builds under the base path of the errors' links (the repository's name on github.io)",
    check: () => {
      const base = build.find((step) => step.run === 'npm run docs:build')!.env!.DOCS_BASE!;
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not JavaScript's
      assert.equal(base.replace('${{ github.event.repository.name }}', REPOSITORY), BASE);
      assert.equal(new URL(DOCS_BASE_URL).pathname, BASE);
    },
  },
  {
    rule: 'uploads the folder VitePress writes (the one the link checker reads)',
    check: () => {
      const upload = build.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'));
      assert.equal(`${root}${upload?.with?.path}/`, DIST);
    },
  },
  {
    rule: 'deploys to GitHub Pages after the build, with the permissions Pages needs',
    check: () => {
      const deploy = workflow.jobs.deploy!;
      assert.equal(deploy.needs, 'build');
      assert.equal(deploy.environment?.name, 'github-pages');
      assert.ok(deploy.steps.some((step) => step.uses?.startsWith('actions/deploy-pages@')));
      assert.equal(workflow.permissions.pages, 'write');
      assert.equal(workflow.permissions['id-token'], 'write');
    },
  },
];

for (const { rule, check } of rows) test(rule, check);
