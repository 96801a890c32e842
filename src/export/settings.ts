import type { CorsOptions } from '../core/options.ts';
import type { ProxyRequest } from '../proxy/options.ts';

/** The four front servers `corsguard export` writes configuration for. */
export const EXPORT_TARGETS = ['nginx', 'apache', 'caddy', 'haproxy'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/**
 * What `corsguard proxy` runs with (its settings file, schema.json): the same file exports a front
 * configuration that answers as the gateway and `corsguard/node` would.
 */
export interface ExportSettings {
  /** The API every request goes to, with an optional base path: `http://127.0.0.1:3000/v1`. */
  readonly upstream: string | URL;
  /** The CORS policy, exactly the middleware's options. */
  readonly cors: CorsOptions<ProxyRequest>;
  /** Address the complete configuration listens on. Default 127.0.0.1. */
  readonly host?: string;
  /** Port the complete configuration listens on. Default 8080. */
  readonly port?: number;
  /** Milliseconds to wait for the upstream. Default 30000. */
  readonly timeout?: number;
  /** Refused: a front cannot check the Origin of a WebSocket upgrade the way the gateway does. */
  readonly websockets?: boolean;
  /** Ignored: the front server logs in its own format. */
  readonly jsonLogs?: boolean;
}

/** Per-target options that do not change what the front answers. */
export interface ExportOptions {
  /**
   * Apache: the absolute directory the files will be in (httpd.conf names it as ServerRoot, for
   * its pid file, logs and the Include). Default: the current directory.
   */
  readonly directory?: string;
  /** Apache: the directory holding mod_headers.so and the others. Default Debian's /usr/lib/apache2/modules. */
  readonly apacheModules?: string;
}

/** One generated file: its name in the output directory, and its text. */
export interface ExportFile {
  readonly name: string;
  /** A snippet to include in an existing configuration, or the complete runnable one. */
  readonly role: 'snippet' | 'complete';
  readonly text: string;
}

export const DEFAULT_EXPORT_HOST = '127.0.0.1';
export const DEFAULT_EXPORT_PORT = 8080;
