import { simulateFetch, type SimulationVerdict } from '../simulate/index.ts';
import { browserHeaders } from './browser-headers.ts';
import { parseCheckArgs, UsageError } from './check-args.ts';
import { palette } from './colors.ts';
import { httpTransport } from './http-transport.ts';
import { renderVerdict } from './render-verdict.ts';

export const CHECK_HELP = `Usage: corsguard check <url> --origin <origin> [options]

Sends the requests a browser (Chromium) would send for fetch(<url>) from a page at <origin> —
the preflight when one is needed, then the actual request — and explains whether the browser
lets the page read the response, and what to change if not.

Options:
  -o, --origin <origin>    origin of the calling page, e.g. https://app.example.com (required)
  -X, --request <method>   request method (default GET); sent as fetch() would send it
  -H, --header 'N: v'      request header set by the script (repeatable)
      --credentials        credentials: 'include' (cookies, HTTP auth)
      --read-header <name> response header the script needs to read (repeatable)
      --model <name>       chromium (default) or fetch (the standard's text)
      --json               print the verdict as JSON
  -h, --help               show this help

Exit status: 0 allowed, 1 blocked by the browser, 2 usage or network error.
Colours are off when NO_COLOR is set or the output is not a terminal.

Examples:
  corsguard check https://api.example.com/items --origin https://app.example.com
  corsguard check https://api.example.com/items/1 -o https://app.example.com -X PUT \\
      -H 'Content-Type: application/json' -H 'Authorization: Bearer x' --credentials
  corsguard check https://api.example.com/search -o https://app.example.com --read-header X-Total-Count --json
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
}

/**
 * Exit 2 when the check itself could not run: the request as given is one fetch() would throw on
 * before sending anything (stage 'request'), or the server could not be reached. Else 1: blocked.
 */
export function exitCodeFor(verdict: SimulationVerdict): number {
  if (verdict.allowed) return 0;
  return verdict.stage === 'request' || verdict.reason === 'network-error' ? 2 : 1;
}

/** `corsguard check …`; resolves to the exit status. */
export async function runCheck(argv: readonly string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseCheckArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`corsguard check: ${error.message}\n\n${CHECK_HELP}`);
    return 2;
  }
  if (args.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const verdict = await simulateFetch(
    { url: args.url, origin: args.origin, method: args.method, headers: args.headers, credentials: args.credentials, readHeaders: args.readHeaders },
    httpTransport({ extraHeaders: browserHeaders(args.origin) }),
    { model: args.model },
  );
  const code = exitCodeFor(verdict);
  if (args.json) io.stdout(`${JSON.stringify(verdict, null, 2)}\n`);
  else io.stdout(renderVerdict(verdict, palette(io.env, io.isTTY), code !== 2));
  return code;
}
