// A gateway with default settings in a process of its own (the flood test starts it under a low
// `ulimit -n`): prints its port, serves until its stdin closes.
import { createProxyServer } from '../../../src/proxy/index.ts';

const server = createProxyServer({ upstream: process.argv[2]!, cors: { origin: 'https://app.example.com' } });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(
    JSON.stringify({
      port: typeof address === 'object' && address !== null ? address.port : 0,
      maxConnections: server.maxConnections,
    }),
  );
});
process.stdin.resume().on('end', () => {
  server.closeAllConnections();
  server.close();
});
