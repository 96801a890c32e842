import { isPublicSuffix } from '../core/public-suffixes.ts';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** An IP literal has no domain to derive look-alikes from. */
export function isIpLiteral(host: string): boolean {
  return host.startsWith('[') || IPV4.test(host);
}

/**
 * The registrable domain ("site") of a host: its public suffix plus one label (`api.shop.co.uk` →
 * `shop.co.uk`). Every last label counts as a suffix, `localhost` included, so `api.shop.localhost`
 * → `shop.localhost`. Undefined for IP literals and for a host that is itself a suffix.
 */
export function registrableDomain(host: string): string | undefined {
  if (isIpLiteral(host)) return undefined;
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 1; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    if (i === labels.length - 1 || isPublicSuffix(suffix)) return labels.slice(i - 1).join('.');
  }
  return undefined;
}
