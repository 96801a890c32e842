// Deno and Bun: run the probe against the upstream given as arguments and print it as JSON.
import { probe } from './proxy-app.ts';

declare const Deno: { args: string[] } | undefined;
declare const process: { argv: string[] };
const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
console.log(JSON.stringify(await probe(args[0]!, args[1]!)));
