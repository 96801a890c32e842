// The tutorial's story as presets: each sets a policy and a request, and says what to look for.
import type { PlaygroundConfig, PolicyJson } from '../wire.ts';
import type { ComposedRequest } from './state.ts';

export interface Preset {
  readonly id: string;
  readonly title: string;
  /** What the preset shows, for a person. */
  readonly lesson: string;
  policy(config: PlaygroundConfig): PolicyJson;
  readonly request: ComposedRequest;
  /** The page plays a site the API must not trust: the fix is never to add it to origin. */
  readonly untrustedPage?: boolean;
  /** The documentation page that explains it, relative to the site (docsPath's form): 'guides/csrf#…'. */
  readonly guide: string;
}

const GET: ComposedRequest = {
  target: 'api',
  path: '/items',
  method: 'GET',
  headers: '',
  credentials: 'same-origin',
  body: 'none',
  readHeaders: '',
};
const ELSEWHERE = 'https://app.example.com';

// Each preset has a path of its own: the browser's preflight cache is keyed by URL, so one preset's
// cached preflight never answers for another's.
export const PRESETS: readonly Preset[] = [
  {
    id: 'simple-get',
    guide: 'start/concepts#simple-and-preflighted-requests',
    title: 'A simple GET',
    lesson:
      'A GET with no custom headers is a "simple" request: no preflight. The browser sends it with Origin and lets the script read the answer because Access-Control-Allow-Origin names the page.',
    policy: ({ pageOrigin }) => ({ origin: [pageOrigin] }),
    request: { ...GET, path: '/simple/items' },
  },
  {
    id: 'preflight-put',
    guide: 'start/concepts#simple-and-preflighted-requests',
    title: 'A preflighted PUT with JSON',
    lesson:
      'PUT and Content-Type: application/json are not safelisted, so the browser first asks with OPTIONS (the preflight). The policy must list the method and the header.',
    policy: ({ pageOrigin }) => ({ origin: [pageOrigin], methods: ['PUT'], allowedHeaders: ['Content-Type'] }),
    request: { ...GET, path: '/preflight/items/1', method: 'PUT', body: 'json' },
  },
  {
    id: 'allowlist-refuses',
    guide: 'codes/simulate/missing-allow-origin',
    title: 'An allowlist that refuses this page',
    lesson:
      'The policy trusts only https://app.example.com. The server still answers, without Access-Control-Allow-Origin, and the browser hides the response from the script. "Apply the fix" adds this page\'s origin.',
    policy: () => ({ origin: [ELSEWHERE] }),
    request: { ...GET, path: '/allowlist/items' },
  },
  {
    id: 'credentials-wildcard',
    guide: 'guides/cookies-and-credentials',
    title: "Cookies with origin '*': why it cannot work",
    lesson:
      "credentials: 'include' sends the cookie, but then the browser refuses Access-Control-Allow-Origin: * (any site could read a user's private data). Try turning on credentials with '*' in the form: validation refuses it too. The fix names the origin and allows credentials.",
    policy: () => ({ origin: '*' }),
    request: { ...GET, target: 'site', path: '/me', credentials: 'include' },
  },
  {
    id: 'credentials',
    guide: 'guides/cookies-and-credentials#cookies-also-need-samesite',
    title: 'Credentials and cookies',
    lesson:
      "The API on the same site (the page's host, another port) sets a SameSite=Lax cookie; with credentials: true and the exact origin the browser sends it back and lets the script read the answer. Send twice: the second request carries the cookie. Change its attributes under the path to see which ones still travel.",
    policy: ({ pageOrigin }) => ({ origin: [pageOrigin], credentials: true }),
    request: { ...GET, target: 'site', path: '/me', credentials: 'include' },
  },
  {
    id: 'cross-site-cookie',
    guide: 'guides/cookies-and-credentials#cookies-also-need-samesite',
    title: 'A cross-site API and its session cookie',
    lesson:
      "The API is on another site (api.localhost: localhost is a public suffix, so page.localhost is another site). CORS lets the script read the answer, but the session cookie it sets without SameSite counts as Lax in Chromium: a cross-site response cannot store it, and no cookie comes back on the second Send. SameSite=None; Secure is the classic fix, but it makes a third-party cookie, which Chromium blocks by default: add Partitioned too and the cookie is kept under this page's site and travels. Change the attributes under the path and Send twice.",
    policy: ({ pageOrigin }) => ({ origin: [pageOrigin], credentials: true }),
    request: { ...GET, path: '/me?samesite=unset', credentials: 'include' },
  },
  {
    id: 'header-hidden',
    guide: 'codes/simulate/header-not-exposed',
    title: 'Reading a custom header (not exposed)',
    lesson:
      'The server sends X-Request-Id, but script sees only the safelisted response headers unless the policy exposes more: response.headers.get() returns null.',
    policy: ({ pageOrigin }) => ({ origin: [pageOrigin] }),
    request: { ...GET, path: '/headers/items', readHeaders: 'X-Request-Id' },
  },
  {
    id: 'header-exposed',
    guide: 'codes/simulate/header-not-exposed',
    title: 'Reading a custom header (exposed)',
    lesson:
      "exposedHeaders: ['X-Request-Id'] makes the server send Access-Control-Expose-Headers, and the script can read it.",
    policy: ({ pageOrigin }) => ({ origin: [pageOrigin], exposedHeaders: ['X-Request-Id'] }),
    request: { ...GET, path: '/headers/items', readHeaders: 'X-Request-Id' },
  },
  {
    id: 'max-age',
    guide: 'start/concepts#max-age',
    title: 'max-age and the preflight cache',
    lesson:
      "maxAge: 600 lets the browser keep the preflight's answer (Chromium caps it at 2 hours). Send twice: the second time no OPTIONS goes over the wire.",
    policy: ({ pageOrigin }) => ({
      origin: [pageOrigin],
      methods: ['PUT'],
      allowedHeaders: ['Content-Type'],
      maxAge: 600,
    }),
    request: { ...GET, path: '/cached/items/1', method: 'PUT', body: 'json' },
  },
  {
    id: 'csrf-unguarded',
    guide: 'guides/csrf',
    title: 'A cross-origin POST that changes state (no CSRF guard)',
    lesson:
      'A text/plain POST is simple: no preflight. The policy does not trust this page, so the browser hides the answer, but the server already ran the handler and moved the money. CORS protects reading, not the request. This page plays a site the API must not trust, so the fix is not to add it to origin: "Apply the fix" turns on csrf.',
    policy: () => ({ origin: [ELSEWHERE] }),
    request: { ...GET, path: '/transfer', method: 'POST', body: 'text' },
    untrustedPage: true,
  },
  {
    id: 'csrf-guarded',
    guide: 'guides/csrf#csrf-true',
    title: 'The same POST with the CSRF guard',
    lesson:
      'csrf: true refuses state-changing cross-origin requests from origins the policy does not allow with 403, before the handler runs. The guard did its job: nothing to fix.',
    policy: () => ({ origin: [ELSEWHERE], csrf: true }),
    request: { ...GET, path: '/transfer', method: 'POST', body: 'text' },
    untrustedPage: true,
  },
];
