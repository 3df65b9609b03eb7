// Live reload for `calabash serve`, added to every page it serves (never to
// a built site): reloads the page when a rebuild changed it, swaps
// stylesheets in place when only stylesheets changed, and shows the
// problems of a failed rebuild over the page until a rebuild succeeds.

const OVERLAY_ID = "calabash-overlay";
const NOTE =
  "This page shows the last good build. Fix the problems below and save: the page updates by itself.";

// Site paths are compared decoded, with `/x/index.html` meaning `/x/`.
const normalise = (path) => {
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape is compared as it is.
  }
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
};

const here = normalise(location.pathname);
const source = new EventSource(
  "/__calabash/events?page=" + encodeURIComponent(here),
);

// After a lost connection (the server restarted, or stopped a while) the
// site may have changed unseen: reload once the stream is back.
let lost = false;
source.addEventListener("error", () => {
  lost = true;
});
source.addEventListener("open", () => {
  if (lost) location.reload();
});

// Newer pages took every slot the server keeps: reconnecting would take
// one of theirs back, so this page stops listening.
source.addEventListener("evicted", () => source.close());

source.addEventListener("change", (event) => {
  const { paths = [], all = false } = JSON.parse(event.data);
  const changed = paths.map(normalise);
  if (all || changed.includes(here)) {
    location.reload();
  } else if (changed.some((p) => p.endsWith(".css"))) {
    swapStylesheets(changed);
  }
});

source.addEventListener("problems", (event) => {
  const { problems = [] } = JSON.parse(event.data);
  document.getElementById(OVERLAY_ID)?.remove();
  if (problems.length > 0) document.body.append(overlay(problems));
});

// The new sheet replaces the old only once loaded, so the page never shows
// unstyled.
function swapStylesheets(changed) {
  for (const link of document.querySelectorAll('link[rel~="stylesheet" i]')) {
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !changed.includes(normalise(url.pathname))) {
      continue;
    }
    url.searchParams.set("v", String(Date.now()));
    const fresh = link.cloneNode();
    fresh.href = url.href;
    fresh.addEventListener("load", () => link.remove(), { once: true });
    fresh.addEventListener("error", () => fresh.remove(), { once: true });
    link.after(fresh);
  }
}

document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-calabash-dismiss]")) {
    document.getElementById(OVERLAY_ID)?.remove();
  }
});

// The same markup as the server's (src/serve/live.rs), all text set with
// textContent so nothing in a problem is read as HTML.
function overlay(problems) {
  const make = (tag, style, text) => {
    const node = document.createElement(tag);
    if (style) node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const panel = make(
    "section",
    "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:80vh;overflow:auto;z-index:2147483647;box-sizing:border-box;padding:1rem 1.25rem;background:#111;color:#fff;border:3px solid #ff6b6b;border-radius:6px;font:16px/1.5 system-ui,sans-serif;text-align:left;box-shadow:0 4px 24px rgba(0,0,0,.5)",
  );
  panel.id = OVERLAY_ID;
  panel.setAttribute("role", "alert");
  panel.setAttribute("aria-labelledby", OVERLAY_ID + "-title");
  const title = make(
    "h2",
    "margin:0 0 .5rem;font-size:1.25rem;color:#ffb3b3",
    "The site could not be rebuilt",
  );
  title.id = OVERLAY_ID + "-title";
  const list = make("ol", "margin:0;padding-left:1.5rem");
  for (const problem of problems) {
    const item = make("li", "margin:0 0 1rem");
    const where = make("p", "margin:0");
    const place = problem.line ? `line ${problem.line}:${problem.column}` : "whole file";
    where.append(make("strong", "", problem.path), ` (${place}): ${problem.message}`);
    item.append(where);
    if (problem.hint) {
      item.append(make("p", "margin:.25rem 0 0;color:#c8f7c5", "Hint: " + problem.hint));
    }
    item.append(
      make(
        "pre",
        "margin:.5rem 0 0;padding:.5rem;overflow:auto;white-space:pre-wrap;background:#000;color:#eee;font:14px/1.4 ui-monospace,monospace",
        problem.rendered,
      ),
    );
    list.append(item);
  }
  const hide = make(
    "button",
    "font:inherit;padding:.25rem 1rem;background:#fff;color:#111;border:2px solid #fff;border-radius:4px;cursor:pointer",
    "Hide",
  );
  hide.type = "button";
  hide.setAttribute("data-calabash-dismiss", "");
  panel.append(title, make("p", "margin:0 0 .75rem", NOTE), list, hide);
  return panel;
}
