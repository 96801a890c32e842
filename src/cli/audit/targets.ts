// The URLs to audit from a recon pipeline: full URLs, bare host names, comments, duplicates.
import { schemeSuggestion } from '../../audit/url-suggestion.ts';

/**
 * The URLs of a --urls list: one a line; blank lines and lines starting with # are skipped, and a
 * `# comment` after a URL (after white space: a '#' inside a URL is its fragment) is stripped.
 */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
}

/**
 * A line without a scheme that names a host (`api.example.com`, `api.example.com:8443/v1`,
 * `10.0.0.5`) becomes https://…, and http://… too with --both-schemes, as recon tools print hosts;
 * anything else is kept as typed (the audit reports why it is not a URL).
 */
function expand(line: string, bothSchemes: boolean): string[] {
  if (schemeSuggestion(line) === undefined) return [line];
  return bothSchemes ? [`https://${line}`, `http://${line}`] : [`https://${line}`];
}

/** The URL as sent: a fragment never leaves the machine, so `x#a` and `x` are one URL. */
const keyOf = (url: string): string => {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
};

/** The --urls lines expanded, after the URLs given as arguments; each URL once (the first spelling kept). */
export function auditTargets(
  argumentUrls: readonly string[],
  listed: readonly string[],
  bothSchemes: boolean,
): string[] {
  const seen = new Set<string>();
  const targets: string[] = [];
  for (const url of [...argumentUrls, ...listed.flatMap((line) => expand(line, bothSchemes))]) {
    const key = keyOf(url);
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(url);
  }
  return targets;
}
