// Search client for the static index `calabash build` exports to
// /search/index/. The file format and the query semantics, which rank
// exactly as `calabash search` does, are in docs/search-index.md.
// An ES module with no dependencies, for browsers and node >= 18:
//
//   const index = await openIndex("/search/index/manifest.json");
//   const { total, hits, facets } = await index.search("rural teachers", { prefix: true, lang: "en" });

const TOKEN = /[\p{Alphabetic}\p{N}]+/gu;
/** The longest query searched, in characters (code points), as in `calabash search`. */
export const MAX_QUERY_CHARS = 500;
/** The most different words a query may have (repeated words count once). */
export const MAX_QUERY_WORDS = 16;
const SNIPPET = 160; // characters around the first marked word
const BEFORE = 40; // of which before it
/** Languages with a stemmer (stem-<tag>.js); entries in others are indexed as English. */
export const LANGUAGES = ["en", "es", "fr", "nl"];
/** The facet group of the entries' languages, on indexes with several. */
export const LANGUAGE_GROUP = "lang";
const utf8 = new TextDecoder();
const bytesOf = new TextEncoder();

// Analysis steps 1-3, with each token's position: [word, start, end].
function scan(text) {
  const out = [];
  for (const m of String(text).matchAll(TOKEN)) {
    const t = m[0];
    // RemoveLongFilter(40) counts UTF-8 bytes: at most 3 per UTF-16 unit.
    if (t.length > 13 && bytesOf.encode(t).length >= 40) continue;
    // Lower-cased one character at a time: only Σ depends on its neighbours.
    out.push([t.replaceAll("Σ", "σ").toLowerCase(), m.index, m.index + t.length]);
  }
  return out;
}

/** The lower-cased tokens of `text` (analysis steps 1-3). */
export const tokenize = (text) => scan(text).map((t) => t[0]);

/** A refused query; `message` says what to do, in `calabash search`'s words;
 * `limit` which limit it passed ("chars" or "words"), `max` that limit and
 * `count` the query's words, so that a page can say it in its language. */
export class QueryError extends Error {
  constructor(message, { limit, max, count } = {}) {
    super(message);
    this.name = "QueryError";
    Object.assign(this, { limit, max, count });
  }
}

/** The words searched for: the query's tokens, each once, at its last place
 * (the word being typed stays last); a QueryError past the limits. */
export function queryWords(query) {
  const text = String(query ?? "");
  // More than twice the limit in UTF-16 units is over it in code points.
  if (text.length > MAX_QUERY_CHARS && (text.length > 2 * MAX_QUERY_CHARS || [...text].length > MAX_QUERY_CHARS)) {
    throw new QueryError(`the query is longer than ${MAX_QUERY_CHARS} characters: shorten it to a few words`, {
      limit: "chars",
      max: MAX_QUERY_CHARS,
    });
  }
  const tokens = tokenize(text);
  const last = new Map(tokens.map((w, i) => [w, i]));
  const words = tokens.filter((w, i) => last.get(w) === i);
  const n = words.length, most = MAX_QUERY_WORDS;
  if (n > most) {
    const message = `the query has ${n} different words, and search takes at most ${most}: leave some out`;
    throw new QueryError(message, { limit: "words", max: most, count: n });
  }
  return words;
}

/** Compares strings by Unicode code point (UTF-8 byte order). */
export function compare(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after U+E000-U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

// Index of the last element of sorted `list` whose key is <= s (-1 if none).
function floor(list, s, key = (x) => x) {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(key(list[mid]), s) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// Whether code-point arrays a and b are at edit distance exactly 1
// (one insertion, deletion or replacement, or two adjacent characters swapped).
function oneEdit(a, b) {
  const la = a.length, lb = b.length, m = Math.min(la, lb);
  if (Math.abs(la - lb) > 1) return false;
  let i = 0, j = 0;
  while (i < m && a[i] === b[i]) i++;
  while (j < m - i && a[la - 1 - j] === b[lb - 1 - j]) j++;
  if (la !== lb) return i + j === m;
  const d = la - i - j;
  return d === 1 || (d === 2 && a[i] === b[i + 1] && a[i + 1] === b[i]);
}

class Reader {
  constructor(bytes) {
    this.b = bytes;
    this.p = 0;
  }
  // Unsigned LEB128; exact up to 2^53.
  int() {
    let x = 0, scale = 1, c;
    do {
      c = this.b[this.p++];
      if (c === undefined) throw new Error("search index: truncated file");
      x += (c & 127) * scale;
      scale *= 128;
    } while (c & 128);
    return x;
  }
  str() {
    const n = this.int();
    return utf8.decode(this.b.subarray(this.p, (this.p += n)));
  }
  // count × gap-coded numbers (the first from 0).
  docs(count) {
    const out = new Array(count);
    for (let i = 0, d = 0; i < count; i++) out[i] = d += this.int();
    return out;
  }
}

// The primary tag of a BCP 47 language tag, lower-cased: `es-DO` is `es`.
export const primaryTag = (lang) => String(lang ?? "").split("-")[0].toLowerCase();

// A shard of keys with their postings: n, then each key, its document
// frequency and its postings' length in bytes, then the postings, which
// `read(reader, df)` decodes.
function postingShard(bytes, read) {
  const r = new Reader(bytes), n = r.int(), terms = new Array(n), at = new Array(n + 1);
  const dfs = new Array(n);
  at[0] = 0;
  for (let i = 0; i < n; i++) {
    terms[i] = r.str();
    dfs[i] = r.int();
    at[i + 1] = at[i] + r.int();
  }
  const base = r.p;
  return {
    terms,
    postings(i) {
      const p = new Reader(bytes);
      p.p = base + at[i];
      return read(p, dfs[i]);
    },
  };
}

// Term shards: the postings of term i are [document numbers, integer
// scores]. The term's distinct scores come first, each document then names
// one of them.
const termShard = (bytes) =>
  postingShard(bytes, (p, df) => {
    const scores = p.docs(p.int());
    const docs = p.docs(df);
    return [docs, docs.map(() => scores[p.int()])];
  });

// Exact-word shards: a word's postings are its documents only.
const exactShard = (bytes) => postingShard(bytes, (p, df) => p.docs(df));

function wordShard(bytes) {
  const r = new Reader(bytes), n = r.int(), out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [r.str(), r.int()];
  return out;
}

async function inflate(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Opens the index whose manifest is at `manifestUrl`. */
export async function openIndex(manifestUrl, { fetch = globalThis.fetch } = {}) {
  const base = new URL(manifestUrl, globalThis.location?.href);
  const res = await fetch(base.href);
  if (!res.ok) throw new Error(`${base.href}: HTTP ${res.status}`);
  const manifest = JSON.parse(utf8.decode(await inflate(new Uint8Array(await res.arrayBuffer()))));
  if (manifest.version !== 1) throw new Error(`search index version ${manifest.version} is not supported`);
  const stemmers = await Promise.all(
    manifest.languages.map((lang) =>
      import(new URL(`./stem-${lang}.js`, import.meta.url)).then((m) => m.stem),
    ),
  );
  return new SearchIndex(manifest, base, fetch, new Map(manifest.languages.map((l, i) => [l, stemmers[i]])));
}

export class SearchIndex {
  // `stemmers`: language tag -> stem function, for the manifest's languages.
  constructor(manifest, base, fetch, stemmers) {
    this.manifest = manifest;
    this.base = base;
    this.fetch = (...request) => fetch(...request); // unbound, as the browser's must be
    this.stemmers = new Map([...stemmers].map(([lang, stem]) => [lang, [stem, new Map()]]));
    this.files = new Map(); // file name -> promise of its parsed content
    this.groups = manifest.facets;
    this.postingsOf = new Map(); // "t" or "x<lang>", a space, the stem or word -> promise of postings, or null
  }

  /** The language a query in `lang` is stemmed in (docs/search-index.md,
   * "Query semantics"): on an index of one language, that language; else
   * `lang`'s primary tag (the site's language when empty), English when
   * it has no stemmer, as entries in it are indexed. */
  queryLanguage(lang) {
    const { languages, language } = this.manifest;
    if (languages.length === 1) return languages[0];
    const primary = primaryTag(lang || language || "en");
    return LANGUAGES.includes(primary) ? primary : "en";
  }

  // Each document's language: from the language group, or the one language.
  async docLanguages() {
    const g = this.groups.findIndex((group) => group.name === LANGUAGE_GROUP);
    if (g < 0) return () => this.manifest.languages[0];
    const wanted = this.groups.map((_, i) => i === g);
    const values = (await this.facets(wanted))[g], tags = this.groups[g].values.map((v) => v[0]);
    return (doc) => tags[values[doc]?.[0]];
  }

  // Fetches, inflates and parses a file once: the n-th of its kind in the
  // manifest, named from its hash.
  file(kind, n, hash, parse) {
    const name = `${kind}${n}-${hash}.${kind === "d" ? "json" : "bin"}`;
    let p = this.files.get(name);
    if (!p) {
      p = (async () => {
        const url = new URL(name, this.base).href;
        const res = await this.fetch(url);
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        return parse(await inflate(new Uint8Array(await res.arrayBuffer())));
      })();
      p.catch(() => this.files.delete(name));
      this.files.set(name, p);
    }
    return p;
  }

  // The word's stem in `lang`, one of the manifest's languages (memoised);
  // undefined for another language.
  stem(lang, word) {
    const stemmer = this.stemmers.get(lang);
    if (!stemmer) return undefined;
    const [stem, memo] = stemmer;
    let s = memo.get(word);
    if (s === undefined) memo.set(word, (s = stem(word)));
    return s;
  }

  // A stem's postings [documents, scores] (kind "t"), or the documents of
  // one language an exact word is written in (kind "x<lang>"); null when
  // the index does not have it.
  postings(term, kind = "t") {
    const key = `${kind} ${term}`;
    let p = this.postingsOf.get(key);
    if (!p) {
      const shards = kind === "t" ? this.manifest.terms : this.manifest.exact?.[kind.slice(1)] ?? [];
      const i = floor(shards, term, (s) => s[0]);
      p = i < 0
        ? Promise.resolve(null)
        : this.file(kind, i, shards[i][1], kind === "t" ? termShard : exactShard).then((shard) => {
            const k = floor(shard.terms, term);
            return k >= 0 && shard.terms[k] === term ? shard.postings(k) : null;
          });
      p.catch(() => this.postingsOf.delete(key));
      this.postingsOf.set(key, p);
    }
    return p;
  }

  // The languages of the index other than `lang`.
  others(lang) {
    return this.manifest.languages.filter((l) => l !== lang);
  }

  // A word's alternatives from candidate words, for a query in `lang`: their
  // stems in `lang` and (on an index of several languages) the words
  // themselves, each kept when the index has it. A word only written in
  // documents in `lang` is left out: its stem is there, and it would match
  // nothing more.
  async alternatives(words, lang) {
    const stems = this.manifest.languages.includes(lang) ? [...new Set(words.map((w) => this.stem(lang, w)))] : [];
    const exact = this.manifest.exact ? [...new Set(words)] : [];
    const others = this.others(lang);
    const [s, x] = await Promise.all([
      Promise.all(stems.map((t) => this.postings(t))),
      Promise.all(exact.map((w) => Promise.all(others.map((l) => this.postings(w, `x${l}`))))),
    ]);
    return {
      stems: new Set(stems.filter((_, i) => s[i])),
      words: new Set(exact.filter((_, i) => x[i].some(Boolean))),
    };
  }

  // One word's scores by document: its stems in documents in `lang`; in
  // documents in each other language, its words as written, each scored as
  // its stem in that language (a stem once, however many words share it).
  async wordScores({ stems, words }, lang, langOf) {
    const scores = new Map();
    const add = ([docs, sc], keep) =>
      docs.forEach((d, k) => keep(d) && scores.set(d, (scores.get(d) || 0) + sc[k]));
    for (const p of await Promise.all([...stems].map((t) => this.postings(t)))) add(p, (d) => langOf(d) === lang);
    const parts = [];
    for (const other of this.others(lang)) {
      if (!words.size) continue;
      const byStem = new Map();
      for (const w of words) {
        const t = this.stem(other, w);
        byStem.set(t, [...(byStem.get(t) || []), w]);
      }
      for (const [t, ws] of byStem) parts.push([other, t, ws]);
    }
    await Promise.all(
      parts.map(async ([other, t, ws]) => {
        const [p, ...exact] = await Promise.all([this.postings(t), ...ws.map((w) => this.postings(w, `x${other}`))]);
        const having = new Set(exact.flat().filter((d) => d !== null));
        if (p) add(p, (d) => langOf(d) === other && having.has(d));
      }),
    );
    return scores;
  }

  // Vocabulary words starting with `prefix`: [[word, document frequency]].
  async vocabulary(prefix) {
    const shards = this.manifest.words;
    let i = Math.max(0, floor(shards, prefix, (s) => s[0]));
    const covering = [i];
    while (++i < shards.length && shards[i][0].startsWith(prefix)) covering.push(i);
    const loaded = await Promise.all(covering.map((n) => this.file("w", n, shards[n][1], wordShard)));
    return loaded.flat().filter(([w]) => w.startsWith(prefix));
  }

  // Decoded facets of the groups `wanted` says (null for the others): for
  // each group, each document's value indexes.
  facets(wanted) {
    return Promise.all(
      this.groups.map((g, n) =>
        !wanted[n] ? null : this.file("f", n, g.file, (bytes) => {
          const r = new Reader(bytes), of = new Array(this.manifest.docs);
          g.values.forEach((_, v) => {
            for (const d of r.docs(r.int())) (of[d] ||= []).push(v);
          });
          return of;
        }),
      ),
    );
  }

  block(doc) {
    const { blocks, docs_per_block: per } = this.manifest, n = Math.floor(doc / per);
    return this.file("d", n, blocks[n], (b) => JSON.parse(utf8.decode(b))).then((rows) => rows[doc % per]);
  }

  // `counts`: names of the groups to count values of (all by default); a
  // group's file is loaded only when it is counted or filtered.
  // Throws a QueryError for a query past the limits (see queryWords).
  // `lang`: the language of the query (the page's), see queryLanguage.
  async search(query, { prefix = false, filters = {}, limit = 10, offset = 0, counts, lang } = {}) {
    const m = this.manifest, groups = this.groups, words = queryWords(query);
    const qlang = this.queryLanguage(lang);
    const empty = (a) => !a.stems.size && !a.words.size;
    const alts = await Promise.all(
      words.map(async (word, i) => {
        const last = prefix && i === words.length - 1;
        const candidates = [word];
        if (last) {
          const expansions = (await this.vocabulary(word))
            .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
            .slice(0, m.prefix_expansions);
          candidates.push(...expansions.map((e) => e[0]));
        }
        const own = await this.alternatives(candidates, qlang);
        const chars = [...word];
        if (!empty(own) || chars.length < m.typo_min_length) return own;
        const typos = (await this.vocabulary(chars[0]))
          .filter(([w]) => oneEdit(chars, [...w]))
          .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
          .slice(0, m.typo_expansions ?? Infinity);
        return this.alternatives(typos.map((t) => t[0]), qlang);
      }),
    );

    // Documents matching every word, with their scores (integer sums).
    let scores = null;
    if (words.length && !alts.some(empty)) {
      const langOf = await this.docLanguages();
      const lists = await Promise.all(alts.map((a) => this.wordScores(a, qlang, langOf)));
      for (const word of lists) {
        if (scores) for (const [d, s] of scores) word.has(d) ? scores.set(d, s + word.get(d)) : scores.delete(d);
        else scores = word;
      }
    }

    // Filters and facet counts: a group's counts ignore its own filter.
    const selected = groups.map((g) => {
      const ids = [].concat(filters[g.name] ?? []);
      // Term ids from a URL are matched ignoring case (?countries=jm is JM).
      const at = (id) => g.values.findIndex((v) => v[0].toLowerCase() === String(id).toLowerCase());
      return ids.length ? new Set(ids.map(at)) : null;
    });
    const counted = groups.map((g) => !counts || counts.includes(g.name));
    const tally = groups.map((g) => g.values.map(() => 0));
    const hits = [];
    if (scores?.size) {
      const valuesOf = await this.facets(groups.map((_, i) => counted[i] || selected[i]));
      for (const [d, score] of scores) {
        // The groups whose filter the document fails: counted in none if
        // two or more, in that group's counts only if one, a hit if none.
        let fails = 0, failed = -1;
        selected.forEach((sel, g) => {
          if (sel && !valuesOf[g][d]?.some((v) => sel.has(v))) {
            fails++;
            failed = g;
          }
        });
        if (fails > 1) continue;
        if (!fails) hits.push([d, score]);
        valuesOf.forEach((of, g) => {
          if (of && (!fails || g === failed)) for (const v of of[d] || []) tally[g][v]++;
        });
      }
    }
    hits.sort((a, b) => b[1] - a[1] || a[0] - b[0]);

    // Snippet marks: a query word or a matched word, one of the matched
    // stems in the query's language, or the typed prefix.
    const exact = new Set([...words, ...alts.flatMap((a) => [...a.words])]);
    const stems = new Set(alts.flatMap((a) => [...a.stems]));
    const typed = prefix && words.length ? words[words.length - 1] : null;
    const mark = (t) => exact.has(t) || (typed && t.startsWith(typed)) || stems.has(this.stem(qlang, t));
    const collections = groups[0]?.values ?? [];
    const page = hits.slice(offset, offset + limit);
    return {
      total: hits.length,
      hits: await Promise.all(
        page.map(async ([doc, score]) => {
          const [key, url, title, c, summary, date, text, lang] = await this.block(doc);
          return {
            // The entry's language, where it is not the site's; else the site's
            // (on an index of several languages).
            doc, key, url, title, summary, date, lang: lang || m.language || "",
            collection: collections[c]?.[0],
            collectionTitle: collections[c]?.[1],
            score: score / (m.score_scale || 1),
            snippet: snippet(text, mark) || snippet(summary, mark) || snippet(text || summary, () => false, true),
          };
        }),
      ),
      facets: groups.map((g, i) => ({
        name: g.name,
        title: g.title,
        counted: counted[i],
        values: g.values.map(([id, label], v) => ({
          id, label, count: counted[i] ? tally[i][v] : null, selected: !!selected[i]?.has(v),
        })),
      })),
      words,
    };
  }
}

/**
 * About SNIPPET characters of `text` around its first token that `mark`
 * accepts (or from its start, with `always`), cut at word boundaries, as
 * [text, marked] pairs; null when nothing is marked.
 */
export function snippet(text, mark, always = false) {
  text = String(text ?? "");
  const tokens = scan(text).map(([t, i, j]) => [mark(t), i, j]);
  const first = tokens.find((t) => t[0]);
  if (!first && !always) return null;
  let from = Math.max(0, Math.min((first?.[1] ?? 0) - BEFORE, text.length - SNIPPET));
  let to = from + SNIPPET;
  if (from > 0) from = tokens.find((t) => t[1] >= from)?.[1] ?? from;
  if (to >= text.length) to = text.length;
  else to = tokens.findLast((t) => t[2] <= to && t[1] >= from)?.[2] ?? to;
  const out = [];
  const push = (s, marked) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && last[1] === marked) last[0] += s;
    else out.push([s, marked]);
  };
  if (from > 0) push("… ", false);
  let at = from;
  for (const [marked, i, j] of tokens) {
    if (!marked || i < from || j > to) continue;
    push(text.slice(at, i), false);
    push(text.slice(i, j), true);
    at = j;
  }
  push(text.slice(at, to), false);
  if (to < text.length) push(" …", false);
  return out;
}
