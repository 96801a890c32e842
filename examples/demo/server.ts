// `npm start`: the demo on API_PORT (default 8080) and PAGE_PORT (default 5173). A port that is
// taken or invalid ends the process with one line naming the variable that changes it.
import { DemoListenError, startDemo, type Demo } from './demo.ts';

const PORT_VARIABLES = { api: 'API_PORT', page: 'PAGE_PORT' } as const;

function portFrom(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (/^\d+$/.test(text) && port <= 65535) return port;
  fail(`${variable} must be a port number from 0 to 65535 (0 picks a free one), got ${JSON.stringify(text)}`, 2);
}

function fail(message: string, code: number): never {
  console.error(`corsguard demo: ${message}`);
  process.exit(code);
}

let demo: Demo;
try {
  demo = await startDemo({ apiPort: portFrom(PORT_VARIABLES.api, 8080), pagePort: portFrom(PORT_VARIABLES.page, 5173) });
} catch (error) {
  if (!(error instanceof DemoListenError)) throw error;
  const variable = PORT_VARIABLES[error.server];
  const problem = error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? 'unknown error'})`;
  fail(`port ${error.port} (the ${error.server} server) ${problem}; set ${variable} to another port (e.g. ${variable}=0 npm start picks a free one)`, 1);
}
console.log(`corsguard demo
  page: ${demo.pageUrl}   <- open this in a browser
  API:  ${demo.apiUrl}    (a different origin, guarded by corsguard)
Press Ctrl+C to stop.`);
