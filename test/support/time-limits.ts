// Time limits in tests, from one rule: a limit is four times what the step takes on a quiet machine,
// so that a loaded one (CI beside other jobs; load average 15 on 2 cores) does not fail or cancel
// it. TEST_TIME_SCALE multiplies every limit (a slower machine: TEST_TIME_SCALE=3 npm test).
const LOAD_FACTOR = 4;

function scale(): number {
  const value = Number(process.env.TEST_TIME_SCALE ?? '1');
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** The limit for a step that takes `quietMs` milliseconds on a quiet machine. */
export function limitFor(quietMs: number): number {
  return Math.round(quietMs * LOAD_FACTOR * scale());
}
