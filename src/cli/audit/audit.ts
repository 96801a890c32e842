import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  audit,
  SEVERITIES,
  summarise,
  type AuditReport,
  type AuditTarget,
  type TargetReport,
} from '../../audit/index.ts';
import { nodeTransport } from '../../transport/node-transport.ts';
import { parseAuditArgs, type AuditArgs, type FailOn } from './audit-args.ts';
import { renderProgress, renderSummary, renderTarget, worstFirst } from './audit-render.ts';
import { withDocs } from './audit-docs.ts';
import { toSarif } from './audit-sarif.ts';
import type { OriginLists } from './origins-file.ts';
import { targetWithout, withoutBaseline } from './baseline.ts';
import { AuditFailure, baselineOf, originsOf, reason, targetsOf } from './inputs.ts';
import type { CliIo } from '../shared/io.ts';
import { palette } from '../shared/colors.ts';
import { printable, printableJson } from '../shared/printable.ts';
import { UsageError } from '../shared/request-args.ts';
import { usageText } from '../shared/usage.ts';

export const AUDIT_HELP = `Usage: corsguard audit <url>... [options]

Probes each URL's CORS answers the way an attacker and your own front end would, and reports every
problem with its evidence, a severity and the fix: origins reflected or matched loosely, 'null',
shared hosting, missing Vary: Origin, private network access, preflight echoes, malformed headers,
and (with --origin) whether your front end's requests really work.
Sends only GET, HEAD and OPTIONS (unless --unsafe), only to the URLs given (redirects are noted,
never followed), and reads at most 64 KiB of a body. -H and --cookie values go to the hosts of
the URLs given (and, for http: URLs, to a --proxy) and nowhere else, never on preflights
(browsers send none there); reports show
secret-looking values (cookies, tokens, keys) redacted, and each finding says whether its probe
carried them ("authenticated").

Options:
  -o, --origin <origin>    a front end that must work, e.g. https://app.example.com (repeatable);
                           its look-alikes are probed too
      --untrusted <origin> an origin that must never be allowed (repeatable): a retired front
                           end, a partner sandbox, an http:// twin; allowed, it is a finding
      --origins-file <file>
                           origins one a line (# comments): [trusted] and [untrusted] sections
                           (lines before any section are trusted), or trusted:/untrusted: prefixes
  -X, --request <method>   a method the front end uses (repeatable; default GET)
  -H, --header 'N: v'      a header the front end sets (repeatable), e.g. 'Authorization: …':
                           sent on every probe of each URL, attacker origins included
      --cookie 'name=value'
                           a logged-in user's cookie (repeatable; implies --credentials): sent on
                           every probe of each URL, attacker origins included
      --credentials        the front end sends cookies or HTTP authentication
      --urls <file>        read URLs from a file, or from standard input with --urls -: one a
                           line, # comments (also after a URL), each URL audited once; a bare
                           host name (api.example.com[:port][/path]) is audited over https
      --both-schemes       ... and over http too
      --openapi <file>     audit every path of an OpenAPI 3.0/3.1 document, JSON or YAML (path
                           parameters from its examples, else placeholders), each operation's
                           method probed in preflights; URLs given as arguments replace its servers
      --json               print one JSON report
      --sarif <file>       also write a SARIF 2.1.0 log for code-scanning UIs
      --baseline <file>    report only findings not in this earlier --json report or --sarif
                           log (matched by each finding's fingerprint: its id and URL, and
                           the origins an untrusted-origin or fixed-origin finding lists)
      --fail-on <level>    exit 1 at a finding of this severity or worse:
                           info, low, medium (default), high or none
      --concurrency <n>    requests in flight, over all URLs (default 8)
      --rate <n>           requests per second, over all URLs (default: no limit)
      --timeout <ms>       per request (default 10000); each URL gets ten times this
      --unsafe             also send a cross-site simple POST (may change state!) and the
                           front end's real methods instead of a GET standing in for them
      --insecure           accept invalid TLS certificates
      --proxy <url>        send every probe through this HTTP proxy (Burp, ZAP, a corporate
                           proxy): https: URLs in a CONNECT tunnel, http: URLs in absolute form;
                           default HTTPS_PROXY / HTTP_PROXY; NO_PROXY hosts go direct
  -h, --help               show this help

Exit status: 1 a finding at or above --fail-on; else 2 a URL not (fully) audited or a usage
error; else 0. Colours only on a terminal; NO_COLOR turns them off. A progress line is drawn
on stderr when stderr is a terminal, whatever stdout is (--json > report.json too).

Examples:
  corsguard audit https://api.example.com/me --origin https://app.example.com --credentials
  corsguard audit https://api.example.com/items -o https://app.example.com -X PUT \\
      -H 'Content-Type: application/json' --sarif cors.sarif --fail-on high
  corsguard audit --urls endpoints.txt --concurrency 16 --rate 50 --json > report.json
  subfinder -d example.com -silent | corsguard audit --urls - --both-schemes --fail-on high
  corsguard audit https://staging.example.com/v1 --openapi openapi.json -o https://app.example.com
`;

export interface AuditIo extends CliIo {
  /** stderr is a terminal (the progress line); default: isTTY (stdout is one). */
  readonly stderrIsTTY?: boolean;
  /** All of standard input, for --urls -; default: process.stdin. */
  readonly readStdin?: () => Promise<string>;
}

/** 1 when a finding reaches --fail-on; else 2 when a URL was not (fully) audited; else 0. */
function auditExitCode(report: AuditReport, failOn: FailOn): number {
  if (failOn !== 'none') {
    const worst = SEVERITIES.indexOf(failOn);
    const failing = report.targets.some((target) =>
      target.findings.some((finding) => SEVERITIES.indexOf(finding.severity) <= worst),
    );
    if (failing) return 1;
  }
  return report.targets.some((target) => target.error !== undefined) ? 2 : 0;
}

/** Before auditing anything: the --sarif file can be written (an existing file, or a new one in a writable directory). */
async function checkWritable(path: string): Promise<void> {
  try {
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw new Error('it is a directory');
    await access(existing ? path : dirname(resolve(path)), constants.W_OK);
  } catch (error) {
    throw new AuditFailure(`cannot write --sarif ${path}: ${reason(error)}`);
  }
}

async function writeSarif(path: string, report: AuditReport, baseline: boolean): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(toSarif(report, baseline), null, 2)}\n`);
  } catch (error) {
    throw new AuditFailure(`cannot write --sarif ${path}: ${reason(error)}`);
  }
}

/** `corsguard audit …`; resolves to the exit status. A failure is one `corsguard audit:` line on stderr, never a stack. */
export async function runAudit(argv: readonly string[], io: AuditIo): Promise<number> {
  let args: AuditArgs;
  let urls: (string | AuditTarget)[];
  let origins: OriginLists;
  let known: Set<string> | undefined;
  try {
    args = parseAuditArgs(argv, io.env);
    if (args.help) {
      io.stdout(AUDIT_HELP);
      return 0;
    }
    urls = await targetsOf(args, io.readStdin);
    origins = await originsOf(args);
    known = await baselineOf(args);
    if (args.sarif !== undefined) await checkWritable(args.sarif);
  } catch (error) {
    io.stderr(error instanceof UsageError ? usageText('audit', error) : `corsguard audit: ${reason(error)}\n`);
    return 2;
  }
  try {
    return await auditAndReport(args, urls, { origins, known }, io);
  } catch (error) {
    io.stderr(`corsguard audit: ${reason(error)}\n`);
    return 2;
  }
}

async function auditAndReport(
  args: AuditArgs,
  urls: readonly (string | AuditTarget)[],
  read: { origins: OriginLists; known: Set<string> | undefined },
  io: AuditIo,
): Promise<number> {
  const { origins, known } = read;
  const colors = palette(io.env, io.isTTY);
  // A --urls file or an --openapi document may hold thousands of URLs: each is printed once done. Otherwise all at the end, worst first.
  const streaming = (args.urlsFile !== undefined || args.openapi !== undefined) && !args.json;
  // The progress line goes wherever stderr is a terminal, whatever stdout is (`--json > file` too).
  const progress = io.stderrIsTTY ?? io.isTTY;
  const done: TargetReport[] = [];
  const transport = nodeTransport({
    timeout: args.timeout,
    insecure: args.insecure,
    ...(args.proxy ? { proxy: args.proxy } : {}),
  });
  const everything = await audit(urls, {
    origins: origins.trusted,
    untrusted: origins.untrusted,
    methods: args.methods,
    headers: args.headers,
    ...(args.cookie === undefined ? {} : { cookie: args.cookie }),
    credentials: args.credentials,
    unsafe: args.unsafe,
    concurrency: args.concurrency,
    rate: args.rate,
    timeout: args.timeout,
    transport,
    onTarget: (target, count, total) => {
      done.push(target);
      if (progress) io.stderr('\r\u001b[2K');
      if (streaming) io.stdout(renderTarget(printable(known ? targetWithout(target, known) : target), colors));
      if (progress) io.stderr(renderProgress(count, total, summarise(done)));
    },
  }).finally(() => transport.close());
  const { report, suppressed } = known ? withoutBaseline(everything, known) : { report: everything, suppressed: 0 };
  if (progress) io.stderr('\r\u001b[2K');
  // stdout first: a SARIF file that cannot be written after all does not cost the report.
  if (args.json)
    io.stdout(
      `${printableJson(known ? { ...withDocs(report), baseline: { file: args.baseline, suppressed } } : withDocs(report))}\n`,
    );
  else {
    if (!streaming) for (const target of worstFirst(report.targets)) io.stdout(renderTarget(printable(target), colors));
    if (known)
      io.stdout(
        colors.dim(
          `${suppressed} finding${suppressed === 1 ? '' : 's'} already in --baseline ${args.baseline} not shown\n`,
        ),
      );
    io.stdout(renderSummary(report.summary, report.targets, colors));
  }
  if (args.sarif !== undefined) await writeSarif(args.sarif, report, known !== undefined);
  return auditExitCode(report, args.failOn);
}
