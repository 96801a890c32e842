export interface Palette {
  readonly ok: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const plain = (text: string): string => text;
const code = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Colours unless NO_COLOR is set (https://no-color.org); on a TTY or with FORCE_COLOR. */
export function palette(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): Palette {
  const enabled = !env.NO_COLOR && (isTTY || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'));
  if (!enabled) return { ok: plain, bad: plain, dim: plain, bold: plain };
  return { ok: code(32, 39), bad: code(31, 39), dim: code(2, 22), bold: code(1, 22) };
}
