import {
  request as httpRequest,
  type Agent,
  type ClientRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { joinHeaderValue } from '../core/request.ts';
import { forwardedFor, forwardsRequestHeader, type HeaderRules } from './headers.ts';
import { connectionListed } from './hop-by-hop.ts';
import type { ProxyConfig } from './options.ts';

/** A node:http request's headers as sent upstream: filtered, Host set to the upstream's, X-Forwarded-* added. */
export function nodeRequestHeaders(request: IncomingMessage, rules: HeaderRules): OutgoingHttpHeaders {
  const incoming = request.headers;
  const listed = connectionListed(incoming.connection);
  const headers: OutgoingHttpHeaders = { host: rules.upstream.host };
  for (const name in incoming) {
    if (forwardsRequestHeader(name, listed, rules)) headers[name] = incoming[name];
  }
  const forwarded = forwardedFor(joinHeaderValue(incoming['x-forwarded-for']), request.socket.remoteAddress);
  if (forwarded !== undefined) headers['x-forwarded-for'] = forwarded;
  headers['x-forwarded-proto'] = (request.socket as Partial<TLSSocket>).encrypted === true ? 'https' : 'http';
  const host = rules.publicHost ?? incoming.host;
  if (host !== undefined) headers['x-forwarded-host'] = host;
  return headers;
}

/**
 * Frames the request body upstream explicitly, never leaving it to node's per-method default (a GET,
 * DELETE or OPTIONS without Content-Length is sent unframed, so its body would be read as a second
 * request): chunked when the client's body was (Transfer-Encoding is hop-by-hop and not copied),
 * else the length node parsed, else no body.
 */
export function frameRequestBody(headers: OutgoingHttpHeaders, request: IncomingMessage): OutgoingHttpHeaders {
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  if (request.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
  else if (request.headers['content-length'] !== undefined)
    headers['content-length'] = request.headers['content-length'];
  return headers;
}

/** A request to the configured upstream (never anywhere else) for `path`, which upstreamTarget produced. */
export function openUpstream(
  config: ProxyConfig,
  method: string | undefined,
  path: string,
  headers: OutgoingHttpHeaders,
  agent: Agent | false,
): ClientRequest {
  const send = config.upstreamSecure ? httpsRequest : httpRequest;
  return send({
    protocol: config.upstream.protocol,
    hostname: config.upstreamHostname,
    port: config.upstream.port,
    method,
    path,
    headers,
    agent,
  });
}
