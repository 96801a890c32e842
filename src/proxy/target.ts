// Maps a client's request target onto the one upstream. This is what keeps the gateway from being
// an open proxy: the host never comes from the request, and the path never leaves the base path.

/** Why a request target was refused (answered 400, never forwarded). */
export type TargetRefusal =
  /** Absolute-form (`http://other/…`), authority-form (`host:443`), asterisk-form (`*`) or a fragment. */
  | 'target-not-origin-form'
  /** `%2F` or `%5C` in a segment: the upstream may decode it into a separator. */
  | 'target-encoded-separator'
  /**
   * A `.` or `..` segment, plain or percent-encoded (`%2e%2e`, `..;`, `;..;`), or one a server may
   * read as one: dots with whitespace (`..%20`), three or more dots, fullwidth dots. It could climb
   * above the base path.
   */
  | 'target-dot-segment'
  /** A raw `\`, which some servers read as `/`. */
  | 'target-backslash'
  /** `%252e`, `%252f` or `%255c`: a dot, slash or backslash for an upstream that decodes twice. */
  | 'target-double-encoded'
  /** A `%` not followed by two hex digits, bytes that are not UTF-8, or `%00`. */
  | 'target-bad-encoding';

export interface UpstreamTarget {
  /** The upstream request target: base path, then the request's path and query. */
  readonly path: string;
}

/**
 * The upstream request target for an origin-form `target` (`/a/b?q`), below `basePath` (no
 * trailing slash). Runs of `/` are merged (so `//other.host/x` is the path `/other.host/x`); the
 * query is passed as it is.
 */
export function upstreamTarget(target: string, basePath: string): UpstreamTarget | TargetRefusal {
  if (target.charCodeAt(0) !== 0x2f /* / */ || target.includes('#')) return 'target-not-origin-form';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt);
  const path = rawPath.replace(/\/{2,}/g, '/');
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const refusal = checkSegment(segments[i]!);
    if (refusal !== undefined) return refusal;
  }
  return { path: basePath + path + query };
}

const DOUBLE_ENCODED = /%25(?:2e|2f|5c)/i;

function checkSegment(segment: string): TargetRefusal | undefined {
  if (segment.includes('\\')) return 'target-backslash';
  let decoded = segment;
  if (segment.includes('%')) {
    if (DOUBLE_ENCODED.test(segment)) return 'target-double-encoded';
    // A NUL ends the path for servers written in C.
    if (segment.includes('%00')) return 'target-bad-encoding';
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'target-bad-encoding';
    }
    if (decoded.includes('/') || decoded.includes('\\')) return 'target-encoded-separator';
  }
  // Servlet containers drop `;params` before resolving dot segments (`/..;/`), and not all of them
  // the same way (`/;..;/`): every `;`-separated part is checked.
  for (const part of decoded.split(';')) {
    if (dotsOnly(part)) return 'target-dot-segment';
  }
  return undefined;
}

/**
 * Whether a name is dots alone once whitespace is trimmed (Windows and some servers drop trailing
 * spaces and dots: `..%20`, `...`) and compatibility forms are folded (fullwidth `．．` is `..`).
 */
function dotsOnly(name: string): boolean {
  if (name === '') return false;
  if (name === '.' || name === '..') return true;
  const folded = /[^\x21-\x7e]/.test(name)
    ? name.normalize('NFKC').replace(/[\s\u0000-\u001f\u007f-\u009f]/g, '')
    : name;
  return /^\.+$/.test(folded);
}
