// node tests/browser/languages-interface.mjs <base-url> <site-dir> <dom-dir> <path>... [search:<path>:<query>]...
//
// The interface of a hub's pages in another language, as a reader meets it.
// For each page path: with JavaScript off, the page's `lang`, its interface
// texts (see `snapshot`), the language switcher's round trip (to each other
// language and back); with JavaScript on, the interface text again, axe-core
// (light, dark, 320 px) and the page's DOM written to <dom-dir> for the Nu
// Html Checker. For each `search:<path>:<query>`: the query typed into that
// search page, then its results (address, title, the language each is
// marked in), the live region, the interface text after the search, axe-core
// and the DOM as above.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, withBrowser, openTab, visit, axeViolations, sleep } from './lib.mjs';

const { base, shots, rest } = parseArgs();
const domDir = path.join(shots, 'languages-interface');
fs.mkdirSync(domDir, { recursive: true });
const paths = rest.filter((a) => !a.startsWith('search:'));
const searches = rest
  .filter((a) => a.startsWith('search:'))
  .map((a) => {
    const [, where, ...query] = a.split(':');
    return { path: where, query: query.join(':') };
  });

/** In the page: its language, the texts of its interface (each text node
 * of the page without parts marked as English, scripts, and `noscript` read as raw text when
 * scripts run; attributes a reader may hear or see included), every part
 * marked with another `lang`, and the language switcher. */
function snapshot() {
  const text = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const lang = document.documentElement.getAttribute('lang');
  const shell = document.documentElement.cloneNode(true);
  const english = (el) => /^en(-|$)/i.test(el.getAttribute('lang') || '');
  for (const el of shell.querySelectorAll('[lang]')) if (english(el) && el !== shell) el.remove();
  for (const el of shell.querySelectorAll('script, style, template, link, meta')) el.remove();
  // With scripts on, <noscript> holds its markup as text: not what a reader sees.
  for (const el of shell.querySelectorAll('noscript')) if (!el.children.length) el.remove();
  const said = [...shell.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap((el) =>
    ['aria-label', 'title', 'alt', 'placeholder'].map((a) => el.getAttribute(a)).filter(Boolean),
  );
  const walker = document.createTreeWalker(shell, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (text(walker.currentNode.data)) nodes.push(text(walker.currentNode.data));
  return {
    path: location.pathname,
    lang,
    interface: [...nodes, ...said.map(text)],
    parts: [...document.body.querySelectorAll('[lang]')].map((el) => ({
      tag: el.tagName.toLowerCase(),
      lang: el.getAttribute('lang'),
      text: text(el.textContent).slice(0, 80),
    })),
    switcher: [...document.querySelectorAll('nav.language-switcher a')].map((a) => ({
      href: new URL(a.href, location.href).pathname,
      hreflang: a.getAttribute('hreflang'),
      lang: a.getAttribute('lang'),
      current: a.getAttribute('aria-current'),
    })),
  };
}

/** Follows the switcher from `path` to each other language and back. */
async function roundTrips(page, path, first) {
  const trips = [];
  for (const link of first.switcher.filter((l) => l.current !== 'page')) {
    await visit(page, base + path);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }),
      page.click(`nav.language-switcher a[hreflang="${link.hreflang}"]`),
    ]);
    const there = await page.evaluate(snapshot);
    let back = null;
    if (there.switcher.some((l) => l.hreflang === first.lang)) {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }),
        page.click(`nav.language-switcher a[hreflang="${first.lang}"]`),
      ]);
      back = await page.evaluate(() => ({ path: location.pathname, lang: document.documentElement.lang }));
    }
    trips.push({ to: link.hreflang, href: link.href, there: { path: there.path, lang: there.lang }, back });
  }
  return trips;
}

/** Writes the page's DOM as it is now, for the Nu Html Checker. */
async function saveDom(page, name) {
  const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
  const file = path.join(domDir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home'}.html`);
  fs.writeFileSync(file, html);
  return file;
}

/** axe-core in light and dark colour schemes and at 320 px, on the page as it is. */
async function axeAll(page) {
  const axe = { light: await axeViolations(page) };
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  axe.dark = await axeViolations(page);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.setViewport({ width: 320, height: 700 });
  axe.narrow = await axeViolations(page);
  return axe;
}

/** Types `query` into the search page at `where` and reads what it shows. */
async function search(browser, { path: where, query }) {
  const { page, log } = await openTab(browser, base, { javascript: true });
  await visit(page, base + where);
  await page.type('#search-q', query);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length > 0, { timeout: 20000 }).catch(() => {});
  await page.waitForFunction(() => document.querySelector('#search-status')?.textContent.trim(), { timeout: 5000 }).catch(() => {});
  await sleep(300);
  const seen = await page.evaluate(() => {
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
    return {
      live: text(document.querySelector('#search-status')),
      hits: [...document.querySelectorAll('#search-results > li')].map((li) => {
        const a = li.querySelector('a[href]');
        return {
          href: a ? new URL(a.href, location.href).pathname : null,
          title: text(a),
          lang: a?.closest('[lang]')?.getAttribute('lang') ?? null,
        };
      }),
    };
  });
  const shown = await page.evaluate(snapshot);
  const dom = await saveDom(page, `search-${where}-${query}`);
  const axe = await axeAll(page);
  await page.close();
  return { path: where, query, ...seen, ...shown, dom, axe, consoleErrors: log.consoleErrors, failed: log.failed };
}

await withBrowser(5 * 60 * 1000, async (browser) => {
  const pages = [];
  for (const where of paths) {
    const noJs = await openTab(browser, base, { javascript: false });
    const status = await visit(noJs.page, base + where);
    const first = await noJs.page.evaluate(snapshot);
    const trips = await roundTrips(noJs.page, where, first);
    await noJs.page.close();

    const { page, log } = await openTab(browser, base, { javascript: true });
    await visit(page, base + where);
    await sleep(200);
    const scripted = await page.evaluate(snapshot);
    const dom = await saveDom(page, where);
    const axe = await axeAll(page);
    await page.close();
    pages.push({
      ...first,
      status,
      scriptedInterface: scripted.interface,
      trips,
      dom,
      axe,
      consoleErrors: [...log.consoleErrors, ...noJs.log.consoleErrors],
      failed: [...log.failed, ...noJs.log.failed],
    });
    console.error(`checked ${where}`);
  }
  const results = [];
  for (const s of searches) results.push(await search(browser, s));
  return { pages, searches: results };
});
