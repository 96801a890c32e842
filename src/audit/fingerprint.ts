import type { FindingId } from './types.ts';

/**
 * A finding's stable identity: the same problem at the same URL gives the same value on every run
 * (the random probe origins and the evidence are left out). SHA-256 of `id\nurl` in hex, through
 * Web Crypto so that it runs wherever audit() does; the value SARIF has carried since its first
 * version, so earlier code-scanning alerts keep matching. `key`, for findings that list origins the
 * user or the server chose (untrusted ones allowed, fixed ones), is those origins: one more is new.
 */
export async function fingerprintOf(id: FindingId, url: string, key?: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${id}\n${url}${key === undefined ? '' : `\n${key}`}`),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
