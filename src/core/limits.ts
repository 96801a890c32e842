// Every bound the engine enforces, in one place, so that tests can check each at its limit and one
// past it. A value at a limit is accepted; one past it is refused.

/** Longest Origin header a RegExp or predicate is shown; longer values match nothing (real origins are far shorter). */
export const MAX_ORIGIN_LENGTH = 2048;

/** RFC 1035: a name has at most 255 bytes on the wire, 253 written out with its dots; a label at most 63. */
export const MAX_HOST_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

/** Highest TCP port. A request Origin with a higher port is not a serialised origin and matches nothing. */
export const MAX_PORT = 65535;

/** Highest `maxAge`: one day (browsers cap it lower anyway: Chromium at 7200 s, Firefox at 86400 s). */
export const MAX_MAX_AGE = 86400;

/** Empty list elements tolerated in one Access-Control-Request-Headers value (`a,,b`), as jub0bs/cors does. */
export const MAX_EMPTY_REQUEST_HEADER_ELEMENTS = 16;

/** Most names scanned in one Access-Control-Request-Headers value when allowedHeaders is '*'. */
export const MAX_WILDCARD_REQUEST_HEADERS = 256;

/**
 * Without '*', a request may name each allowed header this many times plus a few more before it is
 * refused without further work: browsers send each name once, other clients may repeat a few, and
 * beyond this the request asks for at least one name that is not allowed (CVE-2025-47908).
 */
export const REQUEST_HEADER_REPEATS_PER_ALLOWED_NAME = 2;
export const EXTRA_REQUEST_HEADER_NAMES = 4;

/** The most names an Access-Control-Request-Headers value may hold for a policy listing `allowedCount` names. */
export function maxRequestHeaderNames(allowedCount: number, any: boolean): number {
  return any
    ? MAX_WILDCARD_REQUEST_HEADERS
    : REQUEST_HEADER_REPEATS_PER_ALLOWED_NAME * allowedCount + EXTRA_REQUEST_HEADER_NAMES;
}

/** setTimeout's largest delay (2^31 - 1 ms); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
