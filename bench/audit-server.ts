// The server audit.bench.ts audits, in its own process: corsguard's node adapter with an exact
// list (a correct server, so every probe is sent). Prints its port on the IPC channel.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cors } from '../src/adapters/node.ts';

const middleware = cors({
  origin: ['https://app.example.com'],
  credentials: true,
  methods: ['PUT'],
  allowedHeaders: ['content-type'],
});
const server = createServer((request, response) =>
  middleware(request, response, () => {
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  }),
);
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
process.on('disconnect', () => process.exit(0));
