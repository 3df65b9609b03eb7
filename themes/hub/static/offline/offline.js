// Offline reading, where scripts and service workers run: the saved-pages
// page lists the pages kept on this device (with a button to remove each,
// and all), and says so when the service worker shows it for a page not
// saved; a collection's list page offers to save all its pages, telling
// their size before anything downloads. The service worker (/sw.js) keeps
// what is fetched; this script only reads and empties its cache.

// Words this script writes come from the page, in its language: the
// data-* attributes of the element it works in (`data-save-yes` is
// `say(box, "saveYes")`), with {name}s filled.
const LANG = document.documentElement.lang || "en";
function say(element, key, values = {}) {
  return (element.dataset[key] || "").replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? (typeof values[name] === "number" ? values[name].toLocaleString(LANG) : String(values[name])) : whole);
}

const PAGES = "calabash-pages";
const FILES = "calabash-files";
const supported = "serviceWorker" in navigator && "caches" in window;

/** 1234567 bytes → "1.2 MB" in the page's language. */
function size(bytes) {
  const [value, unit] = bytes >= 100e3 ? [bytes / 1e6, "megabyte"] : [Math.max(bytes / 1e3, 1), "kilobyte"];
  return new Intl.NumberFormat(LANG, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

/** The pages kept on this device: address and title, by title. */
async function savedPages() {
  const cache = await caches.open(PAGES);
  const pages = await Promise.all((await cache.keys()).map(async (request) => {
    const response = await cache.match(request);
    const written = decodeURIComponent(response?.headers.get("x-calabash-title") || "");
    // The title as the page's <title> holds it, escaped, without the hub's name.
    const title = new DOMParser().parseFromString(written, "text/html").documentElement.textContent;
    const parts = title.split(" · ");
    return { url: request.url, title: (parts.length > 1 ? parts.slice(0, -1).join(" · ") : title) || new URL(request.url).pathname };
  }));
  return pages.sort((a, b) => a.title.localeCompare(b.title, LANG));
}

async function showSaved(page) {
  const heading = document.getElementById("saved-title");
  const here = new URL(document.querySelector('link[rel="canonical"]').href).pathname;
  if (location.pathname !== here) {
    // The worker shows this page for one not saved, offline.
    heading.textContent = say(page, "offline");
    document.title = heading.textContent;
    document.getElementById("offline-notice").hidden = false;
  }
  if (!supported) return;
  document.getElementById("saved-unsupported").hidden = true;
  document.getElementById("saved").hidden = false;
  const list = document.getElementById("saved-list");
  const clear = document.getElementById("saved-clear");
  const status = document.getElementById("saved-status");
  const fill = async () => {
    const pages = await savedPages();
    list.replaceChildren(...pages.map((saved) => {
      const item = document.createElement("li");
      const link = Object.assign(document.createElement("a"), { href: saved.url, textContent: saved.title });
      const remove = Object.assign(document.createElement("button"), { type: "button" });
      const which = Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: ` ${saved.title}` });
      remove.append(say(page, "remove"), which);
      remove.addEventListener("click", async () => {
        await (await caches.open(PAGES)).delete(saved.url);
        status.textContent = say(page, "removed", { title: saved.title });
        await fill();
        (list.querySelector("button") ?? heading).focus();
      });
      item.append(link, " ", remove);
      return item;
    }));
    document.getElementById("saved-empty").hidden = pages.length > 0;
    clear.hidden = pages.length === 0;
  };
  clear.addEventListener("click", async () => {
    await Promise.all([caches.delete(PAGES), caches.delete(FILES)]);
    status.textContent = say(page, "allRemoved");
    await fill();
    heading.focus();
  });
  await fill();
}

/** A collection's "save all" button: shown once a service worker controls the page. */
function setUpSave(box) {
  if (!supported) return;
  const show = () => { box.hidden = !navigator.serviceWorker.controller; };
  show();
  navigator.serviceWorker.addEventListener("controllerchange", show);
  const [start, confirm, status] = ["save-start", "save-confirm", "save-status"].map((c) => box.querySelector(`.${c}`));
  const [question, yes, no] = ["save-question", "save-yes", "save-no"].map((c) => box.querySelector(`.${c}`));
  let list = null;
  start.addEventListener("click", async () => {
    status.textContent = "";
    try {
      const response = await fetch(box.dataset.saveList);
      if (!response.ok) throw new Error(`${box.dataset.saveList}: HTTP ${response.status}`);
      list = await response.json();
    } catch (error) {
      console.warn("offline:", error);
      status.textContent = say(box, "unavailable");
      return;
    }
    const values = { count: list.urls.length, size: size(list.bytes) };
    question.textContent = say(box, "question", values);
    yes.textContent = say(box, "yes", values);
    confirm.hidden = false;
    yes.focus();
  });
  no.addEventListener("click", () => { confirm.hidden = true; start.focus(); });
  yes.addEventListener("click", async () => {
    confirm.hidden = true;
    start.disabled = true;
    const queue = [...list.urls];
    const count = queue.length;
    let done = 0;
    let failed = 0;
    const fetchNext = async () => {
      while (queue.length) {
        const url = queue.shift();
        try {
          // The worker keeps the page before answering (x-calabash-save).
          const response = await fetch(url, { headers: { "x-calabash-save": "1" } });
          if (!response.ok) failed++;
        } catch {
          failed++;
        }
        done++;
        if (done % 10 === 0 || done === count) {
          status.textContent = say(box, "progress", { done, count });
        }
      }
    };
    status.textContent = say(box, "progress", { done, count });
    await Promise.all([1, 2, 3, 4].map(fetchNext));
    start.disabled = false;
    status.textContent = failed
      ? say(box, "failed", { failed, count })
      : say(box, "done", { count });
  });
}

/** The search page, offline: a search that needs a part of the index not
 * saved on this device says so, rather than that search is unavailable. */
function explainOfflineSearch(status) {
  const explain = () => {
    const text = say(status, "offline");
    if (!navigator.onLine && status.classList.contains("search-error") && status.textContent !== text) {
      status.textContent = text;
    }
  };
  new MutationObserver(explain).observe(status, { childList: true, characterData: true, subtree: true, attributes: true });
}

const savedPage = document.querySelector("[data-saved-page]");
if (savedPage) showSaved(savedPage);
for (const box of document.querySelectorAll("[data-save-list]")) setUpSave(box);
const searchStatus = document.querySelector("#search-status[data-offline]");
if (searchStatus) explainOfflineSearch(searchStatus);
