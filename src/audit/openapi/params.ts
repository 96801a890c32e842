import { resolve } from './refs.ts';
import { isObject, OpenApiError } from './pointer.ts';

/** Longest example used as a path parameter value; a longer one (a hostile or careless document) gets the placeholder. */
export const MAX_EXAMPLE_LENGTH = 200;

const PLACEHOLDER: Readonly<Record<string, string>> = { integer: '1', number: '1', boolean: 'true' };

const usable = (value: unknown): string | undefined => {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value);
    return text.length > 0 && text.length <= MAX_EXAMPLE_LENGTH ? text : undefined;
  }
  return undefined;
};

/** A value for one path parameter: its example, the first of its examples, its schema's example, default or first enum value, or a placeholder for its type. */
function parameterValue(document: unknown, parameter: Record<string, unknown>, tokens: (string | number)[]): string {
  const schema = isObject(parameter.schema)
    ? resolve(document, parameter.schema, [...tokens, 'schema']).value
    : undefined;
  const examples = isObject(parameter.examples) ? Object.entries(parameter.examples) : [];
  const first = examples[0];
  const named =
    first && isObject(first[1]) ? resolve(document, first[1], [...tokens, 'examples', first[0]]).value : undefined;
  const schemaObject = isObject(schema) ? schema : {};
  const candidates = [
    parameter.example,
    isObject(named) ? named.value : undefined,
    schemaObject.example,
    Array.isArray(schemaObject.examples) ? schemaObject.examples[0] : undefined,
    schemaObject.default,
    Array.isArray(schemaObject.enum) ? schemaObject.enum[0] : undefined,
  ];
  for (const candidate of candidates) {
    const text = usable(candidate);
    if (text !== undefined) return text;
  }
  const type = Array.isArray(schemaObject.type) ? schemaObject.type.find((each) => each !== 'null') : schemaObject.type;
  return PLACEHOLDER[String(type)] ?? 'corsguard';
}

/** Path parameters by name: the operation's override the path item's (OpenAPI 3: same name and `in`). */
export function pathParameters(
  document: unknown,
  lists: readonly { list: unknown; tokens: (string | number)[] }[],
): Map<string, string> {
  const values = new Map<string, string>();
  for (const { list, tokens } of lists) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new OpenApiError(resolve(document, list, tokens).at, 'parameters is not an array');
    list.forEach((raw, index) => {
      const { value: parameter, at } = resolve(document, raw, [...tokens, index]);
      if (!isObject(parameter)) throw new OpenApiError(at, 'a parameter is not an object');
      if (parameter.in !== 'path') return;
      if (typeof parameter.name !== 'string') throw new OpenApiError(at, 'a path parameter without a name');
      values.set(parameter.name, parameterValue(document, parameter, [...tokens, index]));
    });
  }
  return values;
}
