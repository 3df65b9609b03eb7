// The static search client (themes/hub/static/search/client.js) against
// small indexes written here by tests/js/support/encode-index.mjs, following
// docs/search-index.md. Scores in the fixtures are given, not computed, so
// every expected ranking below can be checked by hand.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { fileURLToPath } from "node:url";

import {
  MAX_QUERY_CHARS, MAX_QUERY_WORDS, QueryError, compare, openIndex, queryWords, tokenize,
} from "../../themes/hub/static/search/client.js";
import { diskFetch, fileUrl, shortHash, writeIndex } from "./support/encode-index.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "calabash-search-"));
process.on("exit", () => fs.rmSync(TMP, { recursive: true, force: true }));

let fixtures = 0;
async function open(spec) {
  const manifest = writeIndex(path.join(TMP, `index-${fixtures++}`), spec);
  const fetch = diskFetch();
  const index = await openIndex(fileUrl(manifest), { fetch });
  return { index, fetch, manifest };
}

const row = (key, extra = {}) => {
  const { title = key, collection = 0, summary = "", date = "", text = "", lang = "" } = extra;
  return [key, `/${key}/`, title, collection, summary, date, text, lang];
};
const rows = (n) => Array.from({ length: n }, (_, i) => row(`replies/doc-${i}`));
const docsOf = (r) => r.hits.map((h) => h.doc);
const scoresOf = (r) => r.hits.map((h) => h.score);
const newFetches = (fetch, before) => fetch.log.slice(before).map((u) => path.basename(u));

// ------------------------------------------------------------- analysis

test("tokenize splits on non-alphanumerics, keeps numbers and accents", () => {
  assert.deepEqual(tokenize("Hello, World! x86-64 snake_case l'École naïve"), [
    "hello", "world", "x86", "64", "snake", "case", "l", "école", "naïve",
  ]);
  assert.deepEqual(tokenize("2024年 ١٢٣ x² a😀b — ¿qué?"), ["2024年", "١٢٣", "x²", "a", "b", "qué"]);
  assert.deepEqual(tokenize(""), []);
  assert.deepEqual(tokenize(" ,.;"), []);
});

test("tokenize lower-cases each character on its own", () => {
  // No final sigma: ΟΔΟΣ is οδοσ, where toLowerCase() would give οδος.
  assert.deepEqual(tokenize("ΟΔΟΣ ΣΑΣ Σ"), ["οδοσ", "σασ", "σ"]);
  assert.notEqual(tokenize("ΟΔΟΣ")[0], "ΟΔΟΣ".toLowerCase());
  // İ becomes i + combining dot above, as Rust's char::to_lowercase.
  assert.deepEqual(tokenize("İstanbul"), ["i\u0307stanbul"]);
  // Astral letters too (Deseret 𐐀 -> 𐐨).
  assert.deepEqual(tokenize("𐐀𐐀"), ["𐐨𐐨"]);
});

test("tokenize drops tokens of 40 UTF-8 bytes or more, before lower-casing", () => {
  const t = (s) => tokenize(`short ${s} tail`);
  assert.deepEqual(t("a".repeat(39)), ["short", "a".repeat(39), "tail"]);
  assert.deepEqual(t("a".repeat(40)), ["short", "tail"]);
  assert.deepEqual(t("é".repeat(19)), ["short", "é".repeat(19), "tail"]); // 38 bytes
  assert.deepEqual(t("é".repeat(20)), ["short", "tail"]); // 40 bytes
  assert.deepEqual(t("𐐷".repeat(9)), ["short", "𐐷".repeat(9), "tail"]); // 36 bytes
  assert.deepEqual(t("𐐷".repeat(10)), ["short", "tail"]); // 40 bytes
  // İ is 2 bytes but lower-cases to 3: 38 bytes before, 57 after, kept.
  assert.deepEqual(t("İ".repeat(19)), ["short", "i\u0307".repeat(19), "tail"]);
  // ẞ is 3 bytes and lower-cases to ß (2): 40 bytes before, 27 after, dropped.
  assert.deepEqual(t("ẞ".repeat(13) + "a"), ["short", "tail"]);
});

test("compare orders strings by code point, not by UTF-16 unit", () => {
  // U+1D4B3 (a surrogate pair) is after U+FF5A though its first unit is smaller.
  assert.ok("\u{1D4B3}" < "\uFF5A", "JavaScript's < compares UTF-16 units");
  assert.ok(compare("\u{1D4B3}", "\uFF5A") > 0);
  assert.ok(compare("\uFF5A", "\u{1D4B3}") < 0);
  assert.ok(compare("\uE000", "\uD7FF") > 0);
  assert.equal(compare("abc", "abc"), 0);
  assert.ok(compare("ab", "abc") < 0 && compare("b", "abc") > 0);
  const words = ["z", "é", "e", "\uFFFD", "\u{10437}", "\u{1F600}", "\uE000", "a\u{10437}", "a\uFF5A", "", "教"];
  const bytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual([...words].sort(compare), bytes);
});

// ------------------------------------------------------------- decoding

test("decodes multi-byte varints, UTF-8 strings and terms in many shards", async () => {
  const docs = [];
  docs.length = 40001;
  for (const d of [0, 5, 20000, 40000]) docs[d] = row(`library/doc-${d}`);
  const terms = {
    "école": [[0, 1]],
    "教育": [[5, 2], [20000, 3]],
    "zebra": [[40000, 500000.5]], // 5000005000: a 5-byte varint, above 2^32
    "bit": [[20000, 0.0001], [40000, 0.0002]],
    "ｚｚ": [[5, 7]], // U+FF5A: after "zebra", before the astral letter
    "𐐷𐐷": [[0, 8], [40000, 9]],
    "aardvark": [[0, 1]],
  };
  const { index, fetch, manifest } = await open({ docs, terms, termsPerShard: 1, docsPerBlock: 10000 });
  const m = JSON.parse(fs.readFileSync(manifest, "utf8"));
  assert.equal(m.terms.length, 7, "one term per shard");
  assert.deepEqual(m.terms.slice(-2).map((s) => s[0]), ["ｚｚ", "𐐷𐐷"], "shards in code-point order");

  const find = async (q) => (await index.search(q)).hits.map((h) => [h.key, h.score]);
  assert.deepEqual(await find("École"), [["library/doc-0", 1]]);
  assert.deepEqual(await find("教育"), [["library/doc-20000", 3], ["library/doc-5", 2]]);
  assert.deepEqual(await find("zebra"), [["library/doc-40000", 500000.5]]);
  assert.deepEqual(await find("bit"), [["library/doc-40000", 0.0002], ["library/doc-20000", 0.0001]]);
  assert.deepEqual(await find("ｚｚ"), [["library/doc-5", 7]]);
  assert.deepEqual(await find("𐐷𐐷"), [["library/doc-40000", 9], ["library/doc-0", 8]]);
  assert.deepEqual(await find("aardvark"), [["library/doc-0", 1]]);
  assert.deepEqual(await find("yak"), [], "a word not in the index matches nothing");
  // Document numbers beyond the first block: blocks 0, 2 and 4 fetched.
  const blocks = new Set(fetch.log.map((u) => path.basename(u)).filter((n) => n.startsWith("d")));
  assert.equal(blocks.size, 3);
  // File names: kind, position and the high 32 bits of the FNV-1a hash of their bytes.
  const names = fs.readdirSync(path.dirname(manifest)).filter((n) => n !== "manifest.json");
  assert.equal(names.length, 5 + 7 + 1 + 1, "blocks, term shards, a word shard, a facet group");
  for (const name of names) {
    const [, kind, n, hash] = name.match(/^([dtwf])(\d+)-([0-9a-f]{8})\.(json|bin)$/);
    assert.equal(hash, shortHash(fs.readFileSync(path.join(path.dirname(manifest), name))));
    const listed = { d: m.blocks, t: m.terms.map((s) => s[1]), w: m.words.map((s) => s[1]), f: m.facets.map((g) => g.file) };
    assert.equal(listed[kind][n], hash);
  }
});

// ------------------------------------------------------------- matching and ranking

const RANKING = {
  docs: rows(6),
  terms: {
    rural: [[0, 3], [2, 1], [4, 2], [5, 1.5]],
    teacher: [[0, 1], [1, 5], [2, 3], [4, 4], [5, 1]],
    school: [[1, 1], [3, 2]],
  },
};

test("every word must match; scores add up over words", async () => {
  const { index } = await open(RANKING);
  const r = await index.search("Rural teachers");
  assert.deepEqual(r.words, ["rural", "teachers"]);
  assert.equal(r.total, 4);
  assert.deepEqual(docsOf(r), [4, 0, 2, 5]);
  assert.deepEqual(scoresOf(r), [6, 4, 4, 2.5]);
  assert.equal((await index.search("rural school")).total, 0, "no document has both");
  assert.equal((await index.search("rural nowhere")).total, 0, "one word matches nothing");
  assert.deepEqual(docsOf(await index.search("school")), [3, 1]);
  // Scores are integers over the manifest's score_scale.
  const { index: coarse } = await open({ ...RANKING, scoreScale: 100 });
  assert.deepEqual(scoresOf(await coarse.search("Rural teachers")), [6, 4, 4, 2.5]);
  const { index: fine } = await open({ docs: rows(2), terms: { pi: [[0, 3.14159], [1, 2.71828]] }, scoreScale: 1000 });
  assert.deepEqual(scoresOf(await fine.search("pi")), [3.142, 2.718], "rounded to the scale");
  const empty = await index.search(" ... ");
  assert.deepEqual([empty.total, empty.hits, empty.words], [0, [], []]);
});

test("equal scores rank by document number; limit and offset page the results", async () => {
  const { index } = await open(RANKING);
  const page = await index.search("rural teacher", { limit: 2, offset: 1 });
  assert.equal(page.total, 4);
  assert.deepEqual(docsOf(page), [0, 2]);
  assert.deepEqual(docsOf(await index.search("rural teacher", { limit: 10, offset: 3 })), [5]);
  assert.deepEqual(docsOf(await index.search("rural teacher", { limit: 0 })), []);
  // All tied: document order, whatever the order of the postings' scores.
  const { index: tied } = await open({ docs: rows(5), terms: { same: [[4, 2], [1, 2], [3, 2], [0, 2], [2, 1]] } });
  assert.deepEqual(docsOf(await tied.search("same")), [0, 1, 3, 4, 2]);
});

// Two English documents (0, 1) and two Spanish ones (2, 3). The English
// stem of "lectures" and the Spanish stem of "lectura" are both "lectur".
const BILINGUAL = {
  languages: ["en", "es"],
  language: "en",
  docs: rows(4),
  groups: [
    { name: "collection", title: "Type", values: [["replies", "Replies", [0, 1, 2, 3]]] },
    { name: "lang", title: "Language", values: [["en", "English", [0, 1]], ["es", "Español", [2, 3]]] },
  ],
  terms: { lectur: [[0, 2], [2, 1], [3, 3]], lectura: [[1, 0.5]], read: [[1, 4]] },
  words: { lectures: 1, lectura: 2, lecturas: 1, reading: 1 },
  exact: { lectures: [0], lectura: [1, 2], lecturas: [3], reading: [1] },
};

test("a query is stemmed in its language only, and matches other languages as written", async () => {
  const { index } = await open(BILINGUAL);
  // Spanish: "lectur" in the Spanish documents; "lectura" as written in
  // the English one that has it (scored as its English stem "lectura").
  const es = await index.search("lectura", { lang: "es" });
  assert.deepEqual(docsOf(es), [3, 2, 1], "not the English document 0 and its lectures");
  assert.deepEqual(scoresOf(es), [3, 1, 0.5]);
  assert.deepEqual(docsOf(await index.search("lectura", { lang: "es-DO" })), [3, 2, 1], "the primary tag");
  // English: "lectura" has the English stem "lectura" (document 1), and is
  // written in document 2 but not 3 ("lecturas").
  const en = await index.search("lectura", { lang: "en" });
  assert.deepEqual(docsOf(en), [2, 1]);
  assert.deepEqual(scoresOf(en), [1, 0.5]);
  // No language: the site's; a language without a stemmer: English.
  assert.deepEqual(docsOf(await index.search("lectura")), [2, 1]);
  assert.deepEqual(docsOf(await index.search("lectura", { lang: "ht" })), [2, 1]);
  // An English word on the Spanish page: stemmed in Spanish ("lectur") for
  // Spanish documents, found as written in English ones.
  assert.deepEqual(docsOf(await index.search("lectures", { lang: "es" })), [3, 0, 2]);
  assert.deepEqual(docsOf(await index.search("reading", { lang: "es" })), [1]);
  // The language filter, and hits saying their language.
  const only = await index.search("lectura", { lang: "es", filters: { lang: "es" } });
  assert.deepEqual(docsOf(only), [3, 2]);
  assert.deepEqual(only.hits.map((h) => h.lang), ["en", "en"], "the site's, when the block has none");
  const counts = (await index.search("lectura", { lang: "es" })).facets[1].values.map((v) => v.count);
  assert.deepEqual(counts, [1, 2]);
});

test("a query fetches the exact words of the other languages only", async () => {
  const { index, fetch } = await open(BILINGUAL);
  await index.search("lectura", { lang: "en" });
  const fetched = newFetches(fetch, 0);
  assert.ok(fetched.some((n) => n.startsWith("xes")), fetched.join(" "));
  assert.ok(!fetched.some((n) => n.startsWith("xen")), fetched.join(" "));
  const before = fetch.log.length;
  await index.search("reading", { lang: "es" });
  assert.ok(newFetches(fetch, before).some((n) => n.startsWith("xen")));
});

test("an exact word's stem counts once per document, however many words share it", async () => {
  // Prefix "lectur" on the English page: the Spanish documents are matched
  // by the words lectura and lecturas, which share the Spanish stem.
  const { index } = await open({
    ...BILINGUAL,
    exact: { ...BILINGUAL.exact, lectura: [1, 2, 3] },
    words: { ...BILINGUAL.words, lectura: 3 },
  });
  const r = await index.search("lectur", { lang: "en", prefix: true });
  assert.deepEqual(docsOf(r), [3, 0, 2, 1]);
  assert.deepEqual(scoresOf(r), [3, 2, 1, 0.5]);
});

test("on an index of one language, every query is in that language", async () => {
  // "teaching": en "teach", fr "teaching"; English alone has only "teach".
  const { index } = await open({ docs: rows(3), terms: { teach: [[0, 1], [1, 2]], teaching: [[1, 0.5], [2, 4]] } });
  assert.deepEqual(scoresOf(await index.search("teaching")), [2, 1]);
  assert.deepEqual(scoresOf(await index.search("teaching", { lang: "fr" })), [2, 1]);
  assert.deepEqual(scoresOf(await index.search("teaching teaching")), [2, 1], "a repeated word counts once");
  assert.equal((await index.search("teachers")).total, 0, "en \"teacher\" is not in the index");
});

// ------------------------------------------------------------- prefix

const PREFIX = {
  docs: rows(7),
  words: { lab: 3, lead: 9, leader: 5, lean: 5, learn: 5, leaf: 1, least: 2, zoo: 1 },
  terms: {
    lab: [[0, 1], [1, 1], [4, 1]],
    lead: [[1, 1]],
    leader: [[2, 1]],
    lean: [[3, 1]],
    learn: [[4, 1]],
    leaf: [[5, 1]],
    least: [[6, 1]],
  },
  wordsPerShard: 2,
  prefixExpansions: 3,
};

test("prefix: the last word takes the most frequent words beginning with it", async () => {
  const { index, manifest } = await open(PREFIX);
  assert.ok(JSON.parse(fs.readFileSync(manifest, "utf8")).words.length >= 4, "words span several shards");
  // lead (9), then leader, lean, learn tied at 5 in word order: the cap of 3
  // keeps lead, leader, lean.
  const r = await index.search("Lea", { prefix: true });
  assert.deepEqual(docsOf(r), [1, 2, 3]);
  assert.equal((await index.search("lea")).total, 0, "no expansion without prefix");
  assert.deepEqual(docsOf(await index.search("lab lea", { prefix: true })), [1]);
  assert.equal((await index.search("lea lab", { prefix: true })).total, 0, "only the last word is a prefix");
  // The word's own stem and its expansions' stems, each counted once.
  const lead = await index.search("lead", { prefix: true });
  assert.deepEqual(docsOf(lead), [1, 2]);
  assert.deepEqual(scoresOf(lead), [1, 1]);
  // Ties of document frequency go by code-point order, not UTF-16 order.
  const { index: astral } = await open({
    docs: rows(3),
    words: { "q\u{10437}": 2, "q\uFF5A": 2, qa: 1 },
    terms: { "q\u{10437}": [[0, 1]], "q\uFF5A": [[1, 1]], qa: [[2, 1]] },
    prefixExpansions: 1,
  });
  assert.deepEqual(docsOf(await astral.search("q", { prefix: true })), [1]);
});

// ------------------------------------------------------------- typos

const TYPOS = {
  docs: rows(7),
  words: { form: 2, forms: 1, fort: 1, math: 3, maths: 1, scha: 1, scholar: 1, school: 4, schools: 2 },
  terms: {
    school: [[0, 2], [1, 1]],
    scholar: [[2, 1]],
    math: [[3, 1]],
    form: [[4, 1]],
    fort: [[5, 1]],
    scha: [[6, 1]],
  },
  wordsPerShard: 2,
};

test("one typo: a replaced, inserted, deleted or swapped character", async () => {
  const { index } = await open(TYPOS);
  const keys = async (q, o) => docsOf(await index.search(q, o));
  assert.deepEqual(await keys("schoal"), [0, 1], "replaced");
  assert.deepEqual(await keys("schol"), [0, 1], "one left out");
  assert.deepEqual(await keys("schoool"), [0, 1], "one too many");
  assert.deepEqual(await keys("shcool"), [0, 1], "swapped");
  assert.deepEqual(await keys("scholra"), [2], "swapped at the end");
  assert.deepEqual(await keys("schoaal"), [], "two edits");
  assert.deepEqual(await keys("forx"), [4, 5], "every word at distance 1");
  // mats: math (replaced) and maths (left out) share the stem math: once.
  const mats = await index.search("mats");
  assert.deepEqual([docsOf(mats), scoresOf(mats)], [[3], [1]]);
});

test("one typo: same first character, minimum length, only without alternatives", async () => {
  const { index } = await open(TYPOS);
  const keys = async (q, o) => docsOf(await index.search(q, o));
  assert.deepEqual(await keys("zchool"), [], "first character replaced");
  assert.deepEqual(await keys("chool"), [], "first character left out");
  assert.deepEqual(await keys("mth"), [], "shorter than typo_min_length");
  assert.deepEqual(await keys("form"), [4], "an exact alternative: no typos (not fort)");
  assert.deepEqual(await keys("schoal math"), [], "each word on its own: math not in 0, 1");
  // Prefix mode: typos only when there is no expansion either.
  assert.deepEqual(await keys("scho", { prefix: true }), [0, 1, 2], "expansions, not scha");
  assert.deepEqual(await keys("scho"), [6], "scha, one typo away");
  assert.deepEqual(await keys("schoal", { prefix: true }), [0, 1], "no expansion: typos");
  const { index: strict } = await open({ ...TYPOS, typoMinLength: 7 });
  assert.deepEqual(docsOf(await strict.search("schoal")), [], "typo_min_length from the manifest");
  assert.deepEqual(docsOf(await strict.search("schoool")), [0, 1]);
});

test("one typo: only the typo_expansions most frequent words, then in word order", async () => {
  const keys = async (index, q) => docsOf(await index.search(q));
  const { index: one } = await open({ ...TYPOS, typoExpansions: 1 });
  assert.deepEqual(await keys(one, "forx"), [4], "form (2 entries), not fort (1)");
  const { index: two } = await open({ ...TYPOS, typoExpansions: 2 });
  assert.deepEqual(await keys(two, "forx"), [4, 5]);
  const tied = { ...TYPOS, words: { ...TYPOS.words, form: 1 }, typoExpansions: 1 };
  const { index: first } = await open(tied);
  assert.deepEqual(await keys(first, "forx"), [4], "equal frequencies: form before fort");
});

// ------------------------------------------------------------- query limits

test("queryWords keeps each word once, at its last place", () => {
  assert.deepEqual(queryWords("Rural teachers RURAL schools rural"), ["teachers", "schools", "rural"]);
  assert.deepEqual(queryWords("reading ".repeat(60)), ["reading"]);
  assert.deepEqual(queryWords(""), []);
  assert.equal(MAX_QUERY_CHARS, 500);
  assert.equal(MAX_QUERY_WORDS, 16);
});

test("queries past the limits are refused with what to do, before anything is fetched", async () => {
  const { index, fetch } = await open(TYPOS);
  const before = fetch.log.length;
  const words = (n, from = 0) => Array.from({ length: n }, (_, i) => `w${i + from}`).join(" ");
  const tooLong = /^the query is longer than 500 characters: shorten it to a few words$/;
  const refusals = [
    ["a".repeat(MAX_QUERY_CHARS + 1), tooLong],
    ["x".repeat(300_000), tooLong],
    ["school ".repeat(50_000), tooLong],
    [words(40_000), tooLong],
    ["é".repeat(MAX_QUERY_CHARS + 1), tooLong],
    [words(17), /^the query has 17 different words, and search takes at most 16: leave some out$/],
    [Array.from({ length: 30 }, (_, i) => "s".repeat(i + 1)).join(" "), /has 30 different words/],
  ];
  for (const [query, message] of refusals) {
    for (const prefix of [false, true]) {
      await assert.rejects(index.search(query, { prefix }), (error) => {
        assert.ok(error instanceof QueryError, String(error));
        assert.equal(error.name, "QueryError");
        assert.match(error.message, message);
        return true;
      });
    }
  }
  assert.equal(fetch.log.length, before, "nothing fetched for a refused query");
  // At the limits, and past them only in UTF-16 units or with repeats: searched.
  for (const query of ["a".repeat(MAX_QUERY_CHARS), "😀".repeat(MAX_QUERY_CHARS), words(16), `${words(16)} ${words(16)}`]) {
    await index.search(query, { prefix: true });
  }
});

test("repeated words count once: the results and scores of each word once", async () => {
  const { index } = await open(TYPOS);
  const same = async (repeated, once, options) => {
    const [a, b] = [await index.search(repeated, options), await index.search(once, options)];
    assert.deepEqual([docsOf(a), scoresOf(a), a.words], [docsOf(b), scoresOf(b), b.words], repeated);
  };
  await same("school school SCHOOL", "school");
  await same(`${"school ".repeat(70)}`, "school");
  await same("scho school scho", "school scho", { prefix: true });
  assert.deepEqual(docsOf(await index.search("scho school scho", { prefix: true })), [0, 1]);
});

// ------------------------------------------------------------- filters and facets

const FACETED = {
  docs: rows(6).map((r, i) => (i >= 3 ? row(`practices/doc-${i}`, { collection: 1 }) : r)),
  terms: {
    school: [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]],
    rural: [[0, 1], [3, 1], [4, 1]],
  },
  groups: [
    { name: "collection", title: "Type", values: [["replies", "Consolidated Replies", [0, 1, 2]], ["practices", "Noteworthy Practices", [3, 4, 5]]] },
    { name: "topics", title: "Areas of focus", values: [["inclusion", "Inclusion", [0, 3, 4]], ["literacy", "Literacy", [1, 3]], ["numeracy", "Numeracy", [5]]] },
    { name: "levels", title: "Levels", values: [["primary", "Primary", [0, 1, 3, 5]], ["secondary", "Secondary", [2, 4]]] },
  ],
};
const counts = (r) => Object.fromEntries(r.facets.map((f) => [f.name, f.values.map((v) => v.count)]));
const selected = (r) => r.facets.flatMap((f) => f.values.filter((v) => v.selected).map((v) => `${f.name}/${v.id}`));

test("filters: values of a group are alternatives, groups combine with and", async () => {
  const { index } = await open(FACETED);
  const all = await index.search("school");
  assert.deepEqual(docsOf(all), [5, 4, 3, 2, 1, 0]);
  const within = await index.search("school", { filters: { topics: ["inclusion", "literacy"] } });
  assert.deepEqual(docsOf(within), [4, 3, 1, 0]);
  assert.deepEqual(scoresOf(within), [5, 4, 2, 1], "filters do not change scores");
  const between = await index.search("school", { filters: { collection: ["practices"], topics: ["inclusion"] } });
  assert.deepEqual([between.total, docsOf(between)], [2, [4, 3]]);
  const three = await index.search("school", { filters: { collection: ["practices"], topics: ["inclusion"], levels: ["primary"] } });
  assert.deepEqual(docsOf(three), [3]);
  assert.equal((await index.search("school", { filters: { topics: [] } })).total, 6, "an empty selection filters nothing");
  assert.equal((await index.search("school", { filters: { topics: ["unknown"] } })).total, 0);
  assert.equal((await index.search("school", { filters: { nosuchgroup: ["x"] } })).total, 6);
  // Values from a URL are matched ignoring case, as the directory does.
  for (const spelling of ["INCLUSION", "Inclusion", "inclusion"]) {
    const found = await index.search("school", { filters: { topics: [spelling] } });
    assert.deepEqual(docsOf(found), docsOf(await index.search("school", { filters: { topics: ["inclusion"] } })), spelling);
  }
  assert.deepEqual(
    docsOf(await index.search("school", { filters: { collection: ["PRACTICES"] } })),
    docsOf(await index.search("school", { filters: { collection: ["practices"] } })),
  );
});

test("facet counts count each group under the other groups' filters", async () => {
  const { index, fetch } = await open(FACETED);
  assert.ok(!fetch.log.some((u) => /^f\d/.test(path.basename(u))), "facets not fetched before a query");
  const all = await index.search("school");
  assert.deepEqual(counts(all), { collection: [3, 3], topics: [3, 2, 1], levels: [4, 2] });
  assert.deepEqual(all.facets.map((f) => [f.name, f.title]), [["collection", "Type"], ["topics", "Areas of focus"], ["levels", "Levels"]]);
  assert.deepEqual(all.facets[0].values[1], { id: "practices", label: "Noteworthy Practices", count: 3, selected: false });

  const within = await index.search("school", { filters: { topics: ["inclusion", "literacy"] } });
  assert.deepEqual(counts(within), { collection: [2, 2], topics: [3, 2, 1], levels: [3, 1] });
  assert.deepEqual(selected(within), ["topics/inclusion", "topics/literacy"]);

  const between = await index.search("school", { filters: { collection: ["practices"], topics: ["inclusion"] } });
  assert.deepEqual(counts(between), { collection: [1, 2], topics: [2, 1, 1], levels: [1, 1] });
  assert.deepEqual(selected(between), ["collection/practices", "topics/inclusion"]);

  // Only the query's results count.
  const rural = await index.search("school rural", { filters: { levels: ["secondary"] } });
  assert.deepEqual(docsOf(rural), [4]);
  assert.deepEqual(counts(rural), { collection: [0, 1], topics: [1, 0, 0], levels: [2, 1] });
  const none = await index.search("nothing");
  assert.deepEqual(counts(none), { collection: [0, 0], topics: [0, 0, 0], levels: [0, 0] });
});

test("only the groups counted or filtered are fetched", async () => {
  const { index, fetch } = await open(FACETED);
  const facetFiles = () => fetch.log.map((u) => path.basename(u)).filter((n) => /^f\d/.test(n)).map((n) => n.split("-")[0]);
  const one = await index.search("school", { counts: ["collection"] });
  assert.deepEqual(facetFiles(), ["f0"], "only the collection group");
  assert.deepEqual(counts(one), { collection: [3, 3], topics: [null, null, null], levels: [null, null] });
  assert.deepEqual(one.facets.map((f) => f.counted), [true, false, false]);
  const filtered = await index.search("school", { counts: ["collection"], filters: { levels: ["secondary"] } });
  assert.deepEqual(facetFiles(), ["f0", "f2"], "a filtered group is fetched to filter");
  assert.deepEqual([filtered.total, counts(filtered).collection], [2, [1, 1]]);
});

// ------------------------------------------------------------- hits and snippets

const LONG =
  "The regional ministry opened a consultation with school leaders and parents. " +
  "Many participants described the daily journey of pupils. " +
  "In rural areas, Teachers often travel long distances, and a rural teacher may teach several grades at once. " +
  "Ruritania reported the same problems in its mountain districts, where teaching materials are scarce. " +
  "The members then discussed how ministries could support them with training, materials and connectivity.";

const SNIPPETS = {
  docs: [
    row("replies/rural-teachers", { title: "Rural teachers", summary: "How to support teachers.", date: "2024-05-01", text: LONG }),
    row("replies/summary-only", { summary: "Support for rural schools in the region.", text: "Nothing to see here." }),
    row("replies/title-only", { title: "Rural", summary: "Other words.", text: LONG.replaceAll(/rural/gi, "remote") }),
    row("practices/short", { collection: 1, text: "Rural schools.", lang: "es" }),
  ],
  terms: {
    rural: [[0, 3], [1, 1], [2, 2], [3, 1]],
    teacher: [[0, 2]],
    teach: [[0, 1]],
  },
  words: { rural: 4, ruritania: 1, teachers: 1, teacher: 1 },
  groups: [
    { name: "collection", title: "Type", values: [["replies", "Consolidated Replies", [0, 1, 2]], ["practices", "Noteworthy Practices", [3]]] },
  ],
};
const plain = (s) => s.map((p) => p[0]).join("");
const marked = (s) => s.filter((p) => p[1]).map((p) => p[0]);

test("hits carry the document's fields", async () => {
  const { index } = await open(SNIPPETS);
  const [hit] = (await index.search("teacher")).hits;
  const { snippet, ...rest } = hit;
  assert.deepEqual(rest, {
    doc: 0,
    key: "replies/rural-teachers",
    url: "/replies/rural-teachers/",
    title: "Rural teachers",
    collection: "replies",
    collectionTitle: "Consolidated Replies",
    summary: "How to support teachers.",
    date: "2024-05-01",
    lang: "",
    score: 2,
  });
  const [p] = (await index.search("rural", { filters: { collection: ["practices"] } })).hits;
  assert.deepEqual([p.key, p.collection, p.collectionTitle], ["practices/short", "practices", "Noteworthy Practices"]);
  // An entry in another language than the site's says which.
  assert.equal(p.lang, "es");
});

test("snippets mark query words and matched stems around the first match", async () => {
  const { index } = await open(SNIPPETS);
  const [hit] = (await index.search("teacher")).hits;
  const s = hit.snippet;
  // Teachers (stem teacher) and teacher; not teach or teaching (stem teach).
  assert.deepEqual(marked(s), ["Teachers", "teacher"]);
  const text = plain(s);
  assert.ok(text.startsWith("… ") && text.endsWith(" …"), text);
  const inner = text.slice(2, -2);
  const at = LONG.indexOf(inner);
  assert.ok(at > 0, "a piece of the text");
  assert.match(LONG[at - 1], /[^\p{L}\p{N}]/u, "cut before a word");
  assert.match(LONG[at], /[\p{L}\p{N}]/u);
  assert.match(LONG[at + inner.length - 1], /[\p{L}\p{N}]/u, "cut after a word");
  assert.match(LONG[at + inner.length], /[^\p{L}\p{N}]/u);
  assert.ok(inner.length <= 160 && inner.length >= 100, `about 160 characters: ${inner.length}`);
  assert.ok(at <= LONG.indexOf("Teachers") && LONG.indexOf("Teachers") - at <= 60, "the first match near the start");

  // Both words of the query, case-insensitively.
  const [both] = (await index.search("rural teacher")).hits;
  assert.deepEqual(marked(both.snippet), ["rural", "Teachers", "rural", "teacher"]);
});

test("snippets in prefix mode also mark words beginning with the last word", async () => {
  const { index } = await open(SNIPPETS);
  const [hit] = (await index.search("rur", { prefix: true })).hits;
  assert.equal(hit.doc, 0);
  assert.deepEqual(marked(hit.snippet), ["rural", "rural", "Ruritania"]);
  const [exact] = (await index.search("rural")).hits;
  assert.ok(!marked(exact.snippet).includes("Ruritania"));
});

test("snippets fall back to the summary, then to the start of the text", async () => {
  const { index } = await open(SNIPPETS);
  const hits = Object.fromEntries((await index.search("rural")).hits.map((h) => [h.key, h.snippet]));
  assert.deepEqual(hits["replies/summary-only"], [["Support for ", false], ["rural", true], [" schools in the region.", false]]);
  const start = hits["replies/title-only"];
  assert.equal(marked(start).length, 0);
  assert.ok(!plain(start).startsWith("…") && plain(start).endsWith(" …"));
  assert.ok(LONG.replaceAll(/rural/gi, "remote").startsWith(plain(start).slice(0, -2)));
  assert.ok(plain(start).length > 100 && plain(start).length <= 162);
  assert.deepEqual(hits["practices/short"], [["Rural", true], [" schools.", false]], "short texts are not cut");
});

// ------------------------------------------------------------- files and fetching

test("reads gzip-compressed and already inflated files alike", async () => {
  const zipped = await open({ ...FACETED, gzip: true });
  const raw = await open({ ...FACETED, gzip: false });
  const first = (m, kind) => {
    const dir = path.dirname(m);
    const name = fs.readdirSync(dir).find((n) => n.startsWith(kind));
    assert.ok(name, kind);
    return fs.readFileSync(path.join(dir, name)).subarray(0, 2);
  };
  for (const kind of ["t0-", "w0-", "f0-", "f2-", "d1-"]) {
    assert.deepEqual([...first(zipped.manifest, kind)], [0x1f, 0x8b], `${kind} gzipped`);
    assert.notDeepEqual([...first(raw.manifest, kind)], [0x1f, 0x8b], `${kind} raw`);
  }
  for (const q of ["school", "rural school"]) {
    const opts = { filters: { topics: ["inclusion"] } };
    const a = await zipped.index.search(q, opts);
    const b = await raw.index.search(q, opts);
    assert.ok(a.total > 0);
    assert.deepEqual(a, b);
  }
});

test("fetches only what a query needs, once", async () => {
  const { index, fetch } = await open({ ...TYPOS, termsPerShard: 2, docsPerBlock: 2 });
  assert.deepEqual(fetch.log.map((u) => path.basename(u)), ["manifest.json"]);

  let n = fetch.log.length;
  await index.search("fort");
  const first = newFetches(fetch, n);
  assert.deepEqual(first.map((f) => f.split("-")[0]).sort(), ["d2", "f0", "t0"], "one term shard, the facets, one block");

  n = fetch.log.length;
  const again = await index.search("fort");
  assert.deepEqual(newFetches(fetch, n), [], "nothing fetched twice");
  assert.deepEqual(docsOf(again), [5]);
  await index.search("fort", { filters: { collection: ["replies"] } });
  assert.deepEqual(newFetches(fetch, n), []);

  // A typo loads the word shards of its first letter, once.
  n = fetch.log.length;
  await index.search("schoal");
  const typo = newFetches(fetch, n);
  assert.deepEqual(typo.filter((f) => f.startsWith("w")).map((f) => f.split("-")[0]), ["w2", "w3", "w4"], "the shards of s words");
  n = fetch.log.length;
  await index.search("shcool");
  assert.deepEqual(newFetches(fetch, n), []);

  // Concurrent queries share their fetches.
  n = fetch.log.length;
  await Promise.all([index.search("math"), index.search("math"), index.search("maths")]);
  const shared = newFetches(fetch, n);
  assert.equal(new Set(shared).size, shared.length, shared.join(" "));
  assert.ok(shared.length > 0);
});

test("resolves file names against the manifest URL and reports failed fetches", async () => {
  const manifest = writeIndex(path.join(TMP, "moved"), RANKING);
  const log = [];
  const fetch = async (url) => {
    log.push(url);
    const u = new URL(url);
    if (u.protocol !== "https:" || !u.pathname.startsWith("/hub/search/index/")) return new Response(null, { status: 404 });
    const file = path.join(path.dirname(manifest), path.basename(u.pathname));
    return fs.existsSync(file) ? new Response(fs.readFileSync(file)) : new Response(null, { status: 404 });
  };
  const index = await openIndex("https://example.org/hub/search/index/manifest.json", { fetch });
  assert.deepEqual(docsOf(await index.search("school")), [3, 1]);
  assert.ok(log.every((u) => u.startsWith("https://example.org/hub/search/index/")));
  fs.unlinkSync(path.join(path.dirname(manifest), `d1-${index.manifest.blocks[1]}.json`));
  await assert.rejects(index.search("rural"), /HTTP 404/);
});

test("search-cli.mjs prints keys and scores as JSON", () => {
  const manifest = writeIndex(path.join(TMP, "cli"), FACETED);
  const queries = path.join(TMP, "cli-queries.json");
  fs.writeFileSync(queries, JSON.stringify([
    { query: "school", prefix: false, filters: { topics: ["inclusion"] }, limit: 2 },
    { query: "rur", prefix: true, filters: {}, limit: 10 },
    { query: "none", prefix: false, filters: {}, limit: 10 },
  ]));
  const run = spawnSync(process.execPath, [path.join(HERE, "search-cli.mjs"), manifest, queries], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [
    { total: 3, hits: [{ key: "practices/doc-4", score: 5 }, { key: "practices/doc-3", score: 4 }] },
    { total: 0, hits: [] },
    { total: 0, hits: [] },
  ]);
});
