// Sends one request to a server on a real socket and keeps what a browser would read of the answer.
import { createServer, type RequestListener } from 'node:http';
import { request } from 'undici';
import { listen } from '../support/servers.ts';

export interface Sent {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly path?: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

export const APP = 'https://app.example.com';
export const OTHER = 'https://evil.example';

export function preflight(method: string, extra: Record<string, string> = {}, origin = APP): Sent {
  return { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, ...extra } };
}

export function actual(method: string, origin: string | undefined = APP, extra: Record<string, string> = {}): Sent {
  return { method, headers: { ...(origin === undefined ? {} : { origin }), ...extra } };
}

/** One request to a node:http listener on 127.0.0.1. */
export async function send(listener: RequestListener, sent: Sent): Promise<Answer> {
  const server = await listen(createServer(listener));
  try {
    return await sendTo(server.url, sent);
  } finally {
    await server.close();
  }
}

export async function sendTo(url: string, sent: Sent): Promise<Answer> {
  const response = await request(`${url}${sent.path ?? '/items'}`, { method: sent.method, headers: sent.headers });
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { status: response.statusCode, headers, body: await response.body.text() };
}

/** A comma-separated header as a sorted lower-case set: `GET,PUT` and `PUT, GET` say the same to a browser. */
export function listOf(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .sort();
}

/** The CORS headers and status a row checks: `undefined` means the header must be absent. */
export type Expected = {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string | undefined>;
};

export function check(answer: Answer, expected: Expected): string[] {
  const problems: string[] = [];
  if (answer.status !== expected.status) problems.push(`status ${answer.status}, expected ${expected.status}`);
  if (expected.body !== undefined && answer.body !== expected.body)
    problems.push(`body ${JSON.stringify(answer.body)}, expected ${JSON.stringify(expected.body)}`);
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const got = answer.headers[name];
    const same =
      value === undefined || got === undefined
        ? got === value
        : JSON.stringify(listOf(got)) === JSON.stringify(listOf(value));
    if (!same) problems.push(`${name}: ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`);
  }
  return problems;
}
