// node tests/browser/languages.mjs <base-url> <site-dir> <screenshot-dir> <path>...
//
// The pages of a hub in several languages, without JavaScript: for each
// path, the page's <html lang>, its language switcher (each link's href,
// hreflang, lang and aria-current), axe-core's violations; then follows the
// switcher to the first other language and back, reporting the address and
// <html lang> of each page reached.

import { parseArgs, withBrowser, openTab, visit, axeViolations } from './lib.mjs';

const { base, rest } = parseArgs();

function describe() {
  const links = [...document.querySelectorAll('nav.language-switcher a')].map((a) => ({
    href: new URL(a.href, location.href).pathname,
    hreflang: a.getAttribute('hreflang'),
    lang: a.getAttribute('lang'),
    current: a.getAttribute('aria-current'),
  }));
  return { path: location.pathname, lang: document.documentElement.lang, links };
}

/** Clicks the switcher's link to `lang` and waits for the page it opens. */
async function follow(page, lang) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }),
    page.click(`nav.language-switcher a[hreflang="${lang}"]`),
  ]);
  return page.evaluate(describe);
}

await withBrowser(5 * 60 * 1000, async (browser) => {
  const pages = [];
  for (const path of rest) {
    // axe-core runs as a script: on a tab of its own.
    const checked = await openTab(browser, base);
    await visit(checked.page, base + path);
    const axe = { light: await axeViolations(checked.page), dark: [], narrow: [] };
    await checked.page.close();
    const { page, log } = await openTab(browser, base, { javascript: false });
    const status = await visit(page, base + path);
    const here = await page.evaluate(describe);
    const other = here.links.find((l) => !l.current);
    const trip = [];
    if (other) {
      trip.push(await follow(page, other.hreflang));
      trip.push(await follow(page, here.lang));
    }
    pages.push({ status, ...here, axe, trip, consoleErrors: log.consoleErrors, failed: log.failed });
    await page.close();
  }
  return { pages };
});
