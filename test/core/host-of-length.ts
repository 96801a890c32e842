import { MAX_LABEL_LENGTH } from '../../src/core/limits.ts';

/** A valid DNS host of exactly `length` bytes ending in `suffix`, built from labels of at most 63 bytes. */
export function hostOfLength(length: number, suffix = 'example.com'): string {
  const labels: string[] = [];
  let remaining = length - suffix.length;
  while (remaining > 0) {
    // Each label costs its bytes plus a dot; never leave a remainder of 1 (a label of 0 bytes).
    let size = Math.min(MAX_LABEL_LENGTH, remaining - 1);
    if (remaining - (size + 1) === 1) size--;
    labels.push('a'.repeat(size));
    remaining -= size + 1;
  }
  const host = [...labels, suffix].join('.');
  if (host.length !== length) throw new Error(`cannot build a host of ${length} bytes ending in ${suffix}`);
  return host;
}
