// node tests/browser/actions.mjs <base-url> <site-dir> <screenshot-dir> <path>...
//
// Members' actions as a reader meets them. For each page path, with
// JavaScript off (no action needs it): the HTTP status, every link of the
// page with the text a screen reader announces for it and its href as
// written, and every heading's text. With JavaScript on: axe-core
// violations (WCAG 2.x A and AA) in the light and dark colour schemes at
// 1280 px and at 320 px.

import { parseArgs, withBrowser, openTab, visit, axeViolations } from './lib.mjs';

const { base, rest: paths } = parseArgs();

/** In the page: each link's accessible text and href, each heading's text. */
function linksAndHeadings() {
  const text = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  return {
    links: [...document.querySelectorAll('a')].map((a) => ({
      text: text(a) || a.getAttribute('aria-label') || '',
      href: a.getAttribute('href'),
      visible: a.getClientRects().length > 0,
    })),
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(text),
  };
}

await withBrowser(240000, async (browser) => {
  const pages = [];
  for (const path of paths) {
    const result = { path };
    const noJs = await openTab(browser, base, { javascript: false, width: 1280 });
    result.status = await visit(noJs.page, base + path);
    Object.assign(result, await noJs.page.evaluate(linksAndHeadings));
    await noJs.page.close();

    const { page, log } = await openTab(browser, base, { javascript: true, width: 1280 });
    await visit(page, base + path);
    result.axe = { light: await axeViolations(page) };
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    result.axe.dark = await axeViolations(page);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: 320, height: 700 });
    await visit(page, base + path);
    result.axe.narrow = await axeViolations(page);
    result.consoleErrors = [...log.consoleErrors, ...noJs.log.consoleErrors];
    await page.close();
    pages.push(result);
    console.error(`checked ${path}`);
  }
  return { pages };
});
