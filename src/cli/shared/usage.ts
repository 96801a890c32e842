// Command-line mistakes as one line each: parseArgs's own text has unbalanced quotes and advice
// about '--' that rarely applies; the help is one command away, not printed after every mistake.

/** A command-line mistake: the message is shown after `corsguard <command>: `. */
export class UsageError extends Error {}

/** Edit distance, for "did you mean": option and command names are short. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest of `names` to `given` (at most two edits away, or the same but for case), if any. */
export function closest(given: string, names: readonly string[]): string | undefined {
  let best: { name: string; cost: number } | undefined;
  for (const name of names) {
    const cost = name.toLowerCase() === given.toLowerCase() ? 0 : distance(given, name);
    if (cost <= 2 && cost < given.length && (best === undefined || cost < best.cost)) best = { name, cost };
  }
  return best?.name;
}

/** parseArgs's option table, as far as names go. */
type OptionSpellings = Readonly<Record<string, { readonly type: string; readonly short?: string }>>;

export const didYouMean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;

/** The options as typed: '--origin' for each long name, '-o' for each short one. */
function spellings(options: OptionSpellings): string[] {
  return Object.entries(options).flatMap(([name, option]) => [
    `--${name}`,
    ...(option.short ? [`-${option.short}`] : []),
  ]);
}

/** parseArgs's error (ERR_PARSE_ARGS_*) as one UsageError line naming the option. */
export function argumentError(error: unknown, options: OptionSpellings): UsageError {
  if (!(error instanceof Error)) return new UsageError(String(error));
  const code = (error as { code?: unknown }).code;
  // The option as parseArgs quotes it: '--foo', or '-o, --origin <value>'.
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const name = /--[^\s<]+/.exec(quoted)?.[0] ?? quoted.split(/[ ,]/)[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new UsageError(`unknown option ${name}${didYouMean(closest(name, spellings(options)))}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return new UsageError(`${name} takes no value`);
    if (/ambiguous/.test(error.message))
      return new UsageError(`${name} needs a value (one that starts with '-' is written ${name}=-value)`);
    return new UsageError(`${name} needs a value`);
  }
  return new UsageError(error.message.split('\n')[0] ?? error.message);
}

/** What stderr shows for a usage error: the one mistake and where the help is. */
export function usageText(command: string, error: UsageError): string {
  const prefix = command === '' ? 'corsguard' : `corsguard ${command}`;
  return `${prefix}: ${error.message}\nsee ${prefix} --help\n`;
}
