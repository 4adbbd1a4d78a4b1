import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listSourceFiles, PROJECT_ROOT } from '@/test-support/source-files';

// Every server action must be built with defineAction (which runs the guard before anything else) and every
// route handler must call the guard as its first statement: the proxy is not the gate. This reads the source of
// the whole app and fails on any endpoint that does not. Whether the guard's decisions are right is proved by
// behaviour elsewhere (read-only mode changes nothing); this proves that no endpoint can skip it.

const root = PROJECT_ROOT;

// The session's own endpoints (signing in needs no session) and the liveness check, which reads nothing.
const EXEMPT = new Set(['app/sign-in/actions.ts#signInAction', 'app/sign-in/actions.ts#signOutAction', 'app/api/health/route.ts#GET']);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

interface Endpoint {
  key: string;
  kind: 'action' | 'route';
  /** A route handler's first statement, or the initialiser of an exported action. */
  code: string;
}

function isUseServerFile(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server';
}

function endpointsOf(file: string): Endpoint[] {
  const relative = path.relative(root, file);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const isRoute = /^app\/.*\/route\.tsx?$/.test(relative);
  const isActions = isUseServerFile(source);
  if (!isRoute && !isActions) return [];
  const endpoints: Endpoint[] = [];
  for (const statement of source.statements) {
    const isExported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!isExported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      const name = statement.name.text;
      if (isRoute && !HTTP_METHODS.has(name)) continue;
      const first = statement.body?.statements[0];
      endpoints.push({ key: `${relative}#${name}`, kind: isRoute ? 'route' : 'action', code: first ? first.getText(source) : '' });
    } else if (isActions && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        endpoints.push({ key: `${relative}#${declaration.name.getText(source)}`, kind: 'action', code: declaration.initializer?.getText(source) ?? '' });
      }
    }
  }
  return endpoints;
}

const endpoints = ['app', 'components', 'lib'].flatMap((directory) => listSourceFiles(path.join(root, directory))).flatMap(endpointsOf);

describe('every server action and route handler checks access first', () => {
  it('finds the endpoints of the app', () => {
    expect(endpoints.some((endpoint) => endpoint.kind === 'route')).toBe(true);
    expect(endpoints.some((endpoint) => endpoint.kind === 'action')).toBe(true);
  });

  for (const endpoint of endpoints.filter((candidate) => !EXEMPT.has(candidate.key))) {
    const expected = endpoint.kind === 'route' ? 'authorizeRouteRequest' : 'defineAction';
    it(`${endpoint.key} ${endpoint.kind === 'route' ? 'starts with authorizeRouteRequest' : 'is built with defineAction'}`, () => {
      const pattern = endpoint.kind === 'route' ? /^const \w+ = await authorizeRouteRequest\(request, \{ mutates: (true|false) \}\)/ : /^defineAction\(/;
      expect(endpoint.code, expected).toMatch(pattern);
    });
  }
});

describe('every page checks the session itself first', () => {
  const pages = listSourceFiles(path.join(root, 'app'))
    .filter((file) => /(^|\/)page\.tsx$/.test(file))
    .map((file) => path.relative(root, file))
    .filter((file) => file !== 'app/sign-in/page.tsx');

  it('finds the pages of the app', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  for (const file of pages) {
    it(`${file} starts with requirePageSession`, () => {
      const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const page = source.statements.find(
        (statement): statement is ts.FunctionDeclaration =>
          ts.isFunctionDeclaration(statement) && !!statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword),
      );
      expect(page?.body?.statements[0]?.getText(source)).toMatch(/^await requirePageSession\('\/[a-z/]*'(, searchParams)?\);$/);
    });
  }
});

describe('no server function escapes the check', () => {
  const files = ['app', 'components', 'lib'].flatMap((directory) => listSourceFiles(path.join(root, directory)));

  it('no function declares itself a server function inline (each would be an endpoint this test does not see)', () => {
    const inline: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node): void => {
        if (ts.isBlock(node) && node.parent && ts.isFunctionLike(node.parent)) {
          const first = node.statements[0];
          if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server') {
            inline.push(`${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(inline).toEqual([]);
  });

  it('a server actions file exports nothing but its actions (no default export, no re-export)', () => {
    const others: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      if (!isUseServerFile(source)) continue;
      for (const statement of source.statements) {
        if (ts.isExportAssignment(statement)) others.push(`${path.relative(root, file)}: export default`);
        if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) others.push(`${path.relative(root, file)}: ${statement.getText(source).slice(0, 60)}`);
      }
    }
    expect(others).toEqual([]);
  });
});
