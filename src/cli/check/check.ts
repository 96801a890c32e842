import type { CliIo } from '../shared/io.ts';
import { simulateFetch, type SimulationVerdict } from '../../simulate/index.ts';
import { parseOrigin } from '../../simulate/checks/origin.ts';
import { schemeSuggestion } from '../../audit/url-suggestion.ts';
import { recordLastExchange, renderExchangeWarnings } from './exchange-warnings.ts';
import { browserHeaders } from './browser-headers.ts';
import { checkEngines, disagreement, renderEngines } from './check-browsers.ts';
import { DEFAULT_TIMEOUT_MS, parseCheckArgs, UsageError } from './check-args.ts';
import { palette } from '../shared/colors.ts';
import { escapeControls, printable, printableJson } from '../shared/printable.ts';
import { httpTransport } from '../shared/http-transport.ts';
import { documentedVerdict, renderVerdict } from './render-verdict.ts';
import { usageText } from '../shared/usage.ts';
import { VERSION } from '../../version.ts';

export const CHECK_HELP = `Usage: corsguard check <url> --origin <origin> [options]

Sends the requests a browser would send for fetch(<url>) from a page at <origin> — the
preflight when one is needed, then the actual request — and explains whether the browser lets
the page read the response, and what to change if not. The browser is Chromium unless --browser
names another engine; --browser all checks Chromium, Firefox and WebKit side by side.

Options:
  -o, --origin <origin>    origin of the calling page, e.g. https://app.example.com (required)
  -X, --request <method>   request method (default GET); sent as fetch() would send it
  -H, --header 'N: v'      request header set by the script (repeatable)
      --credentials        credentials: 'include' (cookies, HTTP auth)
      --cookie 'name=value[; SameSite=Lax; Secure; Partitioned; Domain=d; Path=/p]'
                           a cookie the browser holds for <url> (repeatable), with the attributes
                           it was set with. Sent only where the engine would send it: on
                           credentialed requests (--credentials, or to the page's own origin),
                           never on a preflight, never to another host than <url>'s, and not
                           across sites when SameSite, Secure or the engine's third-party cookie
                           policy keeps it back; the verdict says why and what to change
      --cookie-set-by first-party|cross-site
                           how the --cookie cookies were set: by visiting <url>'s site
                           (first-party, the default) or by the answer to a credentialed fetch()
                           from the --origin page (cross-site)
      --read-header <name> response header the script needs to read (repeatable)
      --timeout <ms>       time allowed for each request (default ${DEFAULT_TIMEOUT_MS})
  -k, --insecure           accept any TLS certificate (local HTTPS with a self-signed one;
                           a browser would refuse it)
      --proxy <url>        through this HTTP proxy (CONNECT for https:); default HTTPS_PROXY /
                           HTTP_PROXY; NO_PROXY hosts go direct
  -b, --browser <name>     chromium (default), firefox, webkit, or all (one verdict per engine,
                           and where they disagree)
      --model <name>       fetch (the Fetch standard's text), or an engine as with --browser
      --json               print the verdict as JSON
  -h, --help               show this help
      --version            print corsguard's version

Exit status: 0 allowed, 1 blocked by the browser (with --browser all: by any engine),
2 usage, network or TLS error.
A --read-header the server did not send is a warning, not a block. So is a cookie the browser
would not send, and a Set-Cookie in the answer it would not store (both explained under Cookies:).
Colours are off when NO_COLOR is set or the output is not a terminal.

Examples:
  corsguard check https://api.example.com/items --origin https://app.example.com
  corsguard check https://api.example.com/items/1 -o https://app.example.com -X PUT \\
      -H 'Content-Type: application/json' --credentials --cookie 'session=abc'
  corsguard check https://api.example.com/search -o https://app.example.com --read-header X-Total-Count --json
  corsguard check https://localhost:8443/items -o https://localhost:3000 --insecure
  corsguard check https://api.example.com/items -o https://app.example.com -X DELETE --browser all
`;

/** Something about how the check read its arguments that the user should know. */
export type CheckNote =
  | {
      readonly code: 'origin-normalized';
      /** --origin as given. */
      readonly given: string;
      /** The origin the browser sends. */
      readonly origin: string;
      readonly message: string;
    }
  | {
      readonly code: 'url-without-scheme';
      /** <url> as given. */
      readonly given: string;
      /** The URL probably meant, e.g. http://127.0.0.1:7005. */
      readonly suggestion: string;
      readonly message: string;
    };

/**
 * Exit 2 when the check itself could not run: the request as given is one fetch() would throw on
 * before sending anything (stage 'request'), or the server could not be reached. Else 1: blocked.
 */
function exitCodeFor(verdict: SimulationVerdict): number {
  if (verdict.allowed) return 0;
  return verdict.stage === 'request' || verdict.reason === 'network-error' || verdict.reason === 'tls-error' ? 2 : 1;
}

function originNotes(given: string): CheckNote[] {
  const origin = parseOrigin(given);
  if (origin === undefined || origin === given) return [];
  return [
    {
      code: 'origin-normalized',
      given,
      origin,
      message: `--origin '${given}' is sent as 'Origin: ${origin}': an origin is scheme://host[:port], without a path or trailing slash, a default port or capitals.`,
    },
  ];
}

/** <url> typed without its scheme (fetch() cannot load it): the URL probably meant. */
function urlNotes(given: string): CheckNote[] {
  const suggestion = schemeSuggestion(given);
  if (suggestion === undefined) return [];
  return [
    { code: 'url-without-scheme', given, suggestion, message: `'${given}' has no scheme: did you mean ${suggestion}?` },
  ];
}

/** `corsguard check …`; resolves to the exit status. */
export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseCheckArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(usageText('check', error));
    return 2;
  }
  if (args.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  if (args.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const notes = [...urlNotes(args.url), ...originNotes(args.origin)];
  for (const note of notes) io.stderr(`corsguard check: note: ${escapeControls(note.message)}\n`);
  const recorder = recordLastExchange(
    httpTransport({
      timeout: args.timeout,
      insecure: args.insecure,
      ...(args.proxy ? { proxy: args.proxy } : {}),
      // The cookies each exchange carries come from the simulator's cookie model (TransportRequest.cookie).
      extraHeaders: browserHeaders({ pageOrigin: parseOrigin(args.origin) ?? args.origin }),
    }),
  );
  const request = {
    url: args.url,
    origin: args.origin,
    method: args.method,
    headers: args.headers,
    credentials: args.credentials,
    readHeaders: args.readHeaders,
    cookies: args.cookies,
  };
  const colors = palette(io.env, io.isTTY);
  if (args.allBrowsers) {
    const result = await checkEngines(request, recorder.transport);
    const code = Math.max(...[...result.verdicts.values()].map(exitCodeFor));
    const exchangeWarnings = recorder.warnings();
    if (args.json) {
      const verdicts = Object.fromEntries(
        [...result.verdicts].map(([engine, verdict]) => [engine, documentedVerdict(verdict)]),
      );
      io.stdout(
        `${printableJson({ browser: 'all', agree: result.groups.length === 1, disagreement: disagreement(result) ?? null, groups: result.groups, verdicts, notes, exchangeWarnings })}\n`,
      );
      return code;
    }
    io.stdout(
      renderEngines(printable(result), colors, (verdict) => exitCodeFor(verdict) !== 2) +
        renderExchangeWarnings(printable(exchangeWarnings), colors),
    );
    return code;
  }
  const verdict = await simulateFetch(request, recorder.transport, { model: args.model });
  const code = exitCodeFor(verdict);
  const exchangeWarnings = recorder.warnings();
  if (args.json) {
    io.stdout(`${printableJson({ ...documentedVerdict(verdict), model: args.model, notes, exchangeWarnings })}\n`);
    return code;
  }
  const hints =
    verdict.reason === 'tls-error' && !args.insecure
      ? [
          'To check the CORS answers anyway, add --insecure (-k): corsguard then accepts the certificate, which a browser would not.',
        ]
      : [];
  io.stdout(
    renderVerdict(printable(verdict), colors, { conclusive: code !== 2, hints }) +
      renderExchangeWarnings(printable(exchangeWarnings), colors),
  );
  return code;
}
