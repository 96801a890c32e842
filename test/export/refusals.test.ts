// What a target cannot express is refused with every problem at once, never approximated; and
// every CorsConfigError the middleware raises is raised by the export too, under cors.*.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCors, CorsConfigError } from '../../src/index.ts';
import {
  EXPORT_TARGETS,
  ExportConfigError,
  exportConfig,
  type ExportSettings,
  type ExportTarget,
} from '../../src/export/index.ts';

const APP = 'https://app.example.com';
const UPSTREAM = 'http://127.0.0.1:3000';

function codes(settings: ExportSettings, target: ExportTarget = 'nginx'): string[] {
  try {
    exportConfig(settings, target);
  } catch (error) {
    if (error instanceof ExportConfigError) return error.issues.map((issue) => `${issue.path} ${issue.code}`);
    throw error;
  }
  return [];
}

const refusals: Array<{ rule: string; settings: ExportSettings; expected: string[] }> = [
  {
    rule: 'an origin predicate cannot run in a front',
    settings: { upstream: UPSTREAM, cors: { origin: () => true } },
    expected: ['cors.origin export-origin-predicate'],
  },
  {
    rule: 'look-ahead is not in RE2',
    settings: { upstream: UPSTREAM, cors: { origin: [APP, /^https:\/\/(?!evil)[a-z]+\.example\.com$/] } },
    expected: ['cors.origin[1] export-regexp-unsupported'],
  },
  {
    rule: 'back-references are not in RE2',
    settings: { upstream: UPSTREAM, cors: { origin: /^https:\/\/(a)\1\.com$/ } },
    expected: ['cors.origin export-regexp-unsupported'],
  },
  {
    rule: 'the s flag has no equivalent',
    settings: { upstream: UPSTREAM, cors: { origin: /^https:\/\/a\.com$/s } },
    expected: ['cors.origin export-regexp-unsupported'],
  },
  {
    rule: 'preflightContinue cannot pass a granted preflight on',
    settings: { upstream: UPSTREAM, cors: { origin: APP, preflightContinue: true } },
    expected: ['cors.preflightContinue preflight-continue-unsupported'],
  },
  {
    rule: 'debug cannot call back into Node',
    settings: { upstream: UPSTREAM, cors: { origin: APP, debug: true } },
    expected: ['cors.debug export-debug'],
  },
  {
    rule: "websockets are the gateway's",
    settings: { upstream: UPSTREAM, websockets: true, cors: { origin: APP } },
    expected: ['websockets export-websockets'],
  },
  {
    rule: 'a $ in a name would be read as a variable',
    settings: { upstream: UPSTREAM, cors: { origin: APP, exposedHeaders: ['X-$id'] } },
    expected: ['cors.exposedHeaders[0] export-name-unsupported'],
  },
  {
    rule: 'an exempt path with a quote',
    settings: { upstream: UPSTREAM, cors: { origin: APP, csrf: { exemptPaths: ["/a'b"] } } },
    expected: ['cors.csrf.exemptPaths[0] export-path-unsupported'],
  },
  {
    rule: 'a host that is not an address',
    settings: { upstream: UPSTREAM, host: '0.0.0.0; evil', cors: { origin: APP } },
    expected: ['host export-host-invalid'],
  },
  {
    rule: 'port 0 cannot be written into a configuration',
    settings: { upstream: UPSTREAM, port: 0, cors: { origin: APP } },
    expected: ['port port-invalid'],
  },
  {
    rule: 'an upstream host the configuration would read as syntax',
    settings: { upstream: 'http://a;b:3000', cors: { origin: APP } },
    expected: ['upstream export-upstream-unsupported'],
  },
  {
    rule: 'an upstream path with a $ (an nginx variable)',
    settings: { upstream: 'http://127.0.0.1:3000/a$b', cors: { origin: APP } },
    expected: ['upstream export-upstream-unsupported'],
  },
  {
    rule: 'an exempt path with a ; (an Apache or nginx directive end)',
    settings: { upstream: UPSTREAM, cors: { origin: APP, csrf: { exemptPaths: ['/a;b'] } } },
    expected: ['cors.csrf.exemptPaths[0] export-path-unsupported'],
  },
  {
    rule: 'the upstream as the gateway checks it',
    settings: { upstream: 'ftp://x', cors: { origin: APP } },
    expected: ['upstream upstream-scheme'],
  },
  {
    rule: 'every problem at once',
    settings: { upstream: '', websockets: true, cors: { origin: () => true, debug: true, preflightContinue: true } },
    expected: [
      'upstream upstream-required',
      'cors.preflightContinue preflight-continue-unsupported',
      'websockets export-websockets',
      'cors.origin export-origin-predicate',
      'cors.debug export-debug',
    ],
  },
];

describe('export refuses what a front cannot express', () => {
  for (const target of EXPORT_TARGETS) {
    for (const row of refusals) {
      test(`${target}: ${row.rule}`, () => {
        assert.deepEqual(codes(row.settings, target), row.expected);
      });
    }
  }
  test('an unknown target', () => {
    assert.deepEqual(codes({ upstream: UPSTREAM, cors: { origin: APP } }, 'iis' as never), [
      '(target) export-target-unknown',
    ]);
  });
});

const invalidPolicies: Array<Record<string, unknown>> = [
  { origin: true },
  { origin: ['https://app.example.com/', 'HTTPS://x.com', 'https://a.com,https://b.com'] },
  { origin: '*', credentials: true, methods: ['put', 'CONNECT'], allowedHeaders: ['Cookie'], maxAge: -1 },
  { origin: APP, csrf: { exemptPaths: ['saml'] }, optionsSuccessStatus: 302, exposedHeaders: ['Set-Cookie'] },
  { origin: [/unanchored/], dangerouslyAllowNullOrigin: true },
  { origin: APP, allowCredentials: true },
];

describe('export raises every CorsConfigError the middleware raises, under cors.*', () => {
  for (const cors of invalidPolicies) {
    test(
      JSON.stringify(cors, (_key, value) => (value instanceof RegExp ? String(value) : value)),
      () => {
        let middleware: string[] = [];
        try {
          createCors(cors as never);
        } catch (error) {
          assert.ok(error instanceof CorsConfigError);
          middleware = error.issues.map((issue) => `cors.${issue.path} ${issue.code}`);
        }
        assert.ok(middleware.length > 0);
        assert.deepEqual(codes({ upstream: UPSTREAM, cors: cors as never }), middleware);
      },
    );
  }
});
