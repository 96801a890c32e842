// The named exports keep corsguard's strict vocabulary: a peer's option there is refused, and the
// refusal names the default export that takes it as it is; the default export accepts it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import fastifyDefault, { cors as fastifyNamed } from '../../src/adapters/fastify.ts';
import koaDefault, { cors as koaNamed } from '../../src/adapters/koa.ts';
import { CorsConfigError } from '../../src/core/errors.ts';

const rows = [
  { rule: "@fastify/cors's hook", options: { hook: 'preHandler' }, module: 'corsguard/fastify' },
  { rule: "@fastify/cors's strictPreflight", options: { strictPreflight: false }, module: 'corsguard/fastify' },
  { rule: "@fastify/cors's cacheControl", options: { cacheControl: 60 }, module: 'corsguard/fastify' },
  { rule: "@koa/cors's keepHeadersOnError", options: { keepHeadersOnError: true }, module: 'corsguard/koa' },
  { rule: "@koa/cors's secureContext", options: { secureContext: true }, module: 'corsguard/koa' },
];

async function registerFastify(plugin: unknown, options: object): Promise<void> {
  const app = Fastify();
  try {
    await app.register(plugin as typeof fastifyNamed, options as never);
    await app.ready();
  } finally {
    await app.close();
  }
}

describe('named exports refuse peer options, naming the default export; the default export takes them', () => {
  for (const row of rows) {
    test(row.rule, async () => {
      const options = { origin: 'https://app.example.com', ...row.options };
      const named =
        row.module === 'corsguard/fastify'
          ? () => registerFastify(fastifyNamed, options)
          : async () => void koaNamed(options as never);
      await assert.rejects(named, (error: unknown) => {
        assert.ok(error instanceof CorsConfigError);
        const issue = error.issues[0];
        assert.deepEqual(
          [issue?.code, issue?.path, issue?.message.includes(row.module)],
          ['option-not-offered', Object.keys(row.options)[0], true],
        );
        return true;
      });
      if (row.module === 'corsguard/fastify') await registerFastify(fastifyDefault, options);
      else assert.equal(typeof koaDefault(options as never), 'function');
    });
  }
});
