import { startDemo } from './demo.ts';

const demo = await startDemo({
  apiPort: Number(process.env.API_PORT ?? 8080),
  pagePort: Number(process.env.PAGE_PORT ?? 5173),
});
console.log(`corsguard demo
  page: ${demo.pageUrl}   <- open this in a browser
  API:  ${demo.apiUrl}    (a different origin, guarded by corsguard)
Press Ctrl+C to stop.`);
