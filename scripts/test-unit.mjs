// `npm run test:unit`: the fast loop, every test file that needs no browser, runtime binary, front
// server, Next.js build or built package (scripts/test-tiers.mjs), on the source (no build, no
// type-check) and without the shared browsers. `npm test` runs everything, these included.
import { unitTestFiles } from './test-tiers.mjs';
import { runTestFiles } from './test-run.mjs';

// The conformance table then leaves out its Next.js production build (test/conformance/servers.ts).
process.env.CORSGUARD_TEST_TIER = 'unit';
const { code } = await runTestFiles(unitTestFiles(), { browsers: false });
process.exit(code);
