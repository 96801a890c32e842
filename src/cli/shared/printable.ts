// Server-controlled text (header values, locations, error messages) reaches the terminal through
// `check` and `audit` text output: a control character there could move the cursor, rewrite earlier
// lines or change the terminal's state (ESC, and CSI as the single byte U+009B).

// C0 (tab and line feed included: none belongs inside a value), DEL and C1.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Every control character as a visible `\xNN`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A copy of a verdict, report or warning list with every string in it (keys included) passed
 * through escapeControls: arrays, plain objects and Maps are copied, anything else kept.
 */
export function printable<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value instanceof Map) return new Map([...value].map(([key, entry]) => [printable(key), printable(entry)])) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [escapeControls(key), printable(entry)]),
    ) as T;
  }
  return value;
}

/**
 * JSON.stringify escapes C0 only: DEL and C1 (a CSI for a terminal that shows the output) become
 * \u escapes too, which read back as the same string.
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
