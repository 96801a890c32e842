import { parseOrigin } from '../../simulate/checks/origin.ts';
import { schemeSuggestion } from '../../audit/url-suggestion.ts';
import { escapeControls } from '../shared/printable.ts';
import type { CliIo } from '../shared/io.ts';

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

/** The notes on <url>, then those on --origin. */
export function checkNotes(args: { readonly url: string; readonly origin: string }): CheckNote[] {
  return [...urlNotes(args.url), ...originNotes(args.origin)];
}

export function printNotes(notes: readonly CheckNote[], io: CliIo): void {
  for (const note of notes) io.stderr(`corsguard check: note: ${escapeControls(note.message)}\n`);
}

/** --origin not as the browser sends it (a path, a default port, capitals…): the origin it does send. */
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
