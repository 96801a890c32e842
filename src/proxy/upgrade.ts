// WebSocket upgrades: proxied when the policy allows their Origin, refused with 403 otherwise. CORS
// does not apply to WebSockets (browsers open them from any page), so this check is the defence
// against cross-site WebSocket hijacking.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CorsDecision } from '../core/decision.ts';
import { nodeRequestReader } from '../http/node-request.ts';
import { runDecision } from '../http/run-decision.ts';
import { forwardedResponseHeader } from './headers.ts';
import { nodeRequestHeaders, openUpstream } from './node-upstream.ts';
import type { ProxyOutcome } from './log.ts';
import { logNodeRequest } from './node-log.ts';
import type { ProxyConfig } from './options.ts';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemCode } from './problem.ts';
import { upstreamTarget } from './target.ts';

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface UpgradeHandler {
  readonly listener: UpgradeListener;
  /** Destroys every open tunnel: a server's close() would otherwise wait for them forever. */
  destroyTunnels(): void;
}

export function createUpgradeHandler(config: ProxyConfig): UpgradeHandler {
  const tunnels = new Set<Duplex>();
  const decided = (decision: CorsDecision, request: IncomingMessage, context: HandshakeContext): void =>
    handshake({ config, tunnels, request, ...context, decision, answered: false });
  const engineFailed = (_error: unknown, request: IncomingMessage, context: HandshakeContext): void => {
    refuse(context.socket, 'origin-check-failed');
    logNodeRequest(config, request, undefined, 'internal-error', 500, undefined, context.start);
  };

  const listener: UpgradeListener = (request, socket, head) => {
    socket.on('error', ignore);
    if (!isWebSocketRequest(request)) {
      refuse(socket, 'websocket-upgrade-invalid');
      logNodeRequest(config, request, undefined, 'websocket-refused', 400, undefined, performance.now());
      return;
    }
    try {
      runDecision(config.engine, request, nodeRequestReader, decided, engineFailed, request, {
        socket,
        head,
        start: performance.now(),
      });
    } catch {
      socket.destroy();
    }
  };

  return {
    listener,
    destroyTunnels: () => {
      for (const socket of tunnels) socket.destroy();
    },
  };
}

interface HandshakeContext {
  readonly socket: Duplex;
  /** The bytes after the client's head: the tunnel's first. */
  readonly head: Buffer;
  readonly start: number;
}

/** One WebSocket handshake through the gateway: the state its steps share. */
interface Handshake extends HandshakeContext {
  readonly config: ProxyConfig;
  readonly tunnels: Set<Duplex>;
  readonly request: IncomingMessage;
  readonly decision: CorsDecision;
  /** Whether the client was answered (and the handshake logged): later failures only close the socket. */
  answered: boolean;
}

function logged(handshake: Handshake, outcome: ProxyOutcome, status: number, upstreamStatus?: number): void {
  handshake.answered = true;
  logNodeRequest(
    handshake.config,
    handshake.request,
    handshake.decision.reason,
    outcome,
    status,
    upstreamStatus,
    handshake.start,
  );
}

/** The rules a handshake meets before the upstream, in order, then the upstream handshake. */
function handshake(state: Handshake): void {
  const { config, decision, request, socket } = state;
  // No Origin: not a browser, so no page can be riding on the user's cookies.
  if (!decision.allowed && decision.reason !== 'not-cors') {
    refuse(socket, 'websocket-origin-refused');
    logged(state, 'websocket-refused', 403);
    return;
  }
  const target = upstreamTarget(request.url ?? '/', config.basePath);
  if (typeof target === 'string') {
    refuse(socket, target);
    logged(state, 'target-refused', 400);
    return;
  }
  const upstreamRequest = openUpstream(config, request.method, target.path, upgradeHeaders(request, config), false);
  upstreamRequest.setTimeout(config.timeout, () => upstreamRequest.destroy(new Error('timeout')));
  socket.once('close', () => upstreamRequest.destroy());
  upstreamRequest.on('error', () => onUpstreamError(state));
  upstreamRequest.once('response', (upstreamResponse: IncomingMessage) => onDeclined(state, upstreamResponse));
  upstreamRequest.once('upgrade', (upstreamResponse: IncomingMessage, upstreamSocket: Socket, upstreamHead: Buffer) => {
    upstreamSocket.setTimeout(0);
    upstreamRequest.setTimeout(0);
    onUpgraded(state, upstreamResponse, upstreamSocket, upstreamHead);
  });
  upstreamRequest.end();
}

function onUpstreamError(state: Handshake): void {
  if (state.answered) {
    state.socket.destroy();
    return;
  }
  refuse(state.socket, 'upstream-unreachable');
  logged(state, 'upstream-unreachable', 502);
}

/** The upstream declined the upgrade: relay its answer, close-delimited. */
function onDeclined(state: Handshake, upstreamResponse: IncomingMessage): void {
  const { socket } = state;
  const status = upstreamResponse.statusCode ?? 502;
  socket.write(head101(status, upstreamResponse.statusMessage, upstreamResponse.rawHeaders, state.config, false));
  upstreamResponse.pipe(socket);
  upstreamResponse.once('error', () => socket.destroy());
  logged(state, 'proxied', status, status);
}

function onUpgraded(
  state: Handshake,
  upstreamResponse: IncomingMessage,
  upstreamSocket: Duplex,
  upstreamHead: Buffer,
): void {
  const { socket } = state;
  if (socket.destroyed) {
    upstreamSocket.destroy();
    return;
  }
  // Only a WebSocket is tunnelled: a switch to anything else (h2c, say) is a bad gateway.
  if (!isWebSocketToken(upstreamResponse.headers.upgrade)) {
    upstreamSocket.destroy();
    refuse(socket, 'upstream-unreachable');
    logged(state, 'upstream-unreachable', 502, 101);
    return;
  }
  socket.write(head101(101, upstreamResponse.statusMessage, upstreamResponse.rawHeaders, state.config, true));
  if (upstreamHead.length > 0) socket.write(upstreamHead);
  if (state.head.length > 0) upstreamSocket.write(state.head);
  tunnel(state.tunnels, socket, upstreamSocket);
  logged(state, 'websocket-proxied', 101, 101);
}

/** Joins the client's socket and the upstream's both ways; either one closing or failing closes both. */
function tunnel(tunnels: Set<Duplex>, socket: Duplex, upstreamSocket: Duplex): void {
  tunnels.add(socket);
  socket.once('close', () => tunnels.delete(socket));
  upstreamSocket.on('error', () => socket.destroy());
  socket.on('error', () => upstreamSocket.destroy());
  upstreamSocket.once('close', () => socket.destroy());
  socket.once('close', () => upstreamSocket.destroy());
  upstreamSocket.pipe(socket);
  socket.pipe(upstreamSocket);
}

/**
 * Only WebSocket handshakes are proxied (https://websockets.spec.whatwg.org/#concept-websocket-establish):
 * another Upgrade (h2c) would hand the client a raw connection to the upstream.
 */
function isWebSocketRequest(request: IncomingMessage): boolean {
  return (
    isWebSocketToken(request.headers.upgrade) &&
    request.headers['sec-websocket-key'] !== undefined &&
    request.headers['sec-websocket-version'] !== undefined
  );
}

function isWebSocketToken(upgrade: string | undefined): boolean {
  return upgrade !== undefined && upgrade.trim().toLowerCase() === 'websocket';
}

function upgradeHeaders(request: IncomingMessage, config: ProxyConfig): OutgoingHttpHeaders {
  const headers = nodeRequestHeaders(request, config);
  // A handshake has no body; what follows the head is the tunnel's first bytes.
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  headers.connection = 'Upgrade';
  headers.upgrade = 'websocket';
  return headers;
}

/** The status line and headers written to the client's socket, filtered as for any response. */
function head101(
  status: number,
  message: string | undefined,
  raw: readonly string[],
  config: ProxyConfig,
  upgraded: boolean,
): string {
  let head = `HTTP/1.1 ${status} ${sanitise(message ?? '')}\r\n`;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    if (upgraded && (name === 'connection' || name === 'upgrade')) {
      head += `${name}: ${value}\r\n`;
      continue;
    }
    const forwarded = forwardedResponseHeader(name, value, undefined, config);
    if (forwarded !== undefined && name !== 'content-length') head += `${name}: ${forwarded}\r\n`;
  }
  return `${head}${upgraded ? '' : 'connection: close\r\n'}\r\n`;
}

function refuse(socket: Duplex, code: ProblemCode): void {
  if (socket.destroyed) return;
  const { status, body } = problem(code);
  const reason =
    status === 403
      ? 'Forbidden'
      : status === 400
        ? 'Bad Request'
        : status === 502
          ? 'Bad Gateway'
          : 'Internal Server Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

function sanitise(text: string): string {
  return text.replace(/[\r\n]/g, '');
}

const ignore = (): void => {};
