// The service worker of a Calabash site: keeps the pages a reader visited
// (or chose to save) and the site's shell for reading offline. Network
// first, always: online, a reader sees the newest build; offline, the copy
// kept, else the saved-pages page, which says the page is not saved.
const SITE = /*SITE*/{};
const SHELL = "calabash-shell-" + SITE.version;
const PAGES = "calabash-pages";
const FILES = "calabash-files";
const FILES_KEPT = 200;
const scope = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(SITE.shell)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const old = (name) => name.startsWith("calabash-shell-") && name !== SHELL;
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter(old).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith(networkFirst(event, request, url));
});

async function networkFirst(event, request, url) {
  const page = request.mode === "navigate";
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const keeping = keep(request, url, response.clone());
      // A page saving a collection waits until each page is kept.
      if (request.headers.has("x-calabash-save")) await keeping;
      else event.waitUntil(keeping);
    }
    return response;
  } catch (offline) {
    const key = page ? url.origin + url.pathname : request;
    const kept = await caches.match(key, { ignoreSearch: page });
    if (kept) return kept;
    if (page) return (await caches.match(savedPage(url.pathname), { cacheName: SHELL })) || Response.error();
    throw offline;
  }
}

// Pages (HTML) go to the pages cache under their address without a query,
// with their title, which the saved-pages page lists; other files to the
// files cache; the shell's own files refresh the shell.
async function keep(request, url, response) {
  const address = url.origin + url.pathname;
  if (SITE.shell.some((s) => new URL(s, scope).href === address)) {
    return (await caches.open(SHELL)).put(address, response);
  }
  if (!(response.headers.get("content-type") || "").startsWith("text/html")) {
    const files = await caches.open(FILES);
    await files.put(request, response);
    // Index files are named by their bytes, so those of earlier builds are
    // never asked for again: past FILES_KEPT, the least recently kept go.
    const keys = await files.keys();
    return Promise.all(keys.slice(0, Math.max(0, keys.length - FILES_KEPT)).map((k) => files.delete(k)));
  }
  const html = await response.text();
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  const headers = new Headers(response.headers);
  headers.set("x-calabash-title", encodeURIComponent(title ? title[1].trim() : url.pathname));
  headers.set("x-calabash-saved", new Date().toISOString());
  await (await caches.open(PAGES)).put(address, new Response(html, { headers }));
}

// The saved-pages page of the language the address says: /es/... → /es/saved/.
function savedPage(path) {
  const first = path.slice(scope.pathname.length).split("/")[0];
  return new URL(SITE.saved[first] || SITE.saved[""], scope).href;
}
