// Tokenizes texts with the static search client and stems every distinct
// word with each browser stemmer, for the Rust parity test:
//
//   node tests/js/vocabulary-cli.mjs <texts.json>
//
// texts.json: an array of strings. Prints one JSON object to stdout:
// { "words": { "<word>": { "en": "<stem>", "es": ..., "fr": ..., "nl": ... } } }

import fs from "node:fs";
import { tokenize } from "../../themes/hub/static/search/client.js";

const LANGUAGES = ["en", "es", "fr", "nl"];
const stemmers = {};
for (const lang of LANGUAGES) {
  stemmers[lang] = (await import(`../../themes/hub/static/search/stem-${lang}.js`)).stem;
}

const texts = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const words = new Set();
for (const text of texts) for (const word of tokenize(text)) words.add(word);
const out = {};
for (const word of words) {
  out[word] = Object.fromEntries(LANGUAGES.map((lang) => [lang, stemmers[lang](word)]));
}
process.stdout.write(JSON.stringify({ words: out }) + "\n");
