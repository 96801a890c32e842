// `npm start`: the playground on PAGE_PORT (default 5173), API_PORT (8080) and SITE_PORT (8081),
// opened in the desktop's browser when there is one (open-browser.ts). A port that is taken or
// invalid ends the process with one line naming the variable that changes it.
import { openCommand, runOpener } from './open-browser.ts';
import { PlaygroundListenError, startPlayground, type Playground } from './playground.ts';

const PORT_VARIABLES = { page: 'PAGE_PORT', api: 'API_PORT', site: 'SITE_PORT' } as const;

function portFrom(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (/^\d+$/.test(text) && port <= 65535) return port;
  fail(`${variable} must be a port number from 0 to 65535 (0 picks a free one), got ${JSON.stringify(text)}`, 2);
}

function fail(message: string, code: number): never {
  console.error(`corsguard playground: ${message}`);
  process.exit(code);
}

const ports = {
  pagePort: portFrom(PORT_VARIABLES.page, 5173),
  apiPort: portFrom(PORT_VARIABLES.api, 8080),
  sitePort: portFrom(PORT_VARIABLES.site, 8081),
};
let playground: Playground;
try {
  playground = await startPlayground(ports);
} catch (error) {
  if (!(error instanceof PlaygroundListenError)) throw error;
  const variable = PORT_VARIABLES[error.server];
  const problem =
    error.code === 'EADDRINUSE' ? 'is already in use' : `cannot be used (${error.code ?? 'unknown error'})`;
  fail(
    `port ${error.port} (the ${error.server} server) ${problem}; set ${variable} to another port (e.g. ${variable}=0 npm start picks a free one)`,
    1,
  );
}
const opener = openCommand(playground.pageOrigin);
const opened = opener !== undefined && (await runOpener(opener));
console.log(`corsguard playground
  page: ${playground.pageOrigin}   (*.localhost names reach this machine)
  API:  ${playground.apiOrigin}    (another site, guarded by corsguard)
  site: ${playground.siteOrigin}   (the same API on the page's site, where cookies travel)
${opened ? `Opening ${playground.pageOrigin} in your browser.` : `open ${playground.pageOrigin} in a browser`}
Press Ctrl+C to stop.`);
