// A compact reporter for Node's test runner: one line per test file as it finishes (counts, skip
// reasons), then every failure in full, then the runner's standard closing lines (`ℹ tests N`,
// `ℹ pass N`, `ℹ fail N`, …) exactly as the spec reporter prints them. A test file's output, stdout
// and stderr, is shown only when the file failed: servers under test log the errors the tests
// provoke (Express's and Koa's default handlers print each stack), hundreds of lines on a green
// run. Only a loud line, wrapped in `!!!!!` (a skipped browser suite), reaches the terminal at once.
// Usage: node --test --test-reporter=./scripts/compact-reporter.mjs …
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { inspect } from 'node:util';

export default async function* compactReporter(source) {
  // The runner reports each file's events in order, one file after another, so a file is finished
  // when the next one's events start (or the run ends).
  let current;
  const failures = [];
  const diagnostics = [];
  const durations = new Map();

  function startFile(file) {
    return {
      file,
      passed: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
      todo: 0,
      skipReasons: new Set(),
      names: [],
      stdout: '',
      stderr: '',
    };
  }

  function finishFile() {
    if (!current) return '';
    const { file, passed, failed, cancelled, skipped, todo, skipReasons, stdout, stderr } = current;
    current = undefined;
    const counts = [`${passed} passed`];
    if (failed) counts.push(`${failed} failed`);
    if (cancelled) counts.push(`${cancelled} cancelled`);
    if (skipped) counts.push(`${skipped} skipped${skipReasons.size ? ` (${[...skipReasons].join('; ')})` : ''}`);
    if (todo) counts.push(`${todo} todo`);
    const duration = durations.get(file);
    const mark = failed || cancelled ? '✘' : passed ? '✔' : '-';
    if (failed || cancelled) {
      if (stdout) failures.push({ title: `${display(file)} (its stdout)`, body: stdout.trimEnd(), output: true });
      if (stderr) failures.push({ title: `${display(file)} (its stderr)`, body: stderr.trimEnd(), output: true });
    }
    return `${mark} ${display(file)}  ${counts.join(', ')}${duration === undefined ? '' : `  (${seconds(duration)})`}\n`;
  }

  for await (const { type, data } of source) {
    const file = canonical(data?.file);
    // The file's own entry (named by its path) rather than one of its tests.
    const fileEntry = data?.name !== undefined && canonical(data.name) === file;
    if (
      file &&
      type !== 'test:complete' &&
      type !== 'test:enqueue' &&
      type !== 'test:dequeue' &&
      current?.file !== file
    ) {
      yield finishFile();
      current = startFile(file);
    }
    switch (type) {
      case 'test:complete':
        // Real-time completion; the file-level entry carries the file's duration.
        if (data.nesting === 0 && fileEntry) durations.set(file, data.details.duration_ms);
        break;
      case 'test:start':
        if (!fileEntry) current.names[data.nesting] = data.name;
        break;
      case 'test:pass':
        if (data.details.type === 'suite' || fileEntry) break;
        if (data.skip !== undefined) {
          current.skipped++;
          if (typeof data.skip === 'string') current.skipReasons.add(data.skip);
        } else if (data.todo !== undefined) current.todo++;
        else current.passed++;
        break;
      case 'test:fail': {
        const error = data.details.error;
        // A suite whose only fault is a failed subtest is reported through that subtest.
        if (data.details.type === 'suite' && error?.failureType === 'subtestsFailed') break;
        if (data.todo !== undefined) {
          current.todo++;
          break;
        }
        const path = fileEntry ? [] : [...current.names.slice(0, data.nesting), data.name];
        const title = [display(file), ...path].join(' › ');
        if (error?.failureType === 'cancelledByParent') {
          current.cancelled++;
          failures.push({ title, body: 'cancelled (its suite or file failed first)' });
        } else if (error?.failureType === 'testTimeoutFailure') {
          // The runner counts a test (or a whole file) stopped at its time limit as cancelled.
          current.cancelled++;
          failures.push({ title, body: formatError(error) });
        } else {
          current.failed++;
          // A file that fails outside its tests (an import that throws): its stderr says why.
          failures.push({
            title,
            body: fileEntry ? 'the file failed outside its tests; its stderr is below' : formatError(error),
          });
        }
        break;
      }
      case 'test:stdout':
        current.stdout += data.message;
        break;
      case 'test:stderr':
        current.stderr += data.message;
        yield loudLines(data.message);
        break;
      case 'test:diagnostic':
        if (file) diagnostics.push(`${display(file)}: ${data.message}`);
        else {
          // The run's closing counts (`tests 12`, `pass 11`, …): everything else goes first.
          if (data.message.startsWith('tests ')) yield finishFile() + closing(failures, diagnostics);
          yield `ℹ ${data.message}\n`;
        }
        break;
      default:
        break;
    }
  }
  recordDurations(durations);
}

// CORSGUARD_TEST_DURATIONS: a JSON file of each file's last duration, which the fast loop reads to
// start its longest files first (scripts/test-unit.mjs).
function recordDurations(durations) {
  const path = process.env.CORSGUARD_TEST_DURATIONS;
  if (!path) return;
  let known = {};
  try {
    known = JSON.parse(readFileSync(path, 'utf8'));
  } catch {}
  const inside = [...durations].filter(([file]) => !display(file).startsWith('/'));
  if (inside.length === 0) return;
  for (const [file, ms] of inside) known[display(file)] = Math.round(ms);
  writeFileSync(path, `${JSON.stringify(known, null, 1)}\n`);
}

const LOUD = /^!!!!! .* !!!!!$/;

function loudLines(text) {
  return text
    .split('\n')
    .filter((line) => LOUD.test(line))
    .map((line) => `${line}\n`)
    .join('');
}

function closing(failures, diagnostics) {
  let out = '';
  if (diagnostics.length) out += `\n${diagnostics.map((line) => `ℹ ${line}`).join('\n')}\n`;
  if (failures.length) {
    out += `\nFailures (${failures.filter((failure) => !failure.output).length}):\n`;
    for (const { title, body } of failures) out += `\n✘ ${title}\n${indent(body)}\n`;
  }
  return `${out}\n`;
}

function formatError(error) {
  if (error === undefined) return 'failed without an error';
  // The runner wraps what a test threw in ERR_TEST_FAILURE; the cause is what the author wrote.
  const thrown = error?.code === 'ERR_TEST_FAILURE' && error.cause !== undefined ? error.cause : error;
  return inspect(thrown, { depth: 6, colors: false });
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}

// The fast loop runs bundles of the test files (scripts/unit-bundles.mjs), and the runner names a
// file by its bundle or, through the source map, by its source: both become the source's path.
function canonical(file) {
  const dir = process.env.CORSGUARD_TEST_BUNDLE_DIR;
  if (!file || !dir) return file;
  return resolve(file.startsWith(`${dir}/`) ? file.slice(dir.length + 1).replace(/\.mjs$/, '') : file);
}

function display(file) {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : path;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
