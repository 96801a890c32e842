// NestJS on both platforms, as the README shows it: on the Express platform the middleware goes in
// app.use(), on the Fastify platform the plugin goes in app.register(). The real @nestjs/core,
// a decorated controller (tsconfig has experimentalDecorators, as Nest apps do), real HTTP.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Controller, Get, Module, Put, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { request } from 'undici';
import { cors as expressCors } from '../../src/adapters/express.ts';
import { cors as fastifyCors } from '../../src/adapters/fastify.ts';
import { MIDDLEWARE_CALL_ERROR } from '../../src/adapters/shared/middleware-call.ts';
import type { CorsOptions } from '../../src/index.ts';

const APP = 'https://app.example.com';
const OPTIONS: CorsOptions = { origin: APP, methods: ['PUT'], allowedHeaders: ['Content-Type'], credentials: true };

@Controller('items')
class ItemsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }

  @Put(':id')
  save() {
    return { saved: true };
  }
}

@Module({ controllers: [ItemsController] })
class AppModule {}

const platforms: Record<string, () => Promise<INestApplication>> = {
  'Express platform, app.use(cors(options))': async () => {
    const app = await NestFactory.create(AppModule, { logger: false });
    app.use(expressCors(OPTIONS));
    return app;
  },
  'Fastify platform, app.register(cors, options)': async () => {
    const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
    await app.register(fastifyCors, OPTIONS);
    return app;
  },
};

for (const [platform, create] of Object.entries(platforms)) {
  describe(`NestJS, ${platform}`, () => {
    let app: INestApplication;
    let base = '';
    before(async () => {
      app = await create();
      await app.listen(0, '127.0.0.1');
      base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    });
    after(() => app.close());

    const rows = [
      {
        rule: 'a preflight for an allowed method and header is answered before the controller',
        method: 'OPTIONS',
        path: '/items/1',
        headers: {
          origin: APP,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
        status: 204,
        acao: APP,
        acam: 'PUT',
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
      {
        rule: "a refused origin's preflight is 403 without CORS headers",
        method: 'OPTIONS',
        path: '/items/1',
        headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'PUT' },
        status: 403,
        acao: undefined,
        acam: undefined,
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
      {
        rule: 'a preflight for a method not allowed is 403',
        method: 'OPTIONS',
        path: '/items/1',
        headers: { origin: APP, 'access-control-request-method': 'DELETE' },
        status: 403,
        acao: undefined,
        acam: undefined,
        vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      },
      {
        rule: 'an allowed origin reads the controller answer with ACAO, credentials and Vary: Origin',
        method: 'GET',
        path: '/items',
        headers: { origin: APP },
        status: 200,
        acao: APP,
        acam: undefined,
        vary: 'Origin',
      },
      {
        rule: 'a refused origin gets the controller answer without ACAO, still varying on Origin',
        method: 'GET',
        path: '/items',
        headers: { origin: 'https://evil.example.net' },
        status: 200,
        acao: undefined,
        acam: undefined,
        vary: 'Origin',
      },
    ];
    for (const row of rows) {
      test(row.rule, async () => {
        const response = await request(base + row.path, { method: row.method, headers: row.headers });
        const body = await response.body.text();
        assert.equal(response.statusCode, row.status);
        assert.equal(response.headers['access-control-allow-origin'], row.acao);
        assert.equal(response.headers['access-control-allow-methods'], row.acam);
        assert.equal(response.headers.vary, row.vary);
        if (row.acao) assert.equal(response.headers['access-control-allow-credentials'], 'true');
        if (row.status === 200) assert.deepEqual(JSON.parse(body), [{ id: 1 }]);
      });
    }
  });
}

// enableCors() takes the `cors` package's options (Express platform) or @fastify/cors's (Fastify
// platform): given corsguard's middleware, each calls it as an options function, `(request,
// callback)` or `(request)`. Every request then fails with corsguard's error naming app.use(cors(…)),
// which Nest logs, instead of a TypeError from deep inside the adapter.
const misuses: Record<string, () => Promise<INestApplication>> = {
  'Express platform': async () => NestFactory.create(AppModule, { logger: capturing }),
  'Fastify platform': async () =>
    NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: capturing }),
};
const logged: unknown[] = [];
const capturing = {
  log() {},
  warn() {},
  debug() {},
  verbose() {},
  fatal() {},
  error: (error: unknown) => void logged.push(error),
};

for (const [platform, create] of Object.entries(misuses)) {
  test(`NestJS ${platform}: enableCors(corsguard's middleware) fails every request with ${MIDDLEWARE_CALL_ERROR}`, async () => {
    const app = await create();
    app.enableCors(expressCors(OPTIONS) as never);
    await app.listen(0, '127.0.0.1');
    logged.length = 0;
    try {
      const response = await request(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/items`, {
        headers: { origin: APP },
      });
      await response.body.text();
      assert.equal(response.statusCode, 500);
      assert.equal(response.headers['access-control-allow-origin'], undefined);
      assert.deepEqual(
        logged.map((error) => (error as { code?: unknown }).code),
        [MIDDLEWARE_CALL_ERROR],
      );
      assert.match((logged[0] as Error).message, /app\.use\(cors\(/);
    } finally {
      await app.close();
    }
  });
}
