// Where a config file stops being JSON. JSON.parse says "position 285", or for many errors no
// position at all; a person wants the line and column, as an editor shows them.

export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  /** What was found there: `'}'`, `'\n'`, or `the end of the file`. */
  readonly found: string;
}

/** The first place `text` departs from the JSON grammar (https://www.rfc-editor.org/rfc/rfc8259), or undefined when it is JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const expect = (char: string) => (text[at] === char ? at++ : fail());
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      at++;
      if (char === '"') return;
      if (char === '\\') {
        if (text[at] === 'u') {
          at++;
          for (let i = 0; i < 4; i++) /[0-9a-fA-F]/.test(text[at] ?? '') ? at++ : fail();
        } else '"\\/bfnrt'.includes(text[at] ?? 'x') ? at++ : fail();
      }
    }
  };
  const digits = () => {
    if (!/[0-9]/.test(text[at] ?? '')) fail();
    while (/[0-9]/.test(text[at] ?? '')) at++;
  };
  const number = () => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') {
      at++;
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[at] === '}') return void at++;
        expect(',');
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ']') return void at++;
        expect(',');
      }
    }
    if (char === '"') return string();
    if (char === '-' || /[0-9]/.test(char ?? '')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (char === literal[0]) {
        for (const expected of literal) expect(expected);
        return;
      }
    }
    fail();
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset !== 'number') throw offset;
    const before = text.slice(0, offset);
    return {
      line: before.split('\n').length,
      column: offset - before.lastIndexOf('\n'),
      found: offset >= text.length ? 'the end of the file' : JSON.stringify(text[offset]),
    };
  }
}
