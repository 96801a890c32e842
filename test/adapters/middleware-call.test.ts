// The Node middleware called the way a CORS options function is (NestJS enableCors() hands it to
// the `cors` package or to @fastify/cors): a TypeError with a code, before anything is written.
import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { test } from 'node:test';
import { cors } from '../../src/adapters/node.ts';
import { MIDDLEWARE_CALL_ERROR } from '../../src/adapters/shared/middleware-call.ts';

const APP = 'https://app.example.com';

function incoming(): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.method = 'GET';
  request.url = '/';
  request.headers = { origin: APP };
  return request;
}

type Call = (middleware: (...args: unknown[]) => void, request: IncomingMessage) => void;

const rows: Array<{ rule: string; call: Call; code: string | undefined }> = [
  {
    rule: "(request, callback): the cors package's options function",
    call: (mw, req) => mw(req, () => {}),
    code: MIDDLEWARE_CALL_ERROR,
  },
  { rule: "(request): @fastify/cors's options function", call: (mw, req) => mw(req), code: MIDDLEWARE_CALL_ERROR },
  {
    rule: '(request, undefined, undefined)',
    call: (mw, req) => mw(req, undefined, undefined),
    code: MIDDLEWARE_CALL_ERROR,
  },
  {
    rule: '(request, response, next): the middleware call',
    call: (mw, req) => mw(req, new ServerResponse(req), () => {}),
    code: undefined,
  },
];

for (const row of rows) {
  test(row.rule, () => {
    const middleware = cors({ origin: APP }) as unknown as (...args: unknown[]) => void;
    let code: string | undefined;
    try {
      row.call(middleware, incoming());
    } catch (error) {
      assert.ok(error instanceof TypeError);
      code = (error as { code?: string }).code;
    }
    assert.equal(code, row.code);
  });
}
