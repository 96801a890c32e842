// The playground's "Apply the fix", followed to its end for every preset and for the cases that
// looped: the simulator runs against the playground's own API (through the page server, as the page
// does), the offered fix is applied to the policy and the request, and the next simulation must come
// out differently. A fix that changes nothing is never offered; no chain runs past three fixes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request as http } from 'undici';
import { applicable, chooseFix, type FixChoice, type FixCode } from '../../examples/playground/page/fix-choice.ts';
import { PRESETS } from '../../examples/playground/page/presets.ts';
import {
  prepare,
  simulatedRequest,
  simulatorReadability,
  type Readability,
} from '../../examples/playground/page/send.ts';
import type { ComposedRequest } from '../../examples/playground/page/state.ts';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import type { ExchangeResponse, PolicyJson } from '../../examples/playground/wire.ts';
import { simulateFetch, type SimulationVerdict, type Transport } from '../../src/simulate/index.ts';

interface Row {
  readonly rule: string;
  readonly preset: string;
  /** Changes to the preset's policy and request before the first Send. */
  readonly policy?: (page: string) => PolicyJson;
  readonly request?: Partial<ComposedRequest>;
  /** The fix codes offered, in order, then what the last simulation says and the choice it ends on. */
  readonly chain: readonly FixCode[];
  readonly end: Readability;
  readonly last?: FixCode;
}

const UPPER_CASE_METHOD: FixCode = 'upper-case-method';

// Expectations from the protocol and from what each preset teaches, not read from the page.
const ROWS: readonly Row[] = [
  { rule: 'an allowed simple GET offers nothing', preset: 'simple-get', chain: [], end: 'allowed' },
  { rule: 'an allowed preflighted PUT offers nothing', preset: 'preflight-put', chain: [], end: 'allowed' },
  {
    rule: 'an origin outside the allowlist: add the page to origin',
    preset: 'allowlist-refuses',
    chain: ['policy-fix'],
    end: 'allowed',
  },
  {
    rule: "credentials with '*': the exact origin and credentials",
    preset: 'credentials-wildcard',
    chain: ['policy-fix'],
    end: 'allowed',
  },
  { rule: 'credentials with the exact origin offer nothing', preset: 'credentials', chain: [], end: 'allowed' },
  {
    rule: 'a cross-site credentialed API: CORS passes, so no CORS fix (the cookie fix is in the diagram)',
    preset: 'cross-site-cookie',
    chain: [],
    end: 'allowed',
  },
  { rule: 'a hidden header: expose it', preset: 'header-hidden', chain: ['policy-fix'], end: 'allowed' },
  { rule: 'an exposed header offers nothing', preset: 'header-exposed', chain: [], end: 'allowed' },
  { rule: 'max-age offers nothing', preset: 'max-age', chain: [], end: 'allowed' },
  {
    rule: 'an untrusted page moving money: csrf: true, never its origin; then nothing',
    preset: 'csrf-unguarded',
    chain: ['csrf-guard'],
    end: 'blocked',
    last: 'untrusted-page-refused',
  },
  {
    rule: 'the CSRF guard refused the untrusted page: nothing to fix',
    preset: 'csrf-guarded',
    chain: [],
    end: 'blocked',
    last: 'untrusted-page-refused',
  },
  {
    rule: "a lower-case 'patch' refused at the preflight: write PATCH and allow it",
    preset: 'preflight-put',
    request: { method: 'patch' },
    chain: [UPPER_CASE_METHOD],
    end: 'allowed',
  },
  {
    rule: "'patch' allowed by the policy, answered 400 by Node's parser (the old loop): write PATCH",
    preset: 'preflight-put',
    policy: (page) => ({ origin: [page], methods: ['PUT', 'patch'], allowedHeaders: ['Content-Type'] }),
    request: { method: 'patch' },
    chain: [UPPER_CASE_METHOD],
    end: 'allowed',
  },
  {
    rule: "a lower-case 'delete' is upper-cased by fetch(): allow DELETE",
    preset: 'simple-get',
    request: { method: 'delete', path: '/simple/delete' },
    chain: ['policy-fix'],
    end: 'allowed',
  },
  {
    rule: 'a head Node refuses (431) after the header is allowed: the origin fix would change nothing, so none is offered',
    preset: 'simple-get',
    request: { path: '/big', headers: `X-Big: ${'a'.repeat(20_000)}` },
    chain: ['policy-fix'],
    end: 'blocked',
    last: 'fix-changes-nothing',
  },
];

describe('the playground offers only fixes that change the outcome', () => {
  let playground: Playground;
  const loopback = (origin: string) => origin.replace(/\/\/[^/:]+/, '//127.0.0.1');
  const pageHeaders = () => ({ host: new URL(playground.pageOrigin).host, 'content-type': 'application/json' });

  before(async () => {
    playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
  });
  after(() => playground?.close());

  /** The page's simulator transport: each exchange carried by the page server's POST /exchange. */
  const transport: Transport = async (exchange) => {
    const response = await http(`${loopback(playground.pageOrigin)}/exchange`, {
      method: 'POST',
      headers: pageHeaders(),
      body: JSON.stringify({ method: exchange.method, url: exchange.url, headers: [...exchange.headers] }),
    });
    const answer = (await response.body.json()) as ExchangeResponse;
    assert.equal(response.statusCode, 200, JSON.stringify(answer));
    return { status: answer.status, headers: new Headers(answer.headers as Array<[string, string]>) };
  };

  async function simulate(policy: PolicyJson, request: ComposedRequest): Promise<SimulationVerdict> {
    const applied = await http(`${loopback(playground.pageOrigin)}/policy`, {
      method: 'PUT',
      headers: pageHeaders(),
      body: JSON.stringify(policy),
    });
    assert.equal(applied.statusCode, 200, await applied.body.text());
    const prepared = prepare(playground, request);
    assert.ok(!('error' in prepared), JSON.stringify(prepared));
    return simulateFetch(simulatedRequest(playground, request, prepared), transport, { model: 'chromium' });
  }

  /** What the script gets, why, and the status the server answered last (the CSRF guard's 403 changes only that). */
  const outcomeOf = (verdict: SimulationVerdict) =>
    [
      simulatorReadability(verdict),
      verdict.reason,
      verdict.stage,
      [...verdict.steps].reverse().find((step) => step.response)?.response?.status,
    ].join(' ');

  test('every preset has a row', () => {
    assert.deepEqual(new Set(ROWS.map((row) => row.preset)), new Set(PRESETS.map((preset) => preset.id)));
  });

  for (const row of ROWS) {
    test(`${row.preset}: ${row.rule}`, async () => {
      const preset = PRESETS.find((candidate) => candidate.id === row.preset)!;
      let policy = row.policy?.(playground.pageOrigin) ?? preset.policy(playground);
      let request: ComposedRequest = { ...preset.request, ...row.request };
      const offered: FixCode[] = [];
      let verdict = await simulate(policy, request);
      let choice: FixChoice | undefined;
      for (;;) {
        choice = chooseFix(verdict, { policy, request, untrustedPage: preset.untrustedPage === true });
        if (choice === undefined || !applicable(choice)) break;
        offered.push(choice.code);
        assert.ok(offered.length <= 3, `fixes keep coming: ${offered.join(', ')}`);
        const nextPolicy = choice.policy ?? policy;
        const nextRequest = { ...request, ...choice.request };
        assert.ok(
          JSON.stringify([nextPolicy, nextRequest]) !== JSON.stringify([policy, request]),
          `${choice.code} changes neither the policy nor the request`,
        );
        const next = await simulate(nextPolicy, nextRequest);
        assert.notEqual(outcomeOf(next), outcomeOf(verdict), `${choice.code} changes the simulated outcome`);
        [policy, request, verdict] = [nextPolicy, nextRequest, next];
      }
      assert.deepEqual(offered, row.chain);
      assert.equal(simulatorReadability(verdict), row.end);
      assert.equal(choice?.code, row.last);
      if (row.preset === 'csrf-unguarded' || row.preset === 'csrf-guarded') {
        assert.deepEqual(policy.origin, ['https://app.example.com'], 'the untrusted page is never added to origin');
        assert.equal(policy.csrf, true);
      }
    });
  }
});
