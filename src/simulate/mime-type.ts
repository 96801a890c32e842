import { isToken } from './http-token.ts';

/**
 * The essence (`type/subtype`, lower case) of a Content-Type value, or undefined when it does not
 * parse. `lenient` is Chromium's net::ExtractMimeTypeFromMediaType (split at the first ';', then at
 * '/', whitespace trimmed around both parts); otherwise MIME Sniffing §4.4 "parse a MIME type".
 */
export function mimeEssence(value: string, lenient: boolean): string | undefined {
  return lenient ? chromiumEssence(value) : standardEssence(value);
}

function chromiumEssence(value: string): string | undefined {
  const semicolon = value.indexOf(';');
  const parts = (semicolon === -1 ? value : value.slice(0, semicolon)).split('/');
  if (parts.length !== 2) return undefined;
  const [type, subtype] = parts.map((part) => part.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, ''));
  if (type === undefined || subtype === undefined || !isToken(type) || !isToken(subtype)) return undefined;
  return `${type}/${subtype}`.toLowerCase();
}

function standardEssence(input: string): string | undefined {
  const value = input.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const slash = value.indexOf('/');
  if (slash === -1) return undefined;
  const type = value.slice(0, slash);
  const semicolon = value.indexOf(';', slash + 1);
  const subtype = value.slice(slash + 1, semicolon === -1 ? undefined : semicolon).replace(/[\t\n\r ]+$/, '');
  if (!isToken(type) || !isToken(subtype)) return undefined;
  return `${type}/${subtype}`.toLowerCase();
}
