// Reading a node:http request, for the adapters and the gateway alike.
import type { IncomingMessage } from 'node:http';
import { joinHeaderValue, pathOf, type RequestReader } from '../core/request.ts';

export const nodeRequestReader: RequestReader<IncomingMessage> = {
  method: (request) => request.method ?? 'GET',
  header: (request, name) => joinHeaderValue(request.headers[name]),
  path: (request) => pathOf(request.url ?? '/'),
};
