// Reads declarations out of corsguard's TypeScript source with the compiler's parser, so generated
// pages follow the code even where it keeps a list only as a type (SimulationReason, ProblemCode)
// or a private table (each command's parseArgs options).
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const root = new URL('../../', import.meta.url);

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(new URL(file, root), 'utf8'), ts.ScriptTarget.Latest, true);
}

function find<T extends ts.Node>(source: ts.SourceFile, test: (node: ts.Node) => node is T, name: string): T {
  let found: T | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (test(node) && (node as unknown as { name?: ts.Node }).name?.getText(source) === name) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found) throw new Error(`${source.fileName}: no declaration named ${name}`);
  return found;
}

/** The string literals of a union type alias, following aliases declared in the same file. */
export function unionLiterals(file: string, alias: string): string[] {
  const source = parse(file);
  const collect = (type: ts.TypeNode): string[] => {
    if (ts.isUnionTypeNode(type)) return type.types.flatMap(collect);
    if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
    if (ts.isTypeReferenceNode(type))
      return collect(find(source, ts.isTypeAliasDeclaration, type.typeName.getText(source)).type);
    throw new Error(`${file}: ${alias} holds ${type.getText(source)}, not a string literal`);
  };
  return collect(find(source, ts.isTypeAliasDeclaration, alias).type);
}

export interface ParsedOption {
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short: string | undefined;
  readonly multiple: boolean;
}

/** The object literal a `const NAME = …` declaration holds, through `as const` and parentheses. */
function objectLiteral(file: string, name: string): { source: ts.SourceFile; object: ts.ObjectLiteralExpression } {
  const source = parse(file);
  let init = find(source, ts.isVariableDeclaration, name).initializer;
  while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)))
    init = init.expression;
  if (!init || !ts.isObjectLiteralExpression(init)) throw new Error(`${file}: ${name} is not an object literal`);
  return { source, object: init };
}

/** The file a relative import of `name` in `file` comes from. */
function importedFrom(source: ts.SourceFile, file: string, name: string): string {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((element) => element.name.text === name)) {
      return new URL(statement.moduleSpecifier.text, new URL(file, 'file:///')).pathname.slice(1);
    }
  }
  throw new Error(`${file}: ${name} is not imported from a relative path`);
}

/**
 * A `const NAME = { flag: { type, short?, multiple? }, … }` table as parseArgs reads it; spreads
 * of tables imported from other files (`...PROXY_OPTION`) are followed.
 */
export function parseArgsTable(file: string, name = 'OPTIONS'): ParsedOption[] {
  const { source, object } = objectLiteral(file, name);
  return object.properties.flatMap((property): ParsedOption[] => {
    if (ts.isSpreadAssignment(property) && ts.isIdentifier(property.expression)) {
      const spread = property.expression.text;
      const declared = source.statements.some(
        (statement) =>
          ts.isVariableStatement(statement) &&
          statement.declarationList.declarations.some((d) => d.name.getText(source) === spread),
      );
      return parseArgsTable(declared ? file : importedFrom(source, file, spread), spread);
    }
    if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer))
      throw new Error(`${file}: ${name} has an entry that is not { type, … }`);
    const fields = new Map(
      property.initializer.properties
        .filter(ts.isPropertyAssignment)
        .map((field) => [field.name.getText(source), field.initializer.getText(source)]),
    );
    const text = (key: string) => fields.get(key)?.replace(/^['"]|['"]$/g, '');
    return [
      {
        name: ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(source),
        type: text('type') === 'boolean' ? 'boolean' : 'string',
        short: text('short'),
        multiple: fields.get('multiple') === 'true',
      },
    ];
  });
}

export interface InterfaceProperty {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  /** The doc comment, one paragraph. */
  readonly doc: string;
}

/** The properties of an interface with their declared types and doc comments. */
export function interfaceProperties(file: string, name: string): InterfaceProperty[] {
  const source = parse(file);
  const declaration = find(source, ts.isInterfaceDeclaration, name);
  return declaration.members.filter(ts.isPropertySignature).map((member) => {
    const doc = ts
      .getJSDocCommentsAndTags(member)
      .filter(ts.isJSDoc)
      .map((jsdoc) =>
        typeof jsdoc.comment === 'string'
          ? jsdoc.comment
          : (jsdoc.comment ?? []).map((part) => part.getText(source)).join(''),
      )
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      name: member.name.getText(source),
      type: member.type?.getText(source) ?? 'unknown',
      optional: member.questionToken !== undefined,
      doc,
    };
  });
}

/** The property names of a `const NAME = { … }` object literal. */
export function objectKeys(file: string, name: string): string[] {
  const { source, object } = objectLiteral(file, name);
  return object.properties.map((property) =>
    property.name && ts.isStringLiteral(property.name) ? property.name.text : (property.name?.getText(source) ?? ''),
  );
}

/** The declared text of each type alias in `file`, by name: `OriginEntry` → `string | RegExp`. */
export function typeAliases(file: string): Map<string, string> {
  const source = parse(file);
  const aliases = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node.type.getText(source).replace(/\s+/g, ' '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return aliases;
}
