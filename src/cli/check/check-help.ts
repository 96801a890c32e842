import { DEFAULT_TIMEOUT_MS } from './check-args.ts';

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
