/** A JSON pointer (RFC 6901) to a place in the document: `/paths/~1items~1{id}/get`. */
export const pointerOf = (tokens: readonly (string | number)[]): string =>
  tokens.map((token) => `/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** A document that cannot be audited: where (a JSON pointer) and why. */
export class OpenApiError extends Error {
  constructor(
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(`${pointer || '/'}: ${problem}`);
    this.name = 'OpenApiError';
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
