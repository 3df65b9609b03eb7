// node tests/browser/offline.mjs <base-url> <site-dir> <screenshot-dir> <next-site-dir> <changed-page> <visit...>
//
// Offline reading (/sw.js, /saved/, offline/offline.js) in headless
// Chromium: visits the home page and the pages <visit...> (the last is
// <changed-page>), runs a search; then offline (the page's and the service
// worker's network both cut) reports what each visited page, the saved
// page, an unvisited page, an unvisited Spanish page and two searches (one
// over the index files fetched, one needing others) show; back online,
// puts <next-site-dir> (a rebuild with <changed-page> changed) in place of
// <site-dir> and reports what <changed-page> shows; saves the whole first
// collection from its list page (the question asked before any download,
// then the progress and the end) and, offline again, opens every page of
// the collection's list. axe-core runs on the saved page, the offline page
// and the collection page with its save button shown. Every request to
// another host and every console error of the run are reported too; last,
// how many of 230 other files fetched the worker keeps.

import fs from 'node:fs';
import { parseArgs, withBrowser, visit, axeViolations, sleep } from './lib.mjs';

const { base, site, rest } = parseArgs();
const [next, changed, ...visits] = rest;
if (!next || !changed || visits.length < 3) {
  console.error('usage: node offline.mjs <base-url> <site-dir> <screenshot-dir> <next-site-dir> <changed-page> <visit...>');
  process.exit(2);
}

/** What a page shows: its heading, language and the saved list's links. */
function shown() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : null);
  const visible = (el) => Boolean(el) && el.getClientRects().length > 0;
  return {
    path: location.pathname,
    lang: document.documentElement.lang,
    h1: text(document.querySelector('h1')),
    title: document.title,
    notice: visible(document.getElementById('offline-notice')) ? text(document.getElementById('offline-notice')) : null,
    unsupported: visible(document.getElementById('saved-unsupported')),
    saved: [...document.querySelectorAll('#saved-list a')].map((a) => ({ path: new URL(a.href).pathname, title: text(a) })),
    status: text(document.querySelector('[role="status"]')),
  };
}

withBrowser(8 * 60 * 1000, async (browser) => {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  const log = { foreign: [], consoleErrors: [] };
  const origin = new URL(base).origin;
  page.on('request', (req) => {
    if (!/^(data|blob):/.test(req.url()) && !req.url().startsWith(origin + '/')) log.foreign.push(req.url());
  });
  // Offline, a file not saved fails to load, as it should: that is no error.
  let cut = false;
  page.on('console', (msg) => {
    if (cut && msg.text().startsWith('Failed to load resource')) return;
    if (msg.type() === 'error') log.consoleErrors.push(`${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (err) => log.consoleErrors.push(`uncaught: ${err?.message ?? err}`));

  // Offline is the page's network and the service worker's, which fetches
  // for it: both are cut (the browser's offline mode does both).
  const workers = [];
  const offline = async (on) => {
    cut = on;
    await page.setOfflineMode(on);
    for (const session of workers) {
      await session.send('Network.emulateNetworkConditions', { offline: on, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
  };
  const result = { worker: {}, online: {}, offline: {}, rebuilt: {}, collection: {}, axe: {}, log };

  await visit(page, `${base}/`);
  await page.waitForFunction(() => navigator.serviceWorker?.controller, { timeout: 20000 });
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker');
  const session = await target.createCDPSession();
  await session.send('Network.enable');
  workers.push(session);
  result.worker = await page.evaluate(async () => ({
    scope: (await navigator.serviceWorker.ready).scope,
    caches: await caches.keys(),
  }));

  for (const path of visits) {
    await visit(page, `${base}${path}`);
    result.online[path] = await page.evaluate(shown);
  }
  // A search while online fetches the index files its words need.
  await visit(page, `${base}/search/?q=whatsapp`);
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0);
  await sleep(300);

  await offline(true);
  for (const path of visits) {
    const status = await visit(page, `${base}${path}`);
    result.offline[path] = { status, ...(await page.evaluate(shown)) };
  }
  await visit(page, `${base}/saved/`);
  await page.waitForFunction(() => document.querySelectorAll('#saved-list a').length > 0);
  result.offline.saved = await page.evaluate(shown);
  result.axe.saved = await axeViolations(page);
  await visit(page, `${base}/never-visited/page/`);
  await page.waitForFunction(() => document.querySelectorAll('#saved-list a').length > 0);
  result.offline.unvisited = await page.evaluate(shown);
  result.axe.offline = await axeViolations(page);
  await visit(page, `${base}/es/never-visited/`);
  await page.waitForFunction(() => document.querySelectorAll('#saved-list a').length > 0);
  result.offline.unvisited_es = await page.evaluate(shown);

  // Search offline: the words searched online find their results again;
  // a word whose index file was never fetched cannot be answered.
  await visit(page, `${base}/search/?q=whatsapp`);
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0
    || document.querySelector('#search-status')?.textContent);
  await sleep(300);
  result.offline.search_known = await page.evaluate(() => ({
    hits: [...document.querySelectorAll('#search-results li a')].map((a) => new URL(a.href).pathname),
    status: document.getElementById('search-status').textContent,
  }));
  await page.evaluate(() => {
    const box = document.getElementById('search-q');
    box.value = 'zyxwvut qqqjjj';
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.getElementById('search-status').classList.contains('search-error'));
  await sleep(300);
  result.offline.search_unknown = await page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    live: document.getElementById('search-status').getAttribute('aria-live'),
    expected: document.getElementById('search-status').dataset.offline,
  }));

  // A new build is published; the next online visit shows it.
  await offline(false);
  fs.rmSync(site, { recursive: true, force: true });
  fs.cpSync(next, site, { recursive: true });
  await visit(page, `${base}${changed}`);
  result.rebuilt.changed = await page.evaluate(shown);
  await offline(true);
  await visit(page, `${base}${changed}`);
  result.rebuilt.changed_offline = await page.evaluate(shown);
  await offline(false);

  // Save a whole collection: its size is asked about before any download.
  const list = visits.find((p) => p.split('/').filter(Boolean).length === 1);
  await visit(page, `${base}${list}`);
  await page.waitForSelector('.save-offline:not([hidden])');
  result.axe.collection = await axeViolations(page);
  const fetched = [];
  const record = (req) => fetched.push(new URL(req.url()).pathname);
  page.on('request', record);
  result.collection.button = await page.$eval('.save-start', (b) => b.textContent.trim());
  await page.click('.save-start');
  await page.waitForSelector('.save-confirm:not([hidden])');
  result.collection.question = await page.$eval('.save-question', (p) => p.textContent);
  result.collection.yes = await page.$eval('.save-yes', (b) => b.textContent);
  result.collection.before_yes = [...fetched];
  const listUrl = await page.$eval('.save-offline', (d) => d.dataset.saveList);
  result.collection.list = await page.evaluate(async (u) => (await fetch(u)).json(), listUrl);
  await page.click('.save-yes');
  await page.waitForFunction(() => {
    const s = document.querySelector('.save-status')?.textContent || '';
    return s && !s.includes('…');
  }, { timeout: 60000 });
  result.collection.status = await page.$eval('.save-status', (p) => p.textContent);
  page.off('request', record);
  await offline(true);
  result.collection.offline = {};
  for (const url of result.collection.list.urls) {
    const status = await visit(page, `${origin}${url}`);
    const s = await page.evaluate(shown);
    result.collection.offline[url] = { status, h1: s.h1, path: s.path, notice: s.notice };
  }
  await visit(page, `${base}/saved/`);
  await page.waitForFunction(() => document.querySelectorAll('#saved-list a').length > 0);
  result.collection.saved = (await page.evaluate(shown)).saved.map((s) => s.path);
  // Removing one page takes it off the list.
  await page.click('#saved-list button');
  await page.waitForFunction((n) => document.querySelectorAll('#saved-list a').length === n - 1, {}, result.collection.saved.length);
  result.collection.after_remove = (await page.evaluate(shown)).saved.map((s) => s.path);
  await offline(false);

  // Files other than pages are kept within a bound, the newest kept.
  result.files = await page.evaluate(async (base) => {
    for (let n = 0; n < 230; n += 1) await fetch(`${base}/robots.txt?n=${n}`);
    await new Promise((r) => setTimeout(r, 1000));
    const keys = (await (await caches.open('calabash-files')).keys()).map((k) => new URL(k.url).search);
    return { kept: keys.length, newest: keys.includes('?n=229'), oldest: keys.includes('?n=0') };
  }, base);
  return result;
});
