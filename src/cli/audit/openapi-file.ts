// --openapi FILE: the document read, bounded, and turned into audit targets.
import { readFile, stat } from 'node:fs/promises';
import type { AuditTarget } from '../../audit/index.ts';
import { OpenApiError } from '../../audit/openapi/pointer.ts';
import { openApiTargets } from '../../audit/openapi/targets.ts';
import { parseYaml, YamlError } from './openapi-yaml.ts';

/** Largest document read, in bytes. */
export const MAX_OPENAPI_BYTES = 20 * 1024 * 1024;

/** Why the document cannot be audited, in one line naming the file and, where known, the JSON pointer. */
export class OpenApiFileError extends Error {}

/** YAML by extension, or by content not starting with `{` (JSON documents are objects). */
const isYaml = (file: string, text: string): boolean => /\.ya?ml$/i.test(file) || !/^\uFEFF?\s*\{/.test(text);

/** The document: JSON.parse, or the bounded YAML parser. */
function parse(file: string, text: string): unknown {
  if (isYaml(file, text)) {
    try {
      return parseYaml(text);
    } catch (error) {
      if (error instanceof YamlError) throw new OpenApiFileError(`--openapi ${file}: not YAML (${error.message})`);
      throw error;
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const why = error instanceof RangeError ? 'nested too deeply' : (error as Error).message;
    throw new OpenApiFileError(`--openapi ${file}: not JSON (${why})`);
  }
}

/** The targets of a JSON or YAML OpenAPI 3.0/3.1 file; `servers` (URLs given as arguments) replace the document's. */
export async function openApiFileTargets(file: string, servers: readonly string[]): Promise<AuditTarget[]> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_OPENAPI_BYTES) throw new Error(`${size} bytes, more than ${MAX_OPENAPI_BYTES}`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new OpenApiFileError(`cannot read --openapi ${file}: ${(error as Error).message}`);
  }
  const document = parse(file, text);
  try {
    const targets = openApiTargets(document, servers);
    if (targets.length === 0) throw new OpenApiError('/paths', 'no operation in any path');
    return targets;
  } catch (error) {
    if (error instanceof OpenApiError)
      throw new OpenApiFileError(`--openapi ${file}#${error.pointer}: ${error.problem}`);
    if (error instanceof RangeError) throw new OpenApiFileError(`--openapi ${file}: nested too deeply`);
    throw error;
  }
}
