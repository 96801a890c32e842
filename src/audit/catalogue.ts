import type { FindingId, Severity } from './types.ts';

export interface FindingText {
  readonly title: string;
  readonly why: string;
  readonly fix: string;
  /** Severity when the server also allowed credentials for the probing origin, and without. */
  readonly severity: { readonly credentials: Severity; readonly plain: Severity };
}

const bySeverity = (credentials: Severity, plain: Severity) => ({ credentials, plain });
const fixed = (severity: Severity) => ({ credentials: severity, plain: severity });

const EXACT_LIST =
  "corsguard: origin: ['https://app.example.com'] (exact origins, or 'https://*.example.com' patterns it validates). Any server: compare the Origin header with a list of exact origins; never reflect it, never test it with startsWith/endsWith/includes or an unanchored RegExp.";

/** Title, why and fix for every finding id: the text of the report and of README. */
export const CATALOGUE: Readonly<Record<FindingId, FindingText>> = {
  'reflects-any-origin': {
    title: 'Any origin is allowed (the Origin header is reflected)',
    why: 'Every website the user visits can read these responses; with credentials, it reads them as the logged-in user.',
    fix: EXACT_LIST,
    severity: bySeverity('high', 'medium'),
  },
  'preflight-any-origin': {
    title: 'Any origin passes the preflight (the Origin header is reflected on OPTIONS)',
    why: "Every website can make the user's browser send requests that need a preflight (PUT, DELETE, JSON bodies, custom headers), with the user's cookies when credentials are allowed, even though the answers to simple requests are not readable.",
    fix: `${EXACT_LIST} Answer preflights with the same origin check as every other request.`,
    severity: bySeverity('high', 'medium'),
  },
  'allows-null-origin': {
    title: "The 'null' origin is allowed",
    why: "Any site can send 'Origin: null' from a sandboxed iframe or a data: URL, so allowing it allows everyone.",
    fix: "corsguard refuses 'null' unless dangerouslyAllowNullOrigin is set: remove it. Any server: never treat the string 'null' as a trusted origin.",
    severity: bySeverity('high', 'medium'),
  },
  'prefix-match': {
    title: 'A trusted name followed by an attacker domain is allowed',
    why: 'The origin check tests the beginning of the origin (startsWith, an unanchored RegExp), so the owner of attacker.com registers trusted-host.attacker.com.',
    fix: EXACT_LIST,
    severity: bySeverity('high', 'medium'),
  },
  'suffix-match': {
    title: 'An attacker domain ending with the trusted name is allowed',
    why: 'The origin check tests the end of the origin (endsWith, a RegExp like /example\\.com$/, includes), so anyone registers attackerexample.com.',
    fix: EXACT_LIST,
    severity: bySeverity('high', 'medium'),
  },
  'unescaped-dot': {
    title: 'A trusted name with a dot replaced by a letter is allowed',
    why: "A RegExp with an unescaped '.' matches any character, so appxexample.com, a domain anyone can register, passes.",
    fix: `${EXACT_LIST} In a RegExp, escape every dot (\\.) and anchor both ends.`,
    severity: bySeverity('high', 'medium'),
  },
  'special-char-bypass': {
    title: 'A trusted name followed by a special character and an attacker domain is allowed',
    why: 'The origin is parsed or matched loosely (it stops at characters such as _ or `), so an origin on a domain the attacker holds passes.',
    fix: EXACT_LIST,
    severity: bySeverity('high', 'medium'),
  },
  'any-subdomain': {
    title: 'Any subdomain is allowed',
    why: 'One XSS or subdomain takeover anywhere under the domain can read these responses.',
    fix: "corsguard: list the subdomains that need access (origin: ['https://app.example.com']) instead of 'https://*.example.com'. Any server: allow only the subdomains that serve the front end.",
    severity: bySeverity('medium', 'low'),
  },
  'any-port': {
    title: 'A trusted host on any port is allowed',
    why: 'Whatever else listens on that host (another app, a dev server, a local program on localhost) can read these responses.',
    fix: "corsguard: list the exact origins with their ports (origin: ['http://localhost:3000']). Any server: compare the whole origin, port included; never match the host alone or any port with a RegExp.",
    severity: bySeverity('medium', 'low'),
  },
  'insecure-origin-trusted': {
    title: 'The http: twin of a trusted https: origin is allowed',
    why: 'An attacker on the network (public Wi-Fi) can inject script into the plain-http page and read these responses.',
    fix: 'corsguard refuses http: origins with credentials unless dangerouslyAllowInsecureOrigins is set: list only https: origins. Any server: trust only https:// origins (loopback aside).',
    severity: bySeverity('medium', 'low'),
  },
  'third-party-origin-trusted': {
    title: 'An origin on shared hosting is allowed',
    why: 'Anyone can publish a page on github.io, codepen.io, jsfiddle.net and the like, and read these responses from it.',
    fix: "corsguard refuses wildcards on hosting platforms unless dangerouslyAllowPublicSuffixWildcards is set: list your own exact origin (https://you.github.io). Any server: never allow a hosting platform's domain or its subdomains as a whole.",
    severity: bySeverity('high', 'medium'),
  },
  'untrusted-origin-allowed': {
    title: 'An origin you listed as untrusted is allowed',
    why: "An origin given with --untrusted (a retired front end, a partner sandbox, an http: twin) can read these responses, with the user's cookies when credentials are allowed.",
    fix: 'corsguard: remove it from origin: [...] (corsguard allows nothing it is not given). Any server: take it off the allowlist and check that no pattern still matches it.',
    severity: bySeverity('high', 'medium'),
  },
  'fixed-origin-trusted': {
    title: 'One origin is allowed whatever Origin is sent',
    why: "Access-Control-Allow-Origin names the same origin (a partner, a retired front end, a staging site) to every request: whoever controls that origin, or finds an XSS there, reads these responses, with the user's cookies when credentials are allowed. Listed so a person can judge whether it should be trusted.",
    fix: "corsguard: origin: ['https://app.example.com'] lists exactly the origins you trust and answers each only to itself. Any server: answer Access-Control-Allow-Origin only to requests from trusted origins, and remove origins that are no longer yours.",
    severity: bySeverity('medium', 'low'),
  },
  'missing-vary-origin': {
    title: 'Access-Control-Allow-Origin depends on Origin but Vary: Origin is missing',
    why: "A CDN or the browser's cache can replay one origin's answer to another: cache poisoning, or front ends that fail at random.",
    fix: "corsguard sends Vary: Origin on every response whose headers depend on Origin. Any server: add 'Vary: Origin' to every response of this URL (with and without Origin, allowed or not), appending to an existing Vary.",
    severity: fixed('medium'),
  },
  'private-network-any-origin': {
    title: 'Any origin may reach this private-network service',
    why: "The preflight grants Access-Control-Allow-Private-Network to an unrelated origin, so any public website can drive this internal service from a visitor's browser.",
    fix: 'corsguard: privateNetwork: true only together with an exact origin list. Any server: answer Access-Control-Allow-Private-Network: true only to trusted origins.',
    severity: fixed('high'),
  },
  'preflight-reflects-methods': {
    title: 'The preflight allows any method it is asked for',
    why: 'Access-Control-Allow-Methods echoes the requested method, so the front end can send methods nobody reviewed (DELETE, PUT…).',
    fix: "corsguard: methods: ['PUT', 'DELETE'] (the ones the front end uses). Any server: answer a fixed list of methods.",
    severity: fixed('low'),
  },
  'preflight-reflects-headers': {
    title: 'The preflight allows any request header it is asked for',
    why: 'Access-Control-Allow-Headers echoes the requested names, which lets script send headers the API may trust (X-Forwarded-For, X-User-Id…).',
    fix: "corsguard: allowedHeaders: ['content-type', 'authorization'] (the ones the front end sets). Any server: answer a fixed list of header names.",
    severity: fixed('low'),
  },
  'wildcard-with-credentials': {
    title: 'Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: true',
    why: 'Browsers refuse every credentialed read of such a response: not exploitable, but credentialed front ends are broken.',
    fix: "corsguard refuses origin: '*' with credentials: true at startup: list the exact origins (origin: ['https://app.example.com'], credentials: true). Any server: send the request's exact origin (from an allowlist) with credentials, never *.",
    severity: fixed('low'),
  },
  'invalid-allow-origin': {
    title: 'Access-Control-Allow-Origin is malformed',
    why: 'Browsers compare the value byte for byte with one origin: several values, a list, a trailing slash or different case never match, so the front end fails.',
    fix: "corsguard always sends one exactly-serialised origin. Any server: send a single value, '*' or the request's origin exactly as received (scheme://host[:port], no path, no trailing slash), on one header line.",
    severity: fixed('low'),
  },
  'preflight-unanswered': {
    title: "A trusted origin's preflight is not answered",
    why: 'Simple requests get CORS headers but the preflight (OPTIONS) is answered without any (a 401, 404 or 405 from authentication or routing), so every request that needs a preflight fails in the browser.',
    fix: 'corsguard answers preflights itself: mount it before routing and authentication. Any server: let OPTIONS requests carrying Origin and Access-Control-Request-Method reach the CORS layer before authentication and routing, and answer them with a 2xx status and the Access-Control-Allow-* headers.',
    severity: fixed('low'),
  },
  'trusted-origin-blocked': {
    title: 'A trusted front end cannot make its request',
    why: 'The browser refuses the request the front end needs: the front end is broken for this origin.',
    fix: 'See the fix given with this finding.',
    severity: fixed('low'),
  },
  'wildcard-origin': {
    title: 'Access-Control-Allow-Origin: * (any site can read, without credentials)',
    why: 'Fine for public data that needs no login; wrong if the response depends on network position (an intranet API) or on anything but the URL.',
    fix: "Nothing to do for public data. Otherwise corsguard: origin: ['https://app.example.com']; any server: an exact allowlist.",
    severity: fixed('info'),
  },
  'csrf-simple-request-accepted': {
    title: 'A cross-site simple POST was processed',
    why: 'Forms and no-cors fetches reach the server without a preflight; CORS only stops reading the answer, not the action.',
    fix: 'corsguard: csrf: true (rejects state-changing requests from origins the policy does not allow, by Sec-Fetch-Site and Origin). Any server: reject non-GET requests whose Origin is not trusted or whose Sec-Fetch-Site is cross-site.',
    severity: fixed('medium'),
  },
  'cookie-not-sent-cross-site': {
    title: "The session cookie never goes with the cross-site front end's requests",
    why: "The API allows credentials for a front end on another site, but the cookie it sets is SameSite=Strict or Lax (or has no SameSite, which Chromium reads as Lax): browsers withhold it from that front end's fetch(), so the front end is never logged in. A front end on the API's own site (app.example.com for api.example.com) is not affected.",
    fix: "Set the session cookie with SameSite=None; Secure (and Partitioned for Chromium, which blocks third-party cookies by default), or serve the API from the front end's own site (api.example.com for app.example.com) and keep SameSite=Lax.",
    severity: fixed('low'),
  },
  'cookie-samesite-none-insecure': {
    title: 'A cookie is SameSite=None without Secure',
    why: 'Chromium and Firefox reject SameSite=None without Secure: the cookie is never stored, so no credentialed request carries it (WebKit keeps it).',
    fix: 'Add Secure to the cookie (SameSite=None; Secure) and serve the API over https.',
    severity: fixed('low'),
  },
  'cookie-third-party-withheld': {
    title: "A third-party cookie rule keeps the session cookie from the cross-site front end's requests",
    why: "SameSite lets the cookie go to another site, but an engine's default third-party cookie setting keeps it away from the front end's fetch() whether the API sets it on a visit to its own site or in answer to the front end's own credentialed request: Chromium blocks third-party cookies that are not Partitioned, and Firefox (Total Cookie Protection) keeps each site's cookies in a partition of their own. The front end is logged out in that engine unless the user changes the setting.",
    fix: "Set the cookie in answer to the front end's credentialed request with SameSite=None; Secure; Partitioned (each engine then keeps it in the front end's partition), or serve the API from the front end's own site (api.example.com for app.example.com), where no third-party rule applies.",
    severity: fixed('info'),
  },
};
