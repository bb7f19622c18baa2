import { existsSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Reads the class names a source file can produce, for components/ui/class-conflicts.test.ts:
 * what each use of a UI primitive passes as `className` (with its variant props), and what each
 * cn() call can join. A className is read as the set of strings it can take: string literals,
 * templates, `a ? b : c`, `a && b`, cn(…), and constants (`const X = '…'`, or an object of them
 * indexed, `X[key]`) declared in the file or imported from another. A component's own
 * `className` parameter passed on is read at that component's uses in the same file. Whatever
 * else (a value computed at run time) is reported as unreadable, so the test can refuse it.
 * Not read: a className inside a spread (`<Button {...props} />`); pass it by name.
 */

export interface SourceFile {
  /** Relative to the repository root, e.g. `app/(app)/clients/page.tsx`. */
  path: string;
  text: string;
}

/** A variant prop at a use: a literal value, `null`, or `'*'` for an expression (any value). */
export type PropValue = string | null | '*';

export interface PrimitiveUse {
  where: string;
  component: string;
  props: Record<string, PropValue>;
  /** Every string the className can be ('' when it is absent in a branch). */
  classNames: string[];
}

export interface CnCall {
  where: string;
  /** Per argument, the strings it can be. */
  args: string[][];
}

export interface Scan {
  uses: PrimitiveUse[];
  cnCalls: CnCall[];
  unreadable: string[];
}

class Unreadable extends Error {}

/**
 * `primitives` maps a component name to the module it must be imported from (`@/components/ui/card`):
 * a same-named component of another module is not a use. `files` is every file the scan may follow
 * an import into; `skipCnIn` lists files whose cn() calls are the primitives' own (checked apart).
 */
export function scanClassNames(files: readonly SourceFile[], primitives: Readonly<Record<string, string>>, skipCnIn: readonly string[] = []): Scan {
  const parsed = new Map(
    files.map((f) => [f.path, ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, f.path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)]),
  );
  const scan: Scan = { uses: [], cnCalls: [], unreadable: [] };

  for (const [filePath, source] of parsed) {
    const where = (node: ts.Node) => `${filePath}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName)) {
        const component = node.tagName.text;
        const from = importedFrom(source, component);
        if (primitives[component] !== undefined && from !== null && asAlias(from, filePath) === primitives[component]) {
          try {
            scan.uses.push({ where: where(node), component, props: variantProps(node), classNames: classNamesOf(node, source, filePath, parsed) });
          } catch (error) {
            if (!(error instanceof Unreadable)) throw error;
            scan.unreadable.push(`${where(node)} <${component} className=…>: ${error.message}`);
          }
        }
      }
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'cn' && !skipCnIn.includes(filePath)) {
        try {
          scan.cnCalls.push({ where: where(node), args: node.arguments.map((arg) => alternatives(arg, source, filePath, parsed)) });
        } catch (error) {
          if (!(error instanceof Unreadable)) throw error;
          scan.unreadable.push(`${where(node)} cn(…): ${error.message}`);
        }
      }
      node.forEachChild(visit);
    };
    visit(source);
  }
  return scan;
}

function attribute(node: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  return node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
}

function variantProps(node: ts.JsxOpeningLikeElement): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const p of node.attributes.properties) {
    if (!ts.isJsxAttribute(p) || !p.initializer || p.name.getText() === 'className') continue;
    const init = p.initializer;
    if (ts.isStringLiteral(init)) props[p.name.getText()] = init.text;
    else if (ts.isJsxExpression(init) && init.expression?.kind === ts.SyntaxKind.NullKeyword) props[p.name.getText()] = null;
    else props[p.name.getText()] = '*';
  }
  return props;
}

function classNamesOf(node: ts.JsxOpeningLikeElement, source: ts.SourceFile, filePath: string, files: ReadonlyMap<string, ts.SourceFile>): string[] {
  const init = attribute(node, 'className')?.initializer;
  if (!init) return [''];
  if (ts.isStringLiteral(init)) return [init.text];
  if (ts.isJsxExpression(init) && init.expression) return alternatives(init.expression, source, filePath, files);
  throw new Unreadable('an empty className');
}

/** Every string `expr` can be. */
function alternatives(expr: ts.Expression, source: ts.SourceFile, filePath: string, files: ReadonlyMap<string, ts.SourceFile>): string[] {
  const recur = (e: ts.Expression) => alternatives(e, source, filePath, files);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return recur(expr.expression);
  if (expr.kind === ts.SyntaxKind.NullKeyword || expr.kind === ts.SyntaxKind.FalseKeyword) return [''];
  if (ts.isIdentifier(expr) && expr.text === 'undefined') return [''];
  if (ts.isConditionalExpression(expr)) return unique([...recur(expr.whenTrue), ...recur(expr.whenFalse)]);
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || expr.operatorToken.kind === ts.SyntaxKind.BarBarToken))
    return unique(['', ...recur(expr.right), ...(expr.operatorToken.kind === ts.SyntaxKind.BarBarToken ? recur(expr.left).filter(Boolean) : [])]);
  if (ts.isTemplateExpression(expr)) {
    let results = [expr.head.text];
    for (const span of expr.templateSpans) results = unique(results.flatMap((r) => recur(span.expression).map((value) => r + value + span.literal.text)));
    return results;
  }
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'cn')
    return expr.arguments.map(recur).reduce((acc, next) => product(acc, next), ['']);
  if (ts.isIdentifier(expr)) return constant(expr.text, source, filePath, files) ?? forwardedClassName(expr, source, filePath, files);
  if (ts.isElementAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
    const object = constantInitializer(expr.expression.text, source, filePath, files);
    if (object && ts.isObjectLiteralExpression(object.init))
      return unique(object.init.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? alternatives(p.initializer, object.source, object.filePath, files) : [])));
  }
  throw new Unreadable(`cannot tell what \`${expr.getText()}\` holds`);
}

function constant(name: string, source: ts.SourceFile, filePath: string, files: ReadonlyMap<string, ts.SourceFile>): string[] | null {
  const found = constantInitializer(name, source, filePath, files);
  return found ? alternatives(found.init, found.source, found.filePath, files) : null;
}

/** A module-level `const name = …` in this file, or in the file `name` is imported from. */
function constantInitializer(
  name: string,
  source: ts.SourceFile,
  filePath: string,
  files: ReadonlyMap<string, ts.SourceFile>,
): { init: ts.Expression; source: ts.SourceFile; filePath: string } | null {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations)
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) return { init: declaration.initializer, source, filePath };
  }
  const from = importedFrom(source, name);
  if (!from) return null;
  const target = resolveModule(from, filePath, files);
  const targetSource = target ? files.get(target) : undefined;
  return targetSource && target ? constantInitializer(name, targetSource, target, files) : null;
}

/** `className` is a parameter of the component it is used in: what that component's uses in this file pass. */
function forwardedClassName(expr: ts.Identifier, source: ts.SourceFile, filePath: string, files: ReadonlyMap<string, ts.SourceFile>): string[] {
  let fn: ts.Node | undefined = expr.parent;
  while (fn && !ts.isFunctionDeclaration(fn)) fn = fn.parent;
  const isParameter = fn?.parameters.some((p) => ts.isObjectBindingPattern(p.name) && p.name.elements.some((el) => el.name.getText() === expr.text));
  if (!fn?.name || !isParameter || expr.text !== 'className') throw new Unreadable(`cannot tell what \`${expr.text}\` holds`);
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) throw new Unreadable(`${fn.name.text} is exported: its className comes from other files`);
  const component = fn.name.text;
  const passed: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText() === component) passed.push(...classNamesOf(node, source, filePath, files));
    node.forEachChild(visit);
  };
  visit(source);
  return unique(passed.length ? passed : ['']);
}

function importedFrom(source: ts.SourceFile, name: string): string | null {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((el) => el.name.text === name)) return statement.moduleSpecifier.text;
  }
  return null;
}

/** `./button` imported by `components/ui/x.tsx` is `@/components/ui/button`. */
function asAlias(specifier: string, fromFile: string): string {
  return specifier.startsWith('.') ? `@/${path.posix.join(path.posix.dirname(fromFile), specifier)}` : specifier;
}

function resolveModule(specifier: string, fromFile: string, files: ReadonlyMap<string, ts.SourceFile>): string | null {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : specifier.startsWith('.') ? path.posix.join(path.posix.dirname(fromFile), specifier) : null;
  if (base === null) return null;
  return ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((candidate) => files.has(candidate) || existsSync(candidate)) ?? null;
}

function product(left: string[], right: string[]): string[] {
  return unique(left.flatMap((l) => right.map((r) => [l, r].filter(Boolean).join(' '))));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
