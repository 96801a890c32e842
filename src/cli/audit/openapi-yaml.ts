// A YAML OpenAPI document parsed, bounded: the `yaml` package is bundled into the CLI only, so the
// published package keeps no runtime dependency and `corsguard/audit` takes parsed documents.
import { type Document, isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';

/**
 * Most aliases (`*name`) in a document, and most alias expansions (anchor uses times the aliases
 * inside it): refuses a billion-laughs document. The parser looks each alias up by walking the
 * document, so their number is bounded too; OpenAPI documents share through `$ref` instead.
 */
export const MAX_YAML_ALIASES = 100;

/** Why YAML text is not a document, with its line and column where known. */
export class YamlError extends Error {}

/** The JSON value of one YAML 1.2 document (merge keys allowed); a `YamlError` for anything else. */
export function parseYaml(text: string): unknown {
  const lines = new LineCounter();
  const document = parseDocument(text, {
    lineCounter: lines,
    merge: true,
    prettyErrors: false,
    // The parser's own check compares each key with every other: 10,000 paths took seconds.
    uniqueKeys: false,
  });
  const [error] = document.errors;
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    const at = `line ${line}, column ${col}: `;
    // The parser reports a stack overflow from deep nesting as resource exhaustion.
    const why = error.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply' : error.message;
    throw new YamlError(`${at}${why}`);
  }
  const problem = nodeProblem(document);
  if (problem) {
    const { line, col } = lines.linePos(problem.offset);
    throw new YamlError(`line ${line}, column ${col}: ${problem.why}`);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) throw new YamlError('nested too deeply');
    if (error instanceof ReferenceError) throw new YamlError(`aliases expand too much (${error.message})`);
    throw error;
  }
}

/** The first key repeated in its map, or alias past the bound, found in linear time; merge keys (`<<`) may repeat. */
function nodeProblem(document: Document): { offset: number; why: string } | undefined {
  let problem: { offset: number; why: string } | undefined;
  let aliases = 0;
  try {
    visit(document, {
      Alias(_, alias) {
        if (++aliases <= MAX_YAML_ALIASES) return undefined;
        problem = { offset: alias.range?.[0] ?? 0, why: `more than ${MAX_YAML_ALIASES} aliases` };
        return visit.BREAK;
      },
      Map(_, map) {
        const keys = new Set<string>();
        for (const { key } of map.items) {
          const name = isScalar(key) ? String(key.value) : String(key);
          if (name === '<<') continue;
          if (keys.has(name)) {
            problem = { offset: isNode(key) ? (key.range?.[0] ?? 0) : 0, why: 'duplicate key' };
            return visit.BREAK;
          }
          keys.add(name);
        }
        return undefined;
      },
    });
  } catch (error) {
    if (error instanceof RangeError) throw new YamlError('nested too deeply');
    throw error;
  }
  return problem;
}
