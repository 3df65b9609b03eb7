// The search page (/search/, templates/search.html). Searches the static
// index under search/index/ with client.js: reads `q` and the filters from
// the URL (/search/?q=reading&collection=replies&topics=inclusion), searches
// as the reader types (the last word as a prefix), keeps the URL in sync
// with history.replaceState so that a result list can be shared, and shows
// the results page by page ("Show more"), the filters with their counts and
// the number of results in a live region. Index text only ever reaches the
// page as text nodes, never as HTML. Focus moves only when the reader asks
// for more results (to the first new one) or clears the filters.
// A query is in the page's language (`<html lang>`): its words are stemmed
// in it for entries written in it, and match entries in other languages as
// written. Results in every language are shown unless the reader filters
// by language (`?lang=es`): much of a hub is written in one language only.
import { LANGUAGE_GROUP, openIndex } from "./client.js";

// Words this script writes: the page's own (a JSON block its template
// renders in the page's language, from the theme's translation files),
// else English. `say(key, english, {count: 2})` fills {name}s; a plural
// ({one, other}) takes the form of `count` by the page language's rules.
const PAGE_STRINGS = JSON.parse(document.getElementById("calabash-strings")?.textContent || "{}");
const PAGE_LANG = document.documentElement.lang || "en";
function say(key, english, values = {}) {
  let text = PAGE_STRINGS[key] ?? english;
  if (typeof text === "object") {
    const category = new Intl.PluralRules(PAGE_LANG).select(values.count ?? 0);
    text = text[category] ?? text.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? (typeof values[name] === "number" ? values[name].toLocaleString(PAGE_LANG) : String(values[name])) : whole);
}

const PAGE_SIZE = 10;
/** Milliseconds after the last keystroke before searching. */
const TYPING_DELAY = 100;
/** Milliseconds of quiet typing before the live region speaks a new count. */
const ANNOUNCE_DELAY = 700;
/** Filter values shown per group before a "Show all" button. */
const VALUES_SHOWN = 8;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];

const $ = (id) => document.getElementById(id);
const form = $("search-form");
const input = $("search-q");
const status = $("search-status");
const layout = $("search-layout");
const filtersBox = $("search-filters");
const facetsBox = $("search-facets");
const filterCount = $("search-filter-count");
const clearButton = $("search-clear");
const list = $("search-results");
const moreButton = $("search-more");

/** What is searched: the query and, per facet group, the chosen value ids. */
const state = { query: "", filters: new Map(), shown: 0 };
/** The facet groups' checkboxes, by group name. */
const groupViews = new Map();
let ticket = 0; // the newest search; answers to older ones are dropped
let typingTimer = 0;
let announceTimer = 0;
let uid = 0;
/** The facets last shown, so that "Show all" can redraw them. */
let lastFacets = [];
/** Groups whose values are counted: those the reader has opened. Each
 * group's data is fetched only then, which spares slow connections. */
const counted = new Set(["collection", LANGUAGE_GROUP]);
/** The page's language: the language queries are in. */
const pageLang = document.documentElement.lang;
let readyIndex = null;

if (form && input && status && list) start();

function start() {
  readUrl();
  input.value = state.query;
  if (filtersBox && matchMedia("(min-width: 52rem)").matches) filtersBox.open = true;
  if (state.query) announce(say("searching", "Searching…"), 0);
  const ready = openIndex(new URL("index/manifest.json", import.meta.url).href);
  readyIndex = ready;
  ready.catch(fail);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    search(ready, "submit");
  });
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => search(ready, "typing"), TYPING_DELAY);
  });
  moreButton?.addEventListener("click", () => search(ready, "more"));
  clearButton?.addEventListener("click", () => {
    state.filters.clear();
    for (const view of groupViews.values()) for (const item of view.items.values()) item.input.checked = false;
    filtersBox?.querySelector("summary")?.focus();
    search(ready, "filter");
  });
  facetsBox?.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    const chosen = state.filters.get(box.name) || new Set();
    if (box.checked) chosen.add(box.value);
    else chosen.delete(box.value);
    if (chosen.size) state.filters.set(box.name, chosen);
    else state.filters.delete(box.name);
    search(ready, "filter");
  });
  search(ready, "load");
}

/** Reads `q` and the filters (every other parameter) from the address. */
function readUrl() {
  const params = new URLSearchParams(location.search);
  state.query = (params.get("q") || "").trim();
  for (const [name, value] of params) {
    if (name === "q" || !value) continue;
    if (!state.filters.has(name)) state.filters.set(name, new Set());
    state.filters.get(name).add(value);
  }
}

/** Writes the query and filters into the address, without a new history entry. */
function writeUrl() {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const [name, values] of state.filters) for (const value of values) params.append(name, value);
  const search = params.toString();
  const url = location.pathname + (search ? "?" + search : "") + location.hash;
  if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
}

/** Drops filters the index does not know (groups or values); true if any. */
function pruneFilters(groups) {
  let pruned = false;
  for (const [name, values] of state.filters) {
    const group = groups.find((g) => g.name === name);
    for (const value of values) {
      if (!group || !group.values.some((v) => v[0] === value)) {
        values.delete(value);
        pruned = true;
      }
    }
    if (!values.size) state.filters.delete(name);
  }
  return pruned;
}

/** `from`: "load", "typing", "submit", "filter", "more" or "counts" (a
 * filter group was opened and needs its counts). */
async function search(ready, from) {
  const more = from === "more";
  const mine = ++ticket;
  if (!more) {
    state.query = input.value.trim();
    writeUrl();
  }
  if (!state.query) {
    clearTimeout(announceTimer);
    status.textContent = "";
    list.replaceChildren();
    state.shown = 0;
    if (layout) layout.hidden = true;
    return;
  }
  let index;
  try {
    index = await ready;
  } catch {
    return; // fail() has said so
  }
  if (mine !== ticket) return;
  if (pruneFilters(index.manifest.facets)) writeUrl();
  const filters = {};
  for (const [name, values] of state.filters) filters[name] = [...values];
  list.setAttribute("aria-busy", "true");
  let result;
  try {
    result = await index.search(state.query, {
      prefix: true,
      filters,
      limit: PAGE_SIZE,
      offset: more ? state.shown : 0,
      counts: [...counted],
      lang: pageLang,
    });
  } catch (error) {
    if (mine === ticket) error?.name === "QueryError" ? refuse(error) : fail(error);
    return;
  } finally {
    if (mine === ticket) list.removeAttribute("aria-busy");
  }
  if (mine !== ticket) return;
  show(result, from);
}

function show(result, from) {
  const more = from === "more";
  status.classList.remove("search-error");
  if (layout) layout.hidden = false;
  if (!more) list.replaceChildren();
  const first = list.children.length;
  for (const hit of result.hits) list.append(hitItem(hit));
  state.shown = list.children.length;
  if (moreButton) moreButton.hidden = state.shown >= result.total || result.hits.length === 0;
  if (more) {
    // The button may now be hidden: take the reader to the first new result.
    list.children[first]?.querySelector("a")?.focus();
  }
  showFacets(result.facets || []);
  if (from !== "counts") announce(countText(result.total), from === "typing" ? ANNOUNCE_DELAY : 0);
}

function countText(total) {
  const q = say("quoted", "“{query}”", { query: state.query });
  const chosen = [...state.filters.values()].reduce((n, s) => n + s.size, 0);
  const filtered = chosen ? say("with_filters", { one: " with {count} filter", other: " with {count} filters" }, { count: chosen }) : "";
  if (total === 0) return say("no_results", "No results for {query}{filtered}.", { query: q, filtered });
  return say("results", { one: "{count} result for {query}{filtered}", other: "{count} results for {query}{filtered}" }, { count: total, query: q, filtered });
}

/** Sets the live region's text, at once or after `delay` ms of quiet. */
function announce(text, delay) {
  clearTimeout(announceTimer);
  if (delay) announceTimer = setTimeout(() => (status.textContent = text), delay);
  else status.textContent = text;
}

/** What to change in a query past the limits, in the page's language. */
function refusal(error) {
  const { limit, max, count } = error;
  if (limit === "words") {
    return say("too_many_words", "The query has {count} different words, and search takes at most {max}: leave some out.", { count, max });
  }
  if (limit === "chars") return say("too_long", "The query is longer than {max} characters: shorten it to a few words.", { max });
  return `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
}

/** A query past the limits: says what to change, and shows no results. */
function refuse(error) {
  clearTimeout(announceTimer);
  list.replaceChildren();
  state.shown = 0;
  if (layout) layout.hidden = true;
  if (moreButton) moreButton.hidden = true;
  status.classList.add("search-error");
  status.textContent = refusal(error);
}

function fail(error) {
  console.warn("search:", error);
  ++ticket;
  clearTimeout(announceTimer);
  list.removeAttribute("aria-busy");
  if (layout) layout.hidden = true;
  status.classList.add("search-error");
  status.textContent = say(
    "unavailable",
    "Sorry, search is not available right now: the search index could not be loaded. " +
      "Please try again later, or browse the hub by section (in the menu at the top of the page) " +
      "or by topic, country and level (at the foot of the page).",
  );
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The link of a result, if it is a web address (never `javascript:` or the like). */
function safeHref(url) {
  try {
    const resolved = new URL(String(url), location.href);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? String(url) : null;
  } catch {
    return null;
  }
}

/** `2025-03-14` → `14 March 2025`, as the theme's pages write dates; in
 * another language, as the browser writes a long date in it (`14 de marzo
 * de 2025`). */
function readableDate(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !MONTHS[+m[2] - 1]) return date;
  if (PAGE_LANG === "en" || PAGE_LANG.startsWith("en-")) return `${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}`;
  const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(PAGE_LANG, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(day);
}

function hitItem(hit) {
  const item = element("li", "card search-hit");
  const heading = element("h3", "card-title");
  const href = safeHref(hit.url);
  const link = element(href ? "a" : "span", "", hit.title || hit.key || "");
  if (href) link.setAttribute("href", href);
  // An entry in another language than the page's says so (WCAG 3.1.2).
  const otherLang = hit.lang && hit.lang !== pageLang ? hit.lang : "";
  if (otherLang) link.lang = otherLang;
  heading.append(link);
  item.append(heading);

  const meta = element("p", "card-meta");
  if (hit.collectionTitle) meta.append(" ", element("span", "meta-item", hit.collectionTitle));
  const isExpert = hit.collection === "experts";
  if (hit.date && !isExpert) {
    const when = element("span", "meta-item");
    const time = element("time", "", readableDate(hit.date));
    time.dateTime = hit.date;
    when.append(time);
    meta.append(" ", when);
  }
  if (meta.childNodes.length) item.append(meta);

  // The client falls back to the summary itself when the text has no match.
  if (hit.snippet.length) {
    const text = element("p", "card-summary");
    if (otherLang) text.lang = otherLang;
    for (const [words, marked] of hit.snippet) {
      text.append(marked ? element("mark", "", words) : document.createTextNode(String(words)));
    }
    item.append(text);
  }
  return item;
}

/** Shows the facet groups as fieldsets of checkboxes with counts. Existing
 * checkboxes are updated in place (never re-created or moved), so the one
 * the reader just ticked keeps its focus. */
function showFacets(facets) {
  if (!facetsBox || !filtersBox) return;
  lastFacets = facets;
  let anyShown = false;
  for (const facet of facets) {
    let view = groupViews.get(facet.name);
    if (!view) {
      view = groupView(facet);
      groupViews.set(facet.name, view);
      facetsBox.append(view.root);
    }
    const chosen = state.filters.get(facet.name) || new Set();
    let previous = null;
    const candidates = [];
    for (const value of facet.values) {
      let item = view.items.get(value.id);
      if (!item) {
        item = valueItem(facet.name, value);
        view.items.set(value.id, item);
        if (previous) previous.li.after(item.li);
        else view.list.prepend(item.li);
      }
      previous = item;
      item.input.checked = chosen.has(value.id);
      // A group not yet opened has no counts: its values show without one.
      item.count.textContent = value.count === null ? "" : `(${value.count})`;
      item.countValue = value.count ?? 0;
      if (value.count === null || value.count > 0 || item.input.checked) candidates.push(item);
    }
    // Beyond VALUES_SHOWN: the chosen ones, then the most frequent, unless expanded.
    let shown = new Set(candidates);
    const long = candidates.length > VALUES_SHOWN;
    if (long && !view.expanded) {
      const ranked = [...candidates].sort(
        (a, b) => b.input.checked - a.input.checked || b.countValue - a.countValue,
      );
      shown = new Set(ranked.slice(0, VALUES_SHOWN));
    }
    for (const item of view.items.values()) {
      // Never hide the control that has the focus.
      item.li.hidden = !shown.has(item) && !item.li.contains(document.activeElement);
    }
    view.toggle.hidden = !long;
    view.toggle.textContent = view.expanded ? say("show_fewer", "Show fewer") : say("show_all", "Show all {count}", { count: candidates.length });
    view.toggle.setAttribute("aria-expanded", String(Boolean(view.expanded)));
    view.root.hidden = candidates.length === 0;
    anyShown ||= candidates.length > 0;
  }
  const chosen = [...state.filters.values()].reduce((n, s) => n + s.size, 0);
  if (filterCount) filterCount.textContent = chosen ? say("chosen", " ({count} chosen)", { count: chosen }) : "";
  if (clearButton) clearButton.hidden = chosen === 0;
  filtersBox.hidden = !anyShown;
}

/** A group's title: the interface's words for the entries' type and
 * language, the hub's own for its vocabularies. */
function groupTitle(facet) {
  if (facet.name === "collection") return say("group_type", "Type");
  if (facet.name === LANGUAGE_GROUP) return say("group_language", "Language");
  return facet.title || facet.name;
}

function groupView(facet) {
  const title = groupTitle(facet);
  const root = element("details", "facet-group");
  root.open = counted.has(facet.name);
  const fieldset = element("fieldset");
  fieldset.append(element("legend", "visually-hidden", title));
  root.append(element("summary", "", title), fieldset);
  root.addEventListener("toggle", () => {
    if (root.open && !counted.has(facet.name)) {
      counted.add(facet.name);
      search(readyIndex, "counts");
    }
  });
  const list = element("ul", "facet-checks");
  list.id = `facet-${++uid}`;
  const toggle = element("button", "facet-toggle");
  toggle.type = "button";
  toggle.hidden = true;
  toggle.setAttribute("aria-controls", list.id);
  fieldset.append(list, toggle);
  const view = { root, fieldset, list, toggle, items: new Map(), expanded: false };
  toggle.addEventListener("click", () => {
    view.expanded = !view.expanded;
    showFacets(lastFacets);
  });
  return view;
}

function valueItem(group, value) {
  const li = element("li");
  const box = element("input");
  box.type = "checkbox";
  box.id = `filter-${++uid}`;
  box.name = group;
  box.value = value.id;
  const label = element("label");
  const name = element("span", "", value.label || value.id);
  // A language is named in itself (Español, Français): marked as such.
  if (group === LANGUAGE_GROUP) name.lang = value.id;
  label.append(name);
  label.htmlFor = box.id;
  const count = element("span", "count");
  label.append(" ", count);
  li.append(box, label);
  return { li, input: box, count, countValue: 0 };
}
