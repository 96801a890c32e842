// The targets the export suites run, and where a server version cannot answer as the engine does.
import { spawnSync } from 'node:child_process';
import type { ExportTarget } from '../../src/export/index.ts';
import { BINARIES } from './support/binaries.ts';
import { varyNames, type Answer } from './support/compare.ts';
import type { ExportRow } from './rows.ts';

const ALL_TARGETS: readonly ExportTarget[] = ['nginx', 'apache', 'caddy', 'haproxy'];

/** Every target, or those named in EXPORT_TEST_TARGETS (comma-separated) for a quicker local run. */
export const TESTED_TARGETS: readonly ExportTarget[] = process.env.EXPORT_TEST_TARGETS
  ? ALL_TARGETS.filter((target) => process.env.EXPORT_TEST_TARGETS!.split(',').includes(target))
  : ALL_TARGETS;

/** nginx's version as [major, minor], or undefined when it cannot be run. */
function nginxVersion(): [number, number] | undefined {
  const result = spawnSync(BINARIES.nginx, ['-v'], { encoding: 'utf8' });
  const match = /nginx\/(\d+)\.(\d+)/.exec(`${result.stdout}${result.stderr}`);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export interface Deviation {
  readonly why: string;
  /** The request whose reference answer the server gives instead. */
  readonly asIf: ExportRow;
  /** How the server's answer differs from that reference answer, when it is not the same. */
  readonly adjust?: (reference: Answer) => Answer;
}

/** nginx before 1.23 reads only the first line of a header sent on several ($http_*, $upstream_http_*). */
function nginxReadsFirstLineOnly(): boolean {
  const version = nginxVersion();
  return version !== undefined && (version[0] < 1 || (version[0] === 1 && version[1] < 23));
}

/**
 * A row a server version answers differently, why, and how (so the deviation itself is checked,
 * and a fixed server fails the test).
 */
export function knownDeviation(target: ExportTarget, row: ExportRow): Deviation | undefined {
  const varyLines = /^\/vary\/(.+)$/.exec(row.path ?? '')?.[1];
  const [first, ...later] = varyLines === undefined ? [] : varyLines.split('/').map(decodeURIComponent);
  const names = (lines: readonly string[]) =>
    lines.flatMap((line) => line.split(',')).map((name) => name.trim().toLowerCase());
  const firstVaries = first !== undefined && names([first]).some((name) => name === 'origin' || name === '*');
  if (
    target === 'nginx' &&
    !firstVaries &&
    names(later).includes('origin') &&
    !names(later).includes('*') &&
    nginxReadsFirstLineOnly()
  ) {
    // $upstream_http_vary is the upstream's first Vary line: Origin is added unless that line names it.
    return {
      why: "nginx before 1.23 reads only the upstream's first Vary line, so Origin on a later line is named twice",
      asIf: { ...row, path: `/vary/${encodeURIComponent(first!)}` },
      adjust: (reference) => ({ ...reference, vary: varyNames([...reference.vary, ...later]) }),
    };
  }
  if (row.headers.origin === '' && (target === 'nginx' || target === 'apache')) {
    // nginx variables and Apache's req() read an empty header as an absent one.
    const { origin: _empty, ...absent } = row.headers;
    return { why: `${target} reads an empty Origin as an absent one`, asIf: { ...row, headers: absent } };
  }
  const repeated = Object.entries(row.headers).filter(([, value]) => Array.isArray(value));
  if (repeated.length === 0) return undefined;
  if (target === 'nginx') {
    // nginx 1.23.0 joins repeated header lines in $http_*; before, $http_NAME is the first line.
    if (nginxReadsFirstLineOnly()) {
      const firsts = Object.fromEntries(repeated.map(([name, value]) => [name, (value as string[])[0]!]));
      return {
        why: 'nginx before 1.23 reads only the first line of a repeated header',
        asIf: { ...row, headers: { ...row.headers, ...firsts } },
      };
    }
  }
  if (target === 'haproxy' && repeated.some(([name]) => name === 'access-control-request-headers')) {
    // Lists on several lines would need the lines' counts summed; HAProxy refuses them instead.
    return {
      why: 'HAProxy refuses Access-Control-Request-Headers on several lines',
      asIf: { ...row, headers: { ...row.headers, 'access-control-request-headers': ';' } },
    };
  }
  return undefined;
}
