// Expert directory: turns the server-rendered filter links (nav[data-facets])
// into one <select> per facet that filters the cards in place, announces the
// number shown, and keeps the URL query (?expertise=assessment) in sync.
// Without JavaScript the filter links still lead to the filter pages.
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
    select.add(new Option("All", ""));
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
    const noun = (n) => (n === 1 ? " expert" : " experts");
    status.textContent = shown + noun(shown) + " shown";
    if (count) count.textContent = shown === cards.length ? shown + noun(shown) : shown + " of " + cards.length + noun(cards.length);
    if (fromUser) {
      const q = new URLSearchParams();
      for (const s of selects) if (s.value) q.set(s.name, s.value);
      const search = q.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
  }
  apply(false);
}
