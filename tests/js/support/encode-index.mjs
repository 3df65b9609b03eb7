// A tiny writer of static search indexes (docs/search-index.md) for the
// client's tests: it encodes what it is given (scores are given, not
// computed), so each test states exactly the postings it searches.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

export function varint(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 128;
    out.push(b);
  } while (n > 0);
  return out;
}

export function string(s) {
  const bytes = Buffer.from(s, "utf8");
  return [...varint(bytes.length), ...bytes];
}

// UTF-8 byte order, which is code-point order.
const byCodePoint = (a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

export function fnv1a64(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

/** A file's hash in its name: the high 32 bits of FNV-1a 64, 8 hex digits. */
export const shortHash = (bytes) => (fnv1a64(bytes) >> 32n).toString(16).padStart(8, "0");

function gaps(docs) {
  let last = 0;
  return docs.flatMap((d) => {
    const g = varint(d - last);
    last = d;
    return g;
  });
}

function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length ? out : [[]];
}

/**
 * Writes an index into `dir` and returns the manifest's path. `spec`:
 * - docs: rows [key, url, title, collection index, summary, date, text]
 * - terms: { stem: [[doc, score], ...] } (any order; score as a float)
 * - words: { word: document frequency }
 * - exact: { word: [doc, ...] } (an index of several languages: its
 *   exact-word shards, split by the documents' languages of the `lang`
 *   group; `language` is then the site's language)
 * - groups: [{ name, title, values: [[id, label, [doc, ...]]] }]
 * - termsPerShard, wordsPerShard, docsPerBlock, languages, scoreScale,
 *   prefixExpansions, typoMinLength, typoExpansions, gzip (default true), docCount,
 *   language
 */
export function writeIndex(dir, spec) {
  const {
    docs = [],
    terms = {},
    words = {},
    exact = null,
    language = null,
    groups = [{ name: "collection", title: "Type", values: [] }],
    termsPerShard = 4,
    wordsPerShard = 4,
    docsPerBlock = 4,
    languages = ["en"],
    scoreScale = 10000,
    prefixExpansions = 10,
    typoMinLength = 4,
    typoExpansions = 10,
    gzip = true,
    docCount = docs.length,
  } = spec;
  fs.mkdirSync(dir, { recursive: true });
  // Writes the n-th file of a kind; returns its hash, as the manifest lists it.
  const write = (kind, n, bytes) => {
    let data = Buffer.from(bytes);
    if (gzip) data = zlib.gzipSync(data, { level: 9 });
    const hash = shortHash(data);
    fs.writeFileSync(path.join(dir, `${kind}${n}-${hash}.${kind === "d" ? "json" : "bin"}`), data);
    return hash;
  };
  const shards = (kind, entries, size, encode) =>
    chunks(entries, size).map((chunk, i) => [i === 0 ? "" : chunk[0][0], write(kind, i, encode(chunk))]);

  const termList = Object.entries(terms)
    .map(([t, ps]) => [t, [...ps].sort((a, b) => a[0] - b[0])])
    .sort((a, b) => byCodePoint(a[0], b[0]));
  const termShards = shards("t", termList, termsPerShard, (chunk) => {
    const postings = chunk.map(([, ps]) => {
      const scores = ps.map((p) => Math.round(p[1] * scoreScale));
      const distinct = [...new Set(scores)].sort((a, b) => a - b);
      return [
        ...varint(distinct.length),
        ...gaps(distinct),
        ...gaps(ps.map((p) => p[0])),
        ...scores.flatMap((s) => varint(distinct.indexOf(s))),
      ];
    });
    return [
      ...varint(chunk.length),
      ...chunk.flatMap(([t, ps], i) => [...string(t), ...varint(ps.length), ...varint(postings[i].length)]),
      ...postings.flat(),
    ];
  });

  const wordList = Object.entries(words).sort((a, b) => byCodePoint(a[0], b[0]));
  const wordShards = shards("w", wordList, wordsPerShard, (chunk) => [
    ...varint(chunk.length),
    ...chunk.flatMap(([w, df]) => [...string(w), ...varint(df)]),
  ]);

  const langOf = new Map();
  for (const [lang, , ds] of groups.find((g) => g.name === "lang")?.values ?? []) for (const d of ds) langOf.set(d, lang);
  const exactShards = {};
  for (const lang of exact ? languages : []) {
    const list = Object.entries(exact)
      .map(([w, ds]) => [w, ds.filter((d) => langOf.get(d) === lang).sort((a, b) => a - b)])
      .filter(([, ds]) => ds.length)
      .sort((a, b) => byCodePoint(a[0], b[0]));
    if (!list.length) continue;
    exactShards[lang] = shards(`x${lang}`, list, termsPerShard, (chunk) => [
      ...varint(chunk.length),
      ...chunk.flatMap(([w, ds]) => [...string(w), ...varint(ds.length), ...varint(gaps(ds).length)]),
      ...chunk.flatMap(([, ds]) => gaps(ds)),
    ]);
  }

  const blocks = chunks(docs, docsPerBlock).map((rows, i) => write("d", i, Buffer.from(JSON.stringify(rows))));
  const manifest = {
    version: 1,
    docs: docCount,
    languages,
    score_scale: scoreScale,
    prefix_expansions: prefixExpansions,
    typo_min_length: typoMinLength,
    typo_expansions: typoExpansions,
    docs_per_block: docsPerBlock,
    blocks,
    terms: termShards,
    words: wordShards,
    facets: groups.map((g, i) => ({
      name: g.name,
      title: g.title,
      file: write("f", i, g.values.flatMap(([, , ds]) => [...varint(ds.length), ...gaps([...ds].sort((a, b) => a - b))])),
      values: g.values.map(([id, label, ds]) => [id, label, ds.length]),
    })),
  };
  if (exact) {
    manifest.language = language ?? languages[0];
    manifest.exact = exactShards;
  }
  const file = path.join(dir, "manifest.json");
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  return file;
}

/** A fetch reading file: URLs from disk; every URL asked for is pushed to `log`. */
export function diskFetch(log = []) {
  const fetch = async (url) => {
    log.push(String(url));
    try {
      return new Response(fs.readFileSync(new URL(url)));
    } catch {
      return new Response(null, { status: 404 });
    }
  };
  fetch.log = log;
  return fetch;
}

export const fileUrl = (p) => pathToFileURL(p).href;
