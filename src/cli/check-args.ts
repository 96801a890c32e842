import { parseArgs } from 'node:util';
import type { BrowserModel, CredentialsMode } from '../simulate/index.ts';

export interface CheckArgs {
  readonly url: string;
  readonly origin: string;
  readonly method: string;
  readonly headers: [string, string][];
  readonly credentials: CredentialsMode;
  readonly readHeaders: string[];
  readonly json: boolean;
  readonly model: BrowserModel;
  readonly help: boolean;
}

export class UsageError extends Error {}

/** Parses `corsguard check` arguments; throws UsageError with a message for the user. */
export function parseCheckArgs(argv: readonly string[]): CheckArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        origin: { type: 'string', short: 'o' },
        request: { type: 'string', short: 'X' },
        header: { type: 'string', short: 'H', multiple: true },
        credentials: { type: 'boolean' },
        'read-header': { type: 'string', multiple: true },
        json: { type: 'boolean' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const help = values.help ?? false;
  if (help) return { url: '', origin: '', method: 'GET', headers: [], credentials: 'omit', readHeaders: [], json: false, model: 'chromium', help };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing <url>' : `expected one <url>, got: ${positionals.join(' ')}`);
  if (!values.origin) throw new UsageError('missing --origin <origin> (the origin of the page that calls fetch)');
  const model = values.model ?? 'chromium';
  if (model !== 'chromium' && model !== 'fetch') throw new UsageError(`--model must be chromium or fetch, not '${model}'`);
  const headers = (values.header ?? []).map((line): [string, string] => {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new UsageError(`-H '${line}' is not 'Name: value'`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  return {
    url: positionals[0] ?? '',
    origin: values.origin,
    method: values.request ?? 'GET',
    headers,
    credentials: values.credentials ? 'include' : 'same-origin',
    readHeaders: values['read-header'] ?? [],
    json: values.json ?? false,
    model,
    help,
  };
}
