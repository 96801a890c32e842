// TypeDoc's numbered anchors are pointed at headings VitePress really has (scripts/docs/api-anchors.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAnchors } from '../../scripts/docs/api-anchors.ts';

const rows = [
  {
    rule: 'a numbered link to a name with one heading goes to that heading',
    input: '### ConfigIssueCode\n[x](#configissuecode-1)',
    output: '### ConfigIssueCode\n[x](#configissuecode)',
  },
  {
    rule: 'a numbered link to a name with two headings stays (VitePress numbers the second)',
    input: '### cors()\n### cors()\n[x](#cors-1)',
    output: '### cors()\n### cors()\n[x](#cors-1)',
  },
  {
    rule: 'a heading that really ends in -1 keeps its link',
    input: '### step-1\n[x](#step-1)',
    output: '### step-1\n[x](#step-1)',
  },
  {
    rule: 'a link to a name with no heading is left for the link checker to report',
    input: '[x](#missing-1)',
    output: '[x](#missing-1)',
  },
  { rule: 'unnumbered links are left alone', input: '### A\n[x](#a)', output: '### A\n[x](#a)' },
];
for (const row of rows) test(row.rule, () => assert.equal(fixAnchors(row.input), row.output));
