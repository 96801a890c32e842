// Where a config file stops being JSON. JSON.parse says "position 285", or for many errors no
// position at all; a person wants the line and column, as an editor shows them.

export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  /** What was found there: `'}'`, `'\n'`, or `the end of the file`. */
  readonly found: string;
}

/**
 * The first place `text` departs from the JSON grammar (https://www.rfc-editor.org/rfc/rfc8259), or
 * undefined when it is JSON or nests too deeply to walk (the caller then has JSON.parse's message).
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const offset = firstBadOffset(text);
  return offset === undefined ? undefined : syntaxErrorAt(text, offset);
}

/** The offset of the first character that is not JSON, or undefined when the whole text is. */
function firstBadOffset(text: string): number | undefined {
  try {
    new JsonReader(text).document();
    return undefined;
  } catch (error) {
    if (error instanceof NotJsonAt) return error.offset;
    // The reader recurses once per level; thousands of levels exhaust the stack.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** `offset` as a 1-based line and column, with what stands there. */
function syntaxErrorAt(text: string, offset: number): JsonSyntaxError {
  const before = text.slice(0, offset);
  return {
    line: before.split('\n').length,
    column: offset - before.lastIndexOf('\n'),
    found: offset >= text.length ? 'the end of the file' : JSON.stringify(text[offset]),
  };
}

/** Thrown by JsonReader at the first character the grammar does not allow. */
class NotJsonAt {
  constructor(readonly offset: number) {}
}

const WHITESPACE = ' \t\n\r';
const SINGLE_CHARACTER_ESCAPES = '"\\/bfnrt';
const LITERALS = ['true', 'false', 'null'];
const isDigit = (char: string) => /[0-9]/.test(char);
const isHexDigit = (char: string) => /[0-9a-fA-F]/.test(char);

/** Walks a text by the JSON grammar and throws NotJsonAt where it departs from it. */
class JsonReader {
  private at = 0;

  constructor(private readonly text: string) {}

  /** One value, and nothing after it but whitespace. */
  document(): void {
    this.value();
    this.skipWhitespace();
    if (this.at < this.text.length) this.fail();
  }

  private value(): void {
    this.skipWhitespace();
    const char = this.text[this.at] ?? '';
    if (char === '{') this.list('}');
    else if (char === '[') this.list(']');
    else if (char === '"') this.string();
    else if (char === '-' || isDigit(char)) this.number();
    else this.literal(char);
  }

  /** The `"name":` before each value in an object. */
  private memberName(): void {
    this.skipWhitespace();
    this.string();
    this.skipWhitespace();
    this.expect(':');
  }

  /** An object's members or an array's values: the reader is at the opening bracket. */
  private list(close: '}' | ']'): void {
    this.at++;
    this.skipWhitespace();
    if (this.skip(close)) return;
    for (;;) {
      if (close === '}') this.memberName();
      this.value();
      this.skipWhitespace();
      if (this.skip(close)) return;
      this.expect(',');
    }
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      const char = this.text[this.at];
      if (char === undefined || char < ' ') this.fail();
      this.at++;
      if (char === '"') return;
      if (char === '\\') this.escape();
    }
  }

  /** What follows a backslash: `\uXXXX` or one of `\" \\ \/ \b \f \n \r \t`. */
  private escape(): void {
    if (this.skip('u')) for (let i = 0; i < 4; i++) this.expectWhere(isHexDigit);
    else this.expectWhere((char) => SINGLE_CHARACTER_ESCAPES.includes(char));
  }

  private number(): void {
    this.skip('-');
    if (!this.skip('0')) this.digits();
    if (this.skip('.')) this.digits();
    if (this.skip('e') || this.skip('E')) {
      if (!this.skip('+')) this.skip('-');
      this.digits();
    }
  }

  private digits(): void {
    this.expectWhere(isDigit);
    while (isDigit(this.text[this.at] ?? '')) this.at++;
  }

  /** `true`, `false` or `null`, chosen by the first character and then read to its end. */
  private literal(first: string): void {
    const literal = LITERALS.find((word) => word[0] === first);
    if (literal === undefined) this.fail();
    for (const char of literal) this.expect(char);
  }

  private skipWhitespace(): void {
    while (this.at < this.text.length && WHITESPACE.includes(this.text[this.at]!)) this.at++;
  }

  /** Steps over `char` when it is next. */
  private skip(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  private expect(char: string): void {
    if (!this.skip(char)) this.fail();
  }

  private expectWhere(allowed: (char: string) => boolean): void {
    const char = this.text[this.at];
    if (char === undefined || !allowed(char)) this.fail();
    this.at++;
  }

  private fail(): never {
    throw new NotJsonAt(this.at);
  }
}
