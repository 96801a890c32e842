// The demo's servers over real HTTP: page served, policy answers, decisions recorded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startDemo, type Demo } from '../../examples/demo/demo.ts';

describe('npm start demo', () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo({ apiPort: 0, pagePort: 0 });
  });
  after(() => demo.close());

  test('serves the page with the API URL filled in', async () => {
    const response = await request(demo.pageUrl);
    const html = await response.body.text();
    assert.equal(response.statusCode, 200);
    assert.ok(html.includes(demo.apiUrl));
  });

  test('grants the page origin a preflighted PUT and refuses DELETE, explaining both', async () => {
    const api = demo.apiUrl.replace('localhost', '127.0.0.1');
    const granted = await request(`${api}/items/1`, { method: 'OPTIONS', headers: { origin: demo.pageUrl, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-demo' } });
    await granted.body.text();
    assert.equal(granted.statusCode, 204);
    assert.equal(granted.headers['access-control-allow-origin'], demo.pageUrl);
    const refused = await request(`${api}/items/1`, { method: 'OPTIONS', headers: { origin: demo.pageUrl, 'access-control-request-method': 'DELETE' } });
    await refused.body.text();
    assert.equal(refused.statusCode, 403);
    const reasons = demo.decisions.map((event) => event.reason);
    assert.deepEqual(reasons.slice(-2), ['preflight-allowed', 'method-not-allowed']);
  });
});
