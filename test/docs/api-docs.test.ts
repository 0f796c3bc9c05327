/** docs/api.md documents every export of every entry point (kept in sync by this test). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const api = readFileSync(join(root, "docs", "api.md"), "utf8");

/** Names a module exports, read from its syntax (re-exports and declarations): fast, no type checking. */
function exportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      names.push(...statement.exportClause.elements.map((e) => e.name.text));
    }
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      names.push(...statement.declarationList.declarations.map((d) => (d.name as ts.Identifier).text));
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return names;
}

test.each([
  ["a2i-fake", "src/index.ts"],
  ["a2i-fake/jest", "src/testing/jest-setup.ts"],
  ["a2i-fake/vitest", "src/testing/vitest-setup.ts"],
])("every export of %s is documented in docs/api.md", (entry, file) => {
  const names = exportsOf(file);
  expect(names.length).toBeGreaterThan(0);
  expect(api).toContain(`## \`${entry}\``);
  const undocumented = names.filter((name) => !api.includes(`\`${name}\``) && !api.includes(`\`${name}(`) && !api.includes(`\`${name}<`));
  expect(undocumented).toEqual([]);
});
