import { VERSION } from '../version.ts';

export { VERSION };

/** Sent with every request so server owners can tell who is probing and why. */
export const USER_AGENT = `corsguard-audit/${VERSION} (CORS configuration audit; GET, HEAD and OPTIONS only unless --unsafe)`;
