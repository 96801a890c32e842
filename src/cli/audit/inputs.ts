// What `corsguard audit` reads before sending anything: URLs (arguments, --urls, --openapi), origins, the baseline.
import { readFile } from 'node:fs/promises';
import type { AuditTarget } from '../../audit/index.ts';
import { urlProblem } from '../../audit/url-suggestion.ts';
import type { AuditArgs } from './audit-args.ts';
import { UsageError } from '../shared/request-args.ts';
import { baselineFingerprints } from './baseline.ts';
import { openApiFileTargets, OpenApiFileError } from './openapi-file.ts';
import { parseOriginsFile, type OriginLists } from './origins-file.ts';
import { auditTargets, linesOf } from './targets.ts';

/** A mistake that stops the command before or after auditing: one line, exit 2, no stack. */
export class AuditFailure extends Error {}

export const reason = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
};

/** Most bytes of a --urls list read (about a million URLs). */
export const MAX_URL_LIST_BYTES = 64 * 1024 * 1024;

async function processStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_URL_LIST_BYTES) throw new Error(`more than ${MAX_URL_LIST_BYTES} bytes: split the list`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function urlsOf(args: AuditArgs, readStdin: () => Promise<string>): Promise<string[]> {
  if (args.urlsFile === undefined) return auditTargets(args.urls, [], false);
  const stdin = args.urlsFile === '-';
  const name = stdin ? 'standard input' : args.urlsFile;
  let text: string;
  try {
    text = stdin ? await readStdin() : await readFile(args.urlsFile, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --urls ${stdin ? '-' : args.urlsFile}: ${reason(error)}`);
  }
  const urls = auditTargets(args.urls, linesOf(text), args.bothSchemes);
  if (urls.length === 0) throw new UsageError(`no URL in ${name}`);
  return urls;
}

/** --origin and --untrusted with the --origins-file's sections; an origin on both sides is a usage error. */
export async function originsOf(args: AuditArgs): Promise<OriginLists> {
  const lists: OriginLists = { trusted: [...args.origins], untrusted: [...args.untrusted] };
  if (args.originsFile !== undefined) {
    let text: string;
    try {
      text = await readFile(args.originsFile, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --origins-file ${args.originsFile}: ${reason(error)}`);
    }
    const { lists: file, problems } = parseOriginsFile(text, args.originsFile);
    if (problems.length > 0) throw new AuditFailure(`--origins-file ${args.originsFile}:\n  ${problems.join('\n  ')}`);
    lists.trusted.push(...file.trusted.filter((origin) => !lists.trusted.includes(origin)));
    lists.untrusted.push(...file.untrusted.filter((origin) => !lists.untrusted.includes(origin)));
  }
  const both = lists.untrusted.filter((origin) => lists.trusted.includes(origin));
  if (both.length > 0) throw new UsageError(`${both.join(', ')} is both trusted and untrusted`);
  return lists;
}

/** The fingerprints of a --baseline file, read before anything is sent; undefined without --baseline. */
export async function baselineOf(args: AuditArgs): Promise<Set<string> | undefined> {
  if (args.baseline === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(args.baseline, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --baseline ${args.baseline}: ${reason(error)}`);
  }
  try {
    return await baselineFingerprints(text);
  } catch (error) {
    throw new AuditFailure(`--baseline ${args.baseline}: ${reason(error)}`);
  }
}

/**
 * What to audit: the URLs given (arguments, --urls); with --openapi, the document's paths under
 * the URLs given as arguments (or its own servers), then any --urls list.
 */
export async function targetsOf(
  args: AuditArgs,
  readStdin: () => Promise<string> = processStdin,
): Promise<(string | AuditTarget)[]> {
  if (args.openapi === undefined) return urlsOf(args, readStdin);
  for (const url of args.urls) {
    const problem = urlProblem(url);
    if (problem !== undefined)
      throw new UsageError(`${problem} (with --openapi, the URLs given are the API's base URLs)`);
  }
  let described: AuditTarget[];
  try {
    described = await openApiFileTargets(args.openapi, args.urls);
  } catch (error) {
    if (error instanceof OpenApiFileError) throw new AuditFailure(error.message);
    throw error;
  }
  const listed = args.urlsFile === undefined ? [] : await urlsOf({ ...args, urls: [] }, readStdin);
  return [...described, ...listed];
}
