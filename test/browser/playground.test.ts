// The playground (`npm start`) in real Chromium, driven as a person would: presets, the policy
// form, Send, "apply the fix", a shared link, the keyboard, a wide and a narrow window. Every case checks
// the page against what this browser really did (its console, the API's own record) and that the
// simulator agrees. Screenshots of each preset go to .test-results/playground/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import type { WireRecord } from '../../examples/playground/wire.ts';
import { chromiumUnavailable, launchChromium } from '../support/chromium.ts';

const unavailable = chromiumUnavailable();
const SHOTS = new URL('../../.test-results/playground/', import.meta.url).pathname;

interface Result {
  readonly browser: string;
  readonly simulator: string;
  readonly agree: string;
  readonly preflight: string;
  /** The fix the page offers (its code), or 'none'. */
  readonly fix: string;
  readonly corsConsoleErrors: number;
  readonly wire: readonly WireRecord[];
  readonly browserPanel: string;
}

describe('playground in Chromium', { skip: unavailable }, () => {
  let playground: Playground;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(playground.pageOrigin);
    await page.locator('body[data-ready="true"]').waitFor();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await playground?.close();
  });

  async function choose(preset: string): Promise<void> {
    await page.getByRole('button', { name: presetTitle(preset), exact: true }).click();
    await page.locator('#policy[data-applied="true"]').waitFor();
  }

  function presetTitle(id: string): string {
    return PRESET_TITLES[id]!;
  }

  /** Presses Send (or runs `action`) and waits for the next result. */
  async function send(
    action: () => Promise<void> = () => page.getByRole('button', { name: 'Send', exact: true }).click(),
  ): Promise<Result> {
    const before = Number((await page.locator('#results').getAttribute('data-sends')) ?? 0);
    const lastId = playground.api.lastId;
    consoleErrors = [];
    await action();
    await page.waitForFunction(
      (count) => Number(document.getElementById('results')!.dataset.sends ?? 0) > count,
      before,
    );
    const data = await page.locator('#results').evaluate((element: HTMLElement) => ({ ...element.dataset }));
    return {
      browser: data.browser!,
      simulator: data.simulator!,
      agree: data.agree!,
      preflight: data.preflight!,
      fix: data.fix!,
      corsConsoleErrors: consoleErrors.filter((text) => text.includes('has been blocked by CORS policy')).length,
      wire: playground.api.recordsAfter(lastId).filter((record) => !record.simulator),
      browserPanel: await page.locator('#browser-result').innerText(),
    };
  }

  // Expectations written from the protocol, not read from the page's presets.
  // 'header-hidden': fetch() resolved and the body is readable, only a header the script asked for reads as null.
  // fix: what the page offers; an untrusted page is never offered its origin (csrf: true, then nothing).
  const rows = [
    {
      preset: 'simple-get',
      rule: 'a simple GET from an allowed origin: no preflight, readable',
      browser: 'allowed',
      preflight: 'none',
      wire: ['GET'],
      fix: 'none',
    },
    {
      preset: 'preflight-put',
      rule: 'PUT with JSON is preflighted, then sent',
      browser: 'allowed',
      preflight: 'wire',
      wire: ['OPTIONS', 'PUT'],
      fix: 'none',
    },
    {
      preset: 'allowlist-refuses',
      rule: 'an origin outside the allowlist gets no Allow-Origin: blocked, though the server answered',
      browser: 'blocked',
      preflight: 'none',
      wire: ['GET'],
      fix: 'policy-fix',
    },
    {
      preset: 'credentials-wildcard',
      rule: "credentials: 'include' with Allow-Origin * is blocked",
      browser: 'blocked',
      preflight: 'none',
      wire: ['GET'],
      fix: 'policy-fix',
    },
    {
      preset: 'credentials',
      rule: 'credentials with the exact origin: readable',
      browser: 'allowed',
      preflight: 'none',
      wire: ['GET'],
      fix: 'none',
    },
    {
      preset: 'header-hidden',
      rule: 'a custom response header not exposed reads as null; the response itself is readable',
      browser: 'header-hidden',
      preflight: 'none',
      wire: ['GET'],
      fix: 'policy-fix',
    },
    {
      preset: 'header-exposed',
      rule: 'an exposed custom header is readable',
      browser: 'allowed',
      preflight: 'none',
      wire: ['GET'],
      fix: 'none',
    },
    {
      preset: 'max-age',
      rule: 'the first preflighted PUT under max-age goes over the wire',
      browser: 'allowed',
      preflight: 'wire',
      wire: ['OPTIONS', 'PUT'],
      fix: 'none',
    },
    {
      preset: 'csrf-unguarded',
      rule: 'a simple cross-origin POST reaches the handler although the browser hides the answer',
      browser: 'blocked',
      preflight: 'none',
      wire: ['POST'],
      fix: 'csrf-guard',
    },
    {
      preset: 'csrf-guarded',
      rule: 'the CSRF guard answers the same POST with 403 before the handler',
      browser: 'blocked',
      preflight: 'none',
      wire: ['POST'],
      fix: 'untrusted-page-refused',
    },
  ];

  for (const row of rows) {
    test(`preset ${row.preset}: ${row.rule}`, async () => {
      await choose(row.preset);
      const transfersBefore = playground.api.transfers;
      const result = await send();
      assert.equal(result.browser, row.browser, result.browserPanel);
      assert.equal(result.simulator, row.browser, 'the simulator reaches the same verdict');
      assert.equal(result.agree, 'true');
      assert.equal(result.preflight, row.preflight);
      assert.equal(result.fix, row.fix, 'the fix the page offers');
      assert.equal(
        await page.locator('#apply-fix').count(),
        row.fix === 'policy-fix' || row.fix === 'csrf-guard' ? 1 : 0,
        'a button only for a fix that changes something',
      );
      assert.equal(
        await page.locator('#browser-result [data-verdict]').getAttribute('data-verdict'),
        row.browser,
        'the headline says what the script got',
      );
      assert.deepEqual(
        result.wire.map((record) => record.method),
        row.wire,
        'what reached the API',
      );
      // The page's "blocked" is the browser's: Chromium logs a CORS error exactly when fetch() rejected.
      const rejected = result.browserPanel.includes('fetch() rejected');
      assert.equal(result.corsConsoleErrors > 0, rejected, `console: ${consoleErrors.join(' | ')}`);
      if (row.preset === 'csrf-unguarded')
        assert.equal(playground.api.transfers, transfersBefore + 1, 'the handler moved the money');
      if (row.preset === 'csrf-guarded') {
        assert.equal(playground.api.transfers, transfersBefore, 'the guard kept the handler from running');
        assert.deepEqual(
          [result.wire[0]!.status, result.wire[0]!.handled, result.wire[0]!.decision?.reason],
          [403, false, 'csrf-rejected'],
        );
      }
      if (row.preset === 'header-hidden') {
        assert.match(result.browserPanel, /fetch\(\) resolved with status 200\./);
        assert.match(result.browserPanel, /headers\.get\('X-Request-Id'\) → null/);
        assert.doesNotMatch(result.browserPanel, /Blocked/);
      }
      if (row.preset === 'header-exposed') assert.match(result.browserPanel, /headers\.get\('X-Request-Id'\) → '\d+'/);
      await page.screenshot({ path: `${SHOTS}${row.preset}.png`, fullPage: true });
      // README's picture: PLAYGROUND_README_SCREENSHOT=docs/playground.png node --import tsx --test test/browser/playground.test.ts
      if (row.preset === 'preflight-put' && process.env.PLAYGROUND_README_SCREENSHOT)
        await page.screenshot({ path: process.env.PLAYGROUND_README_SCREENSHOT, fullPage: true });
    });
  }

  test('max-age: the second PUT is covered by the preflight cache, on the wire and in the simulator', async () => {
    await choose('max-age');
    // A URL of its own: the preset's URL may already be in this browser's preflight cache.
    await page.getByLabel(/^path/).fill('/cached/twice/1');
    const first = await send();
    assert.deepEqual(
      first.wire.map((record) => record.method),
      ['OPTIONS', 'PUT'],
    );
    const second = await send();
    assert.deepEqual(
      second.wire.map((record) => record.method),
      ['PUT'],
    );
    assert.deepEqual([second.browser, second.preflight, second.agree], ['allowed', 'cache', 'true']);
    assert.match(await page.locator('#diagram').innerText(), /served from the preflight cache/);
  });

  test('credentials: the same-site cookie set by the first answer travels with the second request', async () => {
    await choose('credentials');
    await send();
    const second = await send();
    const cookie = second.wire[0]!.requestHeaders.find(([name]) => name === 'cookie')?.[1] ?? '';
    assert.match(cookie, /playground_session=s\d+/);
    assert.match(second.browserPanel, /"cookieReceived":true/);
  });

  /** The diagram's cookie lines after a send: what the API received, what the simulator predicts, each Set-Cookie. */
  const cookieLines = () =>
    page.locator('#diagram').evaluate((diagram) => ({
      sent: [...diagram.querySelectorAll<HTMLElement>('.cookie-sent')].map((line) => ({ ...line.dataset })),
      set: [...diagram.querySelectorAll<HTMLElement>('.cookie-set')].map((line) => ({ ...line.dataset })),
    }));

  // Each row's attributes name a cookie of their own (the API names it after them), so no row meets
  // a cookie an earlier one left. page.localhost and its other port are one site; api.localhost is
  // another (localhost is a public suffix).
  const cookieRows = [
    {
      rule: 'same site, SameSite=Strict: stored, and sent back',
      preset: 'credentials',
      sameSite: 'Strict',
      secure: false,
      name: 'playground_session_strict',
      stored: 'true',
      reason: 'none',
    },
    {
      rule: 'cross site, SameSite unset: read as Lax, a cross-site response cannot store it',
      preset: 'cross-site-cookie',
      sameSite: 'unset',
      secure: false,
      name: 'playground_session_unset',
      stored: 'false',
      reason: 'samesite-unset-lax',
    },
    {
      rule: 'cross site, SameSite=Lax: not stored either',
      preset: 'cross-site-cookie',
      sameSite: 'Lax',
      secure: false,
      name: 'playground_session',
      stored: 'false',
      reason: 'samesite-lax',
    },
    {
      rule: 'cross site, SameSite=None; Secure: a third-party cookie, which Chromium blocks by default',
      preset: 'cross-site-cookie',
      sameSite: 'None',
      secure: true,
      name: 'playground_session_none_secure',
      stored: 'false',
      reason: 'third-party-blocked',
    },
    {
      rule: 'cross site, SameSite=None; Secure; Partitioned (the fix): stored under the page site, sent back',
      preset: 'cross-site-cookie',
      sameSite: 'None',
      secure: true,
      partitioned: true,
      name: 'playground_session_none_secure_partitioned',
      stored: 'true',
      reason: 'none',
    },
  ];
  for (const row of cookieRows)
    test(`cookie fate in the diagram: ${row.rule}`, async () => {
      await choose(row.preset);
      await page.locator('#c-sameSite').selectOption(row.sameSite);
      await page.locator('#c-secure').setChecked(row.secure);
      await page.locator('#c-partitioned').setChecked(row.partitioned === true);
      const first = await send();
      const firstLines = await cookieLines();
      const second = await send();
      const secondLines = await cookieLines();
      assert.deepEqual([first.agree, second.agree], ['true', 'true']);
      assert.deepEqual(
        firstLines.set.map(({ name, stored, reason }) => ({ name, stored, reason })),
        [{ name: row.name, stored: row.stored, reason: row.reason }],
      );
      // An earlier test's cookie of another name may travel too: only this row's cookie is asked about.
      const mine = (names: readonly string[]) => names.filter((name) => name === row.name);
      const received = second.wire.find((record) => record.method === 'GET')?.cookiesReceived ?? [];
      const sent = row.stored === 'true' ? [row.name] : [];
      assert.deepEqual(mine(received), sent, 'what the API really received');
      const [line] = secondLines.sent;
      assert.equal(line?.agree, 'true');
      assert.equal(line?.browser, received.join(' '), 'the diagram shows what the API received');
      assert.deepEqual(mine(line.simulator?.split(' ') ?? []), sent, "the simulator's prediction");
    });

  test('apply the fix: one click turns the refused origin into an allowed one', async () => {
    await choose('allowlist-refuses');
    const blocked = await send();
    assert.equal(blocked.browser, 'blocked');
    const fixed = await send(() => page.getByRole('button', { name: 'Apply the fix and send again' }).click());
    assert.deepEqual([fixed.browser, fixed.simulator, fixed.agree], ['allowed', 'allowed', 'true']);
    assert.deepEqual(playground.api.policy.origin, ['https://app.example.com', playground.pageOrigin]);
  });

  test("apply the fix: credentials with '*' becomes the exact origin with credentials", async () => {
    await choose('credentials-wildcard');
    await send();
    const fixed = await send(() => page.getByRole('button', { name: 'Apply the fix and send again' }).click());
    assert.deepEqual([fixed.browser, fixed.agree], ['allowed', 'true']);
    assert.deepEqual(playground.api.policy, { origin: [playground.pageOrigin], credentials: true });
  });

  test('the form edits the policy: JSON follows, a bad entry is reported at its field with its code, a good edit applies on Send', async () => {
    await choose('preflight-put');
    const methods = page.getByLabel(/^methods/);
    await methods.fill('');
    assert.deepEqual(JSON.parse(await page.getByLabel(/same policy as JSON/).inputValue()), {
      origin: [playground.pageOrigin],
      allowedHeaders: ['Content-Type'],
    });
    const refused = await send();
    assert.deepEqual(
      [refused.browser, refused.agree, refused.wire.map((record) => record.method)],
      ['blocked', 'true', ['OPTIONS']],
    );
    assert.equal(refused.wire[0]!.decision?.reason, 'method-not-allowed');

    const origins = page.getByLabel('Allowed origins, one a line');
    await origins.fill(`${playground.pageOrigin}/`);
    await page.locator('#issues-origin [data-code="origin-trailing-slash"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Apply to the API' }).isDisabled(), true);
    await origins.fill(playground.pageOrigin);
    await page.locator('#issues-origin .issue').waitFor({ state: 'detached' });

    await page.getByLabel('credentials cookies and HTTP auth').check();
    await page.getByLabel('any origin').check();
    await page.locator('#issues-origin [data-code="origin-any-with-credentials"]').waitFor();
    await page.getByLabel('credentials cookies and HTTP auth').uncheck();
    await page.getByLabel('these origins').check();

    await methods.fill('PUT');
    const allowed = await send();
    assert.deepEqual([allowed.browser, allowed.agree], ['allowed', 'true']);
    assert.deepEqual(playground.api.policy, {
      origin: [playground.pageOrigin],
      methods: ['PUT'],
      allowedHeaders: ['Content-Type'],
    });
  });

  test('the JSON view edits the policy: the form follows; an unknown option is reported with its fix', async () => {
    await choose('simple-get');
    const json = page.getByLabel(/same policy as JSON/);
    await json.fill(JSON.stringify({ origin: [playground.pageOrigin], maxAge: 30, allowOrigin: 'x' }));
    assert.equal(await page.getByLabel(/^maxAge/).inputValue(), '30');
    await page.locator('#issues-json [data-code="option-renamed"]').waitFor();
    await json.fill(JSON.stringify({ origin: [playground.pageOrigin], maxAge: 99999 }));
    await page.locator('#issues-maxAge [data-code="max-age-invalid"]').waitFor();
  });

  test('a lower-case method is sent as typed: the preflight asks for "patch", the simulator agrees, and the fix is to write PATCH', async () => {
    await choose('preflight-put');
    await page.getByLabel(/^method sent as typed/).fill('patch');
    await page.getByLabel(/^path/).fill('/patch/typed/1');
    const result = await send();
    assert.equal(
      result.wire[0]!.requestHeaders.find(([name]) => name === 'access-control-request-method')?.[1],
      'patch',
    );
    assert.deepEqual([result.browser, result.agree, result.fix], ['blocked', 'true', 'upper-case-method']);
    const fixed = await send(() => page.getByRole('button', { name: 'Apply the fix and send again' }).click());
    assert.deepEqual(
      [fixed.browser, fixed.agree, fixed.wire.map((record) => record.method)],
      ['allowed', 'true', ['OPTIONS', 'PATCH']],
    );
    assert.equal(await page.getByLabel(/^method sent as typed/).inputValue(), 'PATCH');
    assert.deepEqual(playground.api.policy.methods, ['PUT', 'PATCH']);
  });

  test("'patch' allowed by the policy: the page shows Node's 400 and what it means, and offers PATCH, not the origin it already has", async () => {
    await choose('preflight-put');
    await page.getByLabel(/^methods/).fill('PUT, patch');
    await page.getByLabel(/^method sent as typed/).fill('patch');
    await page.getByLabel(/^path/).fill('/patch/allowed/1');
    const result = await send();
    assert.deepEqual(
      result.wire.map((record) => [record.method, record.status, record.parserError]),
      [
        ['OPTIONS', 204, undefined],
        ['patch', 400, 'HPE_INVALID_METHOD'],
      ],
    );
    assert.deepEqual([result.browser, result.agree, result.fix], ['blocked', 'true', 'upper-case-method']);
    assert.match(
      await page.locator('#diagram').innerText(),
      /HTTP parser refused this request \(HPE_INVALID_METHOD\) and answered 400/,
    );
    assert.equal(await page.locator('#server-result [data-parser-error="HPE_INVALID_METHOD"]').count(), 1);
    const fixed = await send(() => page.getByRole('button', { name: 'Apply the fix and send again' }).click());
    assert.deepEqual([fixed.browser, fixed.agree, fixed.fix], ['allowed', 'true', 'none']);
    assert.deepEqual(playground.api.policy.methods, ['PUT', 'PATCH']);
  });

  test('apply the fix on the untrusted page: csrf: true (never its origin), then the guard refuses with 403 and nothing is offered', async () => {
    await choose('csrf-unguarded');
    await send();
    const transfers = playground.api.transfers;
    const guarded = await send(() => page.getByRole('button', { name: 'Apply the fix and send again' }).click());
    assert.deepEqual(playground.api.policy, { origin: ['https://app.example.com'], csrf: true });
    assert.deepEqual([guarded.browser, guarded.agree, guarded.fix], ['blocked', 'true', 'untrusted-page-refused']);
    assert.deepEqual([guarded.wire[0]!.status, guarded.wire[0]!.decision?.reason], [403, 'csrf-rejected']);
    assert.equal(playground.api.transfers, transfers, 'no money moved');
    assert.equal(await page.locator('#apply-fix').count(), 0);
  });

  const otherNames = [
    { rule: 'localhost', name: 'localhost' },
    { rule: '127.0.0.1, keeping a #state= fragment', name: '127.0.0.1', hash: true },
  ];
  for (const row of otherNames) {
    test(`opened as ${row.rule}, the page moves to its canonical origin and the simulator agrees with the browser`, async () => {
      const port = new URL(playground.pageOrigin).port;
      const hash = row.hash ? await page.evaluate(() => location.hash) : '';
      const fresh = await browser.newContext();
      try {
        const other = await fresh.newPage();
        await other.goto(`http://${row.name}:${port}/${hash}`);
        await other.locator('body[data-ready="true"]').waitFor();
        assert.equal(await other.evaluate(() => location.origin), playground.pageOrigin);
        if (row.hash) assert.equal(await other.evaluate(() => location.hash), hash, 'the redirect keeps the fragment');
        assert.equal(await other.locator('#origin-page').innerText(), playground.pageOrigin);
        if (row.hash) await other.getByRole('button', { name: "Apply the link's policy to the API" }).click();
        await other.getByRole('button', { name: 'A simple GET', exact: true }).click();
        await other.locator('#policy[data-applied="true"]').waitFor();
        await other.getByRole('button', { name: 'Send', exact: true }).click();
        await other.locator('#results[data-sends="1"]').waitFor();
        assert.deepEqual(
          await other
            .locator('#results')
            .evaluate((element: HTMLElement) => [element.dataset.browser, element.dataset.agree]),
          ['allowed', 'true'],
        );
      } finally {
        await fresh.close();
      }
    });
  }

  test('a shared link restores the policy and the request in a fresh browser', async () => {
    await choose('header-exposed');
    await page.getByLabel(/^path/).fill('/shared/items');
    await page.getByLabel(/^exposedHeaders/).fill('X-Request-Id, X-Other');
    // The page's own location: page.url() learns of history.replaceState a moment later.
    const link = await page.evaluate(() => location.href);
    const expected = await editorState(page);
    const fresh = await browser.newContext();
    try {
      const other = await fresh.newPage();
      // The API runs something else when the link is opened: a link is anyone's, the running policy the developer's.
      const running = { origin: [playground.pageOrigin] };
      playground.api.apply(running);
      await other.goto(link);
      await other.locator('body[data-ready="true"]').waitFor();
      assert.deepEqual(await editorState(other), expected);
      assert.deepEqual({ ...playground.api.policy }, running, 'the link does not apply its policy on load');
      assert.equal(
        await other.getByRole('button', { name: 'Send', exact: true }).isDisabled(),
        true,
        'Send waits for the answer',
      );
      await other.getByRole('button', { name: "Apply the link's policy to the API" }).click();
      await other.locator('#policy[data-applied="true"]').waitFor();
      assert.deepEqual(playground.api.policy.exposedHeaders, ['X-Request-Id', 'X-Other'], 'applied once asked');
      assert.equal(await other.locator('#shared-question').isHidden(), true);

      const kept = await fresh.newPage();
      playground.api.apply(running);
      await kept.goto(link);
      await kept.locator('body[data-ready="true"]').waitFor();
      await kept.getByRole('button', { name: "Keep the API's policy" }).click();
      await kept.locator('#policy[data-applied="true"]').waitFor();
      assert.deepEqual({ ...playground.api.policy }, running, 'kept');
      assert.deepEqual(
        JSON.parse(await kept.getByLabel(/same policy as JSON/).inputValue()),
        running,
        'the editor shows what the API runs',
      );
      assert.equal(await kept.getByLabel(/^path/).inputValue(), '/shared/items', "the link's request stays");
    } finally {
      await fresh.close();
    }
  });

  test('keyboard: Enter in the composer sends; every control has a label; results are announced', async () => {
    await choose('simple-get');
    const result = await send(async () => {
      await page.getByLabel(/^path/).focus();
      await page.keyboard.press('Enter');
    });
    assert.equal(result.browser, 'allowed');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
        .filter((control) => control.labels?.length === 0 && !control.getAttribute('aria-label'))
        .map((control) => control.id),
    );
    assert.deepEqual(unlabelled, []);
    assert.match(await page.locator('#result-live').innerText(), /Allowed by this browser; the simulator agrees/);
  });

  test('code out shows the current policy for each target', async () => {
    await choose('max-age');
    const target = page.getByLabel('for', { exact: true });
    const code: Record<string, string> = {};
    for (const id of ['express', 'fastify', 'koa', 'hono', 'fetch', 'gateway-cli', 'gateway-config']) {
      await target.selectOption(id);
      code[id] = await page.locator('#code-out').innerText();
    }
    assert.match(code.express!, /from 'corsguard\/express'/);
    assert.match(code.express!, /maxAge: 600/);
    assert.match(code['gateway-cli']!, /--max-age 600/);
    assert.equal(JSON.parse(code['gateway-config']!).cors.maxAge, 600);
  });

  const windows = [
    { rule: 'a wide window: three columns', width: 1280, height: 900, shot: 'wide.png' },
    { rule: 'a narrow window: one column', width: 390, height: 800, shot: 'narrow.png' },
  ];
  for (const row of windows) {
    test(`${row.rule}: nothing wider than the screen, every control inside its box`, async () => {
      await choose('simple-get');
      await send();
      await page.setViewportSize({ width: row.width, height: row.height });
      try {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= row.width, `page is ${width}px wide`);
        const outside = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
            .filter((control) => control.offsetParent !== null)
            .filter((control) => {
              const own = control.getBoundingClientRect();
              const box = control.parentElement!.closest('fieldset, section, nav, .panel')!.getBoundingClientRect();
              return own.left < box.left - 0.5 || own.right > box.right + 0.5;
            })
            .map((control) => control.id || control.textContent),
        );
        assert.deepEqual(outside, []);
        await page.screenshot({ path: `${SHOTS}${row.shot}`, fullPage: true });
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  }
});

async function editorState(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [
        ...document.querySelectorAll<HTMLInputElement>(
          '#policy-form :is(input, textarea), #request-form :is(input, select, textarea)',
        ),
      ].map((control) => [
        control.id,
        control.type === 'checkbox' || control.type === 'radio' ? String(control.checked) : control.value,
      ]),
    ),
  );
}

const PRESET_TITLES: Record<string, string> = {
  'simple-get': 'A simple GET',
  'preflight-put': 'A preflighted PUT with JSON',
  'allowlist-refuses': 'An allowlist that refuses this page',
  'credentials-wildcard': "Cookies with origin '*': why it cannot work",
  credentials: 'Credentials and cookies',
  'cross-site-cookie': 'A cross-site API and its session cookie',
  'header-hidden': 'Reading a custom header (not exposed)',
  'header-exposed': 'Reading a custom header (exposed)',
  'max-age': 'max-age and the preflight cache',
  'csrf-unguarded': 'A cross-origin POST that changes state (no CSRF guard)',
  'csrf-guarded': 'The same POST with the CSRF guard',
};
