// The playground's session cookie over real HTTP: /me sets it with the attributes the query asks
// for, the API records which cookies each request carried, and a request carrying it gets none.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startPlayground, type Playground } from '../../examples/playground/playground.ts';
import type { WireLog } from '../../examples/playground/wire.ts';

describe('playground session cookie', () => {
  let playground: Playground;
  const loopback = (origin: string) => origin.replace(/\/\/[^/:]+/, '//127.0.0.1');
  before(async () => {
    playground = await startPlayground({ pagePort: 0, apiPort: 0, sitePort: 0 });
  });
  after(() => playground.close());

  const me = async (query: string, cookie?: string) => {
    const { last } = (await (
      await request(`${loopback(playground.pageOrigin)}/wire?after=${2 ** 52}`)
    ).body.json()) as WireLog;
    const response = await request(`${loopback(playground.apiOrigin)}/me${query}`, {
      headers: {
        host: new URL(playground.apiOrigin).host,
        origin: playground.pageOrigin,
        ...(cookie ? { cookie } : {}),
      },
    });
    const body = (await response.body.json()) as { cookieReceived: boolean };
    const log = (await (await request(`${loopback(playground.pageOrigin)}/wire?after=${last}`)).body.json()) as WireLog;
    return { setCookie: response.headers['set-cookie'], body, records: log.records };
  };

  const rows = [
    {
      rule: 'no query: SameSite=Lax, as the credentials preset always had',
      query: '',
      line: 'playground_session=S; Path=/; SameSite=Lax; HttpOnly',
    },
    {
      rule: 'SameSite unset: no SameSite attribute',
      query: '?samesite=unset',
      line: 'playground_session_unset=S; Path=/; HttpOnly',
    },
    {
      rule: 'SameSite=Strict',
      query: '?samesite=Strict',
      line: 'playground_session_strict=S; Path=/; SameSite=Strict; HttpOnly',
    },
    {
      rule: 'SameSite=None; Secure; Partitioned',
      query: '?samesite=None&secure&partitioned',
      line: 'playground_session_none_secure_partitioned=S; Path=/; SameSite=None; Secure; Partitioned; HttpOnly',
    },
    {
      rule: 'an unknown SameSite value falls back to Lax',
      query: '?samesite=bogus&secure',
      line: 'playground_session_lax_secure=S; Path=/; SameSite=Lax; Secure; HttpOnly',
    },
  ];
  for (const row of rows)
    test(`sets the cookie the query asks for: ${row.rule}`, async () => {
      const first = await me(row.query);
      const [record] = first.records;
      assert.equal(String(first.setCookie).replace(/=s\d+;/, '=S;'), row.line);
      assert.deepEqual(record?.cookiesReceived, []);
      assert.equal(first.body.cookieReceived, false);
      const name = row.line.slice(0, row.line.indexOf('='));
      const second = await me(row.query, `other=1; ${name}=s1`);
      assert.equal(second.setCookie, undefined, 'a request carrying the cookie gets no new one');
      assert.equal(second.body.cookieReceived, true);
      assert.deepEqual(second.records[0]?.cookiesReceived, ['other', name]);
    });

  test('a cookie of other attributes does not count as the session', async () => {
    const { body, setCookie } = await me('?samesite=None&secure', 'playground_session=s1');
    assert.equal(body.cookieReceived, false);
    assert.match(String(setCookie), /^playground_session_none_secure=/);
  });
});
