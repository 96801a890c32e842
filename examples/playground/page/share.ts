// The whole state in the URL's fragment (never sent to a server), so a link reproduces a case.
import type { PlaygroundState } from './state.ts';

const PREFIX = '#state=';

export function stateToHash(state: PlaygroundState): string {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The state a hash holds, or undefined when it holds none (or one that does not parse). */
export function stateFromHash(hash: string): PlaygroundState | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const binary = atob(hash.slice(PREFIX.length).replaceAll('-', '+').replaceAll('_', '/'));
    const state = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))),
    ) as PlaygroundState;
    if (
      typeof state !== 'object' ||
      state === null ||
      typeof state.policy !== 'object' ||
      typeof state.request !== 'object'
    )
      return undefined;
    return state;
  } catch {
    return undefined;
  }
}
