/**
 * Appends names to a Vary header value without duplicating any (case-insensitive) and without
 * dropping what is there. `*` already varies on everything. Returns the new value.
 */
export function appendVary(existing: string | undefined, add: string): string {
  if (add === '') return existing ?? '';
  if (existing === undefined || existing.trim() === '') return add;
  if (existing.trim() === '*') return existing;
  const present = new Set(existing.split(',').map((name) => name.trim().toLowerCase()));
  if (present.has('*')) return existing;
  let value = existing;
  for (const name of add.split(', ')) {
    if (!present.has(name.toLowerCase())) value += `, ${name}`;
  }
  return value;
}
