// The subresource integrity hash (SHA-384) of each file, and the version of
// the npm package decap-cms installed in tests/node_modules:
//
//   node tests/js/cms/sri.mjs <file>...
//
// Prints { "version": "<decap-cms version>", "hashes": { "<file>": "sha384-..." } }.

import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { version } = require("decap-cms/package.json");
const hashes = {};
for (const file of process.argv.slice(2)) {
  const digest = crypto.createHash("sha384").update(fs.readFileSync(file)).digest("base64");
  hashes[file] = `sha384-${digest}`;
}
process.stdout.write(JSON.stringify({ version, hashes }) + "\n");
