// A second reporter for `npm run test:browser`: counts tests per browser engine and writes one JSON
// object ({ chromium: { tests, pass, fail }, … }) when the run ends. A test belongs to the engine
// named in brackets at the end of its own or an enclosing suite's name (`… [firefox]`, see
// test/browser/support/suite.ts); a browser test without one runs in Chromium.
const ENGINE = /\[(chromium|firefox|webkit)\]$/;

export default async function* engineReporter(source) {
  const counts = {};
  /** Per file, the names of the tests and suites enclosing the current one, by nesting level. */
  const stacks = new Map();
  for await (const { type, data } of source) {
    if (!data || data.file === undefined) continue;
    const stack = stacks.get(data.file) ?? [];
    stacks.set(data.file, stack);
    if (type === 'test:start') {
      stack.length = data.nesting;
      stack.push(data.name);
      continue;
    }
    if ((type !== 'test:pass' && type !== 'test:fail') || data.details?.type === 'suite') continue;
    const names = [...stack.slice(0, data.nesting), data.name];
    const engine = names.map((name) => ENGINE.exec(name)?.[1]).find(Boolean) ?? 'chromium';
    const count = (counts[engine] ??= { tests: 0, pass: 0, fail: 0 });
    count.tests += 1;
    const failed = type === 'test:fail';
    if (failed) count.fail += 1;
    else if (!data.skip && !data.todo) count.pass += 1;
  }
  yield `${JSON.stringify(counts)}\n`;
}
