// Parity of the static search client's stemmers
// (themes/hub/static/search/stem-*.js) with the ones the index is built with
// (tantivy's Stemmer filter): every word of every list, stemmed with every
// language, must give exactly the same stem.
//
// The reference stems come from `examples/stem-words.rs`: the binary named by
// CALABASH_STEM_WORDS if set, else `cargo run --release --example stem-words`.
// Word lists: every word of content/**/*.md and of the synthetic corpus'
// vocabulary, the samples in tests/js/words/*.txt, and edge cases below.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LANGS = ["en", "es", "fr", "nl"];

const words = (text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function markdownFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(p) : e.name.endsWith(".md") ? [p] : [];
  });
}

const EDGE = [
  ..."abcdefghijklmnopqrstuvwxyzáéíóúüñçàâèêëîïôùûÿœæ",
  ...["y", "yy", "yyy", "ay", "ya", "yay", "yes", "eye", "dye", "ayes", "boy", "boys", "toy", "saying"],
  ...["ij", "ijs", "ijzer", "ge", "gee", "geen", "gebied", "gegeven", "geïnd", "geëerd", "ooo", "aaa"],
  ...["qu", "que", "quoi", "ïa", "aï", "ë", "ü", "üe", "güe", "ñ", "ña", "ção"],
  ...["0", "1", "42", "2025", "3rd", "1990s", "a1", "b2b", "x86", "mp3", "co2", "v1beta2", "١٢٣", "४२"],
  ...["'", "''", "'s", "s'", "o'clock", "children's", "dogs'", "qu'il", "l'école", "aujourd'hui", "jusqu'à"],
  ...["education", "éducation", "educación", "educatie", "EDUCATION", "Éducation", "mIxEd", "Y", "YY", "IJ"],
  ...["ελληνικά", "εκπαίδευση", "русский", "образование", "日本語", "教育", "한국어", "עברית", "العربية"],
  ...["😀", "a😀", "😀s", "ies😀", "😀ies", "sing😀ing", "𝒳", "𐐷ing", "é😀é", "géné😀ration", "ge😀loop"],
  ...["naïve", "naïveté", "coöperatie", "façade", "über", "smörgåsbord", "ﬁnance", "straße", "œuvre"],
  ...["İstanbul", "ǅ", "ß", "ﬀ", "ı", "ŀl", "\u00e9", "e\u0301", "e\u0301s", "cafe\u0301", "n\u0303o"],
  ...["kayak", "fly", "flies", "flying", "skies", "dying", "lying", "tying", "news", "early", "only"],
];

// Random strings over the letters the four stemmers test for (and a few
// they do not), from a fixed seed.
function fuzz(n) {
  let seed = 20260821;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const units = [
    ..."aaeeiioouuyybcdfghjklmnpqrstvwxzáéíóúüñàâäçèêëîïôöùûœ",
    ...["ij", "qu", "gu", "ge", "ie", "ee", "oo", "aa", "ss", "ll", "nn", "tt", "ch", "'", "1", "𐐷", "Y", "I", "U"],
    ...["ing", "ed", "ly", "es", "s", "ción", "mente", "ment", "ité", "ie", "eux", "heid", "lijk", "tje", "en"],
  ];
  const out = new Set();
  while (out.size < n) {
    let w = "";
    for (let k = 1 + Math.floor(rand() * 7); k > 0; k--) w += units[Math.floor(rand() * units.length)];
    out.add(w);
  }
  return out;
}

function lists() {
  const out = new Map();
  const md = markdownFiles(path.join(ROOT, "content"));
  out.set("content", new Set(md.flatMap((f) => words(fs.readFileSync(f, "utf8")))));
  const vocab = fs.readFileSync(path.join(ROOT, "examples/gen_corpus/words.rs"), "utf8");
  out.set("corpus", new Set(words(vocab)));
  const dir = path.join(ROOT, "tests/js/words");
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".txt")) continue;
    out.set(f.slice(0, -4), new Set(words(fs.readFileSync(path.join(dir, f), "utf8"))));
  }
  // Edge cases go in as they are (not re-split, not lower-cased).
  out.set("edge", new Set(EDGE));
  out.set("fuzz", fuzz(30000));
  return out;
}

function referenceStems(lang, input) {
  const bin = process.env.CALABASH_STEM_WORDS;
  const [cmd, args] = bin
    ? [bin, [lang]]
    : ["cargo", ["run", "--release", "--example", "stem-words", "--quiet", "--", lang]];
  const run = spawnSync(cmd, args, {
    cwd: ROOT,
    input: input.join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.error) throw new Error(`cannot run ${cmd}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${run.status}):\n${run.stderr}`);
  const lines = run.stdout.split("\n");
  assert.equal(lines.pop(), "", "output ends with a newline");
  assert.equal(lines.length, input.length, "one output line per word");
  return lines.map((line, i) => {
    const tab = line.indexOf("\t");
    assert.equal(line.slice(0, tab), input[i], "the output echoes the word");
    return line.slice(tab + 1);
  });
}

const all = lists();
const input = [...new Set([...all.values()].flatMap((s) => [...s]))];

test("word lists are large enough", () => {
  const sizes = Object.fromEntries([...all].map(([k, v]) => [k, v.size]));
  console.log(`words: ${JSON.stringify(sizes)}, ${input.length} distinct`);
  assert.ok(all.get("content").size > 1000, "content words");
  for (const l of ["es", "fr", "nl"]) assert.ok(all.get(l)?.size >= 300, `tests/js/words/${l}.txt`);
});

for (const lang of LANGS) {
  test(`stem-${lang}.js matches tantivy on every word`, async () => {
    const { stem } = await import(`../../themes/hub/static/search/stem-${lang}.js`);
    const want = referenceStems(lang, input);
    const bad = [];
    input.forEach((w, i) => {
      let got;
      try {
        got = stem(w);
      } catch (e) {
        got = `<throws ${e}>`;
      }
      if (got !== want[i]) bad.push(`${JSON.stringify(w)}: tantivy ${JSON.stringify(want[i])}, js ${JSON.stringify(got)}`);
    });
    const changed = want.filter((s, i) => s !== input[i]).length;
    console.log(`${lang}: ${input.length} words, ${changed} changed by stemming, ${bad.length} mismatches`);
    assert.deepEqual(
      bad.slice(0, 30),
      [],
      `${bad.length} of ${input.length} words stem differently; if tantivy's stemmers changed ` +
        "(a new frostem), regenerate with node tests/js/tools/snowball-rs2js.mjs",
    );
  });
}
