// Expert directory: turns the server-rendered filter links (nav[data-facets])
// into one <select> per facet that filters the cards in place, announces the
// number shown, and keeps the URL query (?expertise=assessment) in sync.
// Without JavaScript the filter links still lead to the filter pages.

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
const nav = document.querySelector("[data-facets]");
const list = document.getElementById("directory");
if (nav && list) {
  const cards = [...list.children];
  const empty = document.getElementById("directory-empty");
  const count = document.getElementById("directory-count");
  const params = new URLSearchParams(location.search);
  const form = document.createElement("form");
  form.className = "dir-filters";
  form.setAttribute("aria-labelledby", "facets-heading");
  const selects = [];
  for (const facet of nav.querySelectorAll("details[data-facet]")) {
    const name = facet.dataset.facet;
    const id = "filter-" + name;
    const wrap = document.createElement("div");
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = facet.dataset.label;
    const select = document.createElement("select");
    select.id = id;
    select.name = name;
    select.add(new Option(say("all", "All"), ""));
    for (const a of facet.querySelectorAll("a[data-value]")) {
      select.add(new Option(a.firstChild.textContent.trim(), a.dataset.value));
    }
    // ?languages=fr or the singular ?language=fr; ?country=jm matches JM.
    const wanted = (params.get(name) || params.get(name.replace(/s$/, "")) || "").toLowerCase();
    select.value = ([...select.options].find((o) => o.value.toLowerCase() === wanted) || select.options[0]).value;
    wrap.append(label, select);
    form.append(wrap);
    selects.push(select);
  }
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "list-meta";
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("change", () => apply(true));
  for (const d of nav.querySelectorAll("details")) d.remove();
  nav.append(form, status);

  function apply(fromUser) {
    let shown = 0;
    for (const card of cards) {
      const ok = selects.every((s) => !s.value || (card.getAttribute("data-" + s.name) || "").split(" ").includes(s.value));
      card.hidden = !ok;
      if (ok) shown++;
    }
    if (empty) empty.hidden = shown > 0;
    status.textContent = say("experts_shown", { one: "{count} expert shown", other: "{count} experts shown" }, { count: shown });
    if (count) {
      count.textContent = shown === cards.length
        ? say("experts", { one: "{count} expert", other: "{count} experts" }, { count: shown })
        : say("experts_of", { one: "{shown} of {count} expert", other: "{shown} of {count} experts" }, { shown, count: cards.length });
    }
    if (fromUser) {
      const q = new URLSearchParams();
      for (const s of selects) if (s.value) q.set(s.name, s.value);
      const search = q.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
  }
  apply(false);
}
