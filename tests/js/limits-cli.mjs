// The words the static search client searches for, or why it refuses a
// query, for the Rust parity test of the query limits:
//
//   node tests/js/limits-cli.mjs <queries.json>
//
// queries.json: ["...", ...]. Prints one JSON array to stdout, one element
// per query: { "words": [...] } or { "error": "..." }.

import fs from "node:fs";
import { QueryError, queryWords } from "../../themes/hub/static/search/client.js";

const [queriesPath] = process.argv.slice(2);
if (!queriesPath) {
  console.error("usage: node tests/js/limits-cli.mjs <queries.json>");
  process.exit(2);
}
const out = JSON.parse(fs.readFileSync(queriesPath, "utf8")).map((query) => {
  try {
    return { words: queryWords(query) };
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    return { error: error.message };
  }
});
process.stdout.write(JSON.stringify(out) + "\n");
