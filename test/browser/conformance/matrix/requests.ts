// The requests of the generated matrix, as script writes them. `short` marks the few that every
// page origin sends; the others come only from each policy's `full` origins.
import type { ProbeRequest } from '../../support/probe.ts';

export type MatrixRoute = 'data' | 'same-origin redirect' | 'cross-origin redirect';

export interface MatrixRequest {
  readonly name: string;
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly bodyType?: ProbeRequest['bodyType'];
  readonly credentials?: 'include';
  readonly route?: MatrixRoute;
  readonly short?: boolean;
}

export const REQUESTS: readonly MatrixRequest[] = [
  { name: 'GET', method: 'GET', short: true },
  { name: 'HEAD', method: 'HEAD' },
  { name: 'POST text/plain', method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' }, short: true },
  { name: 'POST urlencoded (URLSearchParams)', method: 'POST', body: 'a=1', bodyType: 'url-search-params' },
  { name: 'POST multipart (FormData)', method: 'POST', body: 'a=1', bodyType: 'form-data' },
  {
    name: 'POST application/json',
    method: 'POST',
    body: '{}',
    headers: { 'Content-Type': 'application/json' },
    short: true,
  },
  { name: 'PUT', method: 'PUT', body: 'x', short: true },
  { name: 'DELETE', method: 'DELETE' },
  { name: 'delete (lower case, normalised)', method: 'delete' },
  { name: 'PATCH', method: 'PATCH', body: 'x' },
  { name: 'patch (lower case, sent as is)', method: 'patch', body: 'x' },
  { name: 'PURGE (extension method)', method: 'PURGE' },
  { name: 'OPTIONS sent by script (preflighted, then an ordinary request)', method: 'OPTIONS' },
  { name: 'GET + X-Custom', method: 'GET', headers: { 'X-Custom': '1' } },
  { name: 'GET + X-Custom, X-Other', method: 'GET', headers: { 'X-Other': '2', 'X-Custom': '1' } },
  { name: 'GET + Authorization', method: 'GET', headers: { Authorization: 'Bearer t' } },
  { name: 'GET + Content-Language (safelisted)', method: 'GET', headers: { 'Content-Language': 'en-US' } },
  { name: 'GET + Accept-Language with "/" (unsafe value)', method: 'GET', headers: { 'Accept-Language': 'en/US' } },
  {
    name: 'GET + Content-Language over 128 bytes (unsafe value)',
    method: 'GET',
    headers: { 'Content-Language': 'en-US, '.repeat(19) },
  },
  { name: 'GET + Range bytes=0- (safelisted)', method: 'GET', headers: { Range: 'bytes=0-' } },
  { name: 'GET credentials: include', method: 'GET', credentials: 'include', short: true },
  { name: 'POST text/plain credentials: include', method: 'POST', body: 'hi', credentials: 'include' },
  {
    name: 'PUT + X-Custom credentials: include',
    method: 'PUT',
    headers: { 'X-Custom': '1' },
    body: 'x',
    credentials: 'include',
  },
  {
    name: 'GET + Authorization credentials: include',
    method: 'GET',
    headers: { Authorization: 'Bearer t' },
    credentials: 'include',
  },
  { name: 'GET through a same-origin redirect', method: 'GET', route: 'same-origin redirect' },
  { name: 'GET through a cross-origin redirect', method: 'GET', route: 'cross-origin redirect' },
];
