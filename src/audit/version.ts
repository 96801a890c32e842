/** corsguard's version, as in package.json (a test keeps them equal). */
export const VERSION = '0.1.0';

/** Sent with every request so server owners can tell who is probing and why. */
export const USER_AGENT = `corsguard-audit/${VERSION} (CORS configuration audit; GET, HEAD and OPTIONS only unless --unsafe)`;
