// Runs queries through the static search client against an exported index,
// for the Rust parity test:
//
//   node tests/js/search-cli.mjs <manifest.json> <queries.json>
//
// queries.json: [{ "query": "...", "prefix": false, "filters": {}, "limit": 10, "lang": "es" }, ...]
// Prints one JSON array to stdout, one element per query:
// { "total": n, "hits": [{ "key": "...", "score": 1.23 }, ...] }.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openIndex } from "../../themes/hub/static/search/client.js";

const [manifestPath, queriesPath] = process.argv.slice(2);
if (!manifestPath || !queriesPath) {
  console.error("usage: node tests/js/search-cli.mjs <manifest.json> <queries.json>");
  process.exit(2);
}

const fetchFile = async (url) => {
  try {
    return new Response(fs.readFileSync(new URL(url)));
  } catch (err) {
    return new Response(String(err), { status: 404 });
  }
};

try {
  const index = await openIndex(pathToFileURL(path.resolve(manifestPath)).href, { fetch: fetchFile });
  const queries = JSON.parse(fs.readFileSync(queriesPath, "utf8"));
  const out = [];
  for (const q of queries) {
    const r = await index.search(q.query ?? "", {
      prefix: !!q.prefix,
      filters: q.filters ?? {},
      limit: q.limit ?? 10,
      offset: q.offset ?? 0,
      lang: q.lang,
    });
    out.push({ total: r.total, hits: r.hits.map((h) => ({ key: h.key, score: h.score })) });
  }
  process.stdout.write(JSON.stringify(out) + "\n");
} catch (err) {
  console.error(err?.stack ?? String(err));
  process.exit(1);
}
