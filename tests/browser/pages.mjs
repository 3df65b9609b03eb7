// node tests/browser/pages.mjs <base-url> <site-dir> <screenshot-dir> <path>...
//
// For each page path: the HTTP status, console errors and failed requests;
// axe-core violations (WCAG 2.0/2.1/2.2 A and AA tags) at 1280 px in the light
// and dark colour schemes and at 320 px; the document's scroll width at
// 320 px (and what sticks out); and, with JavaScript disabled, whether the
// site navigation's links can be seen (or, at 320 px, reached through an
// open-able <details>) and how much visible text <main> has. Also every
// request URL of the run and those that went to another host.

import { parseArgs, withBrowser, openTab, visit, axeViolations } from './lib.mjs';

const { base, rest: paths } = parseArgs();

/** In the page: the site navigation's links (every <nav> of the page
 * header, else every <nav> outside <main>) and which of them are hidden. */
function navigationReport() {
  const header = document.querySelector('body > header, header');
  let navs = header ? [...header.querySelectorAll('nav')] : [];
  if (navs.length === 0) navs = [...document.querySelectorAll('nav')].filter((n) => !n.closest('main'));
  const main = document.querySelector('main');
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return (
      el.getClientRects().length > 0 &&
      r.width > 0 &&
      r.height > 0 &&
      s.visibility !== 'hidden' &&
      Number(s.opacity) > 0 &&
      r.right > 0 &&
      r.left < window.innerWidth
    );
  };
  // A link inside a closed <details> whose <summary> is shown can be reached.
  const reachable = (a) => {
    if (shown(a)) return true;
    const details = a.closest('details:not([open])');
    const summary = details?.querySelector(':scope > summary');
    return Boolean(summary && shown(summary));
  };
  const links = navs.flatMap((nav) => [...nav.querySelectorAll('a[href]')]);
  const path = (a) => new URL(a.href, location.href).pathname;
  return {
    navs: navs.map((nav) => nav.getAttribute('aria-label') || nav.id || 'nav'),
    links: links.length,
    reachableLinks: links.filter(reachable).map(path),
    hidden: links.filter((a) => !shown(a)).map(path),
    unreachable: links.filter((a) => !reachable(a)).map(path),
    mainText: main ? main.innerText.trim().length : 0,
  };
}

/** In the page: the scroll width and the elements that stick out to the right. */
function overflowReport() {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && out.length < 6) {
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '';
      out.push(`${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(r.right)} px)`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, overflowing: out };
}

await withBrowser(240000, async (browser) => {
  const pages = [];
  const requests = [];
  const foreign = [];
  let noFavicon = false;
  for (const path of paths) {
    const url = base + path;
    const result = { path };
    // JavaScript on: errors, axe (light, dark, narrow), 320 px overflow.
    const { page, log } = await openTab(browser, base, { javascript: true, width: 1280 });
    result.status = await visit(page, url);
    result.axe = { light: await axeViolations(page) };
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    result.axe.dark = await axeViolations(page);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: 320, height: 700 });
    await visit(page, url);
    Object.assign(result, await page.evaluate(overflowReport));
    result.axe.narrow = await axeViolations(page);
    await page.close();

    // JavaScript off: navigation and content are there.
    const noJs = await openTab(browser, base, { javascript: false, width: 320 });
    await visit(noJs.page, url);
    result.noJsNarrow = await noJs.page.evaluate(navigationReport);
    await noJs.page.setViewport({ width: 1280, height: 900 });
    result.noJsWide = await noJs.page.evaluate(navigationReport);
    await noJs.page.close();

    result.consoleErrors = [...log.consoleErrors, ...noJs.log.consoleErrors];
    result.failedRequests = [...log.failed, ...noJs.log.failed];
    result.dialogs = [...log.dialogs, ...noJs.log.dialogs];
    for (const l of [log, noJs.log]) {
      noFavicon ||= l.noFavicon;
      requests.push(...l.requests);
      foreign.push(...l.foreign);
    }
    pages.push(result);
    console.error(`checked ${path}`);
  }
  return { pages, requests: [...new Set(requests)], foreign: [...new Set(foreign)], noFavicon };
});
